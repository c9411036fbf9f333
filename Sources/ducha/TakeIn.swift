import Archive
import Foundation
import Intake
import Matters

/// Takes in matter records and event records (JSON files; each file holds one kind, told apart by the
/// `事件` key): matters are registered first, then events are recorded in date order, each through the
/// lifecycle. Every problem is reported; nothing of a file with an error is taken in.
struct TakeIn {
    struct Summary {
        var mattersAdded = 0
        var mattersUnchanged = 0
        var eventsAdded = 0
        var eventsUnchanged = 0
        var slips: [(matter: String, number: DocumentNumber, path: String)] = []
        /// Every problem, already worded for the user.
        var problems: [String] = []
        var warnings: [String] = []
    }

    /// Whether a JSON file holds events rather than matters.
    static func holdsEvents(_ bytes: [UInt8]) -> Bool {
        guard let root = try? JSONParser.parse(bytes) else { return false }
        var items: [JSONNode] = []
        if case .array(let a) = root.value { items = a }
        if case .object(let members) = root.value, let first = members.first {
            if first.key == "事件" { return true }
            if case .array(let a) = first.value.value { items = a }
        }
        guard case .object(let members)? = items.first?.value else { return false }
        return members.contains { $0.key == "事件" }
    }

    /// - Parameter assignDue: also 交办 every registered 督办 matter whose record's 交办日期 has come (by
    ///   `asOf`) and that no input event assigns: the quarter-end run issues the 通知单 the records call for.
    static func run(
        files paths: [String], office: Office, asOf: CivilDate? = nil, assignDue: Bool = false,
        progress: ProgressLine? = nil
    ) throws -> Summary {
        var summary = Summary()
        var matterFiles: [(name: String, bytes: [UInt8])] = []
        var eventFiles: [(name: String, bytes: [UInt8])] = []
        var ledgerFiles: [(name: String, bytes: [UInt8])] = []
        for path in paths {
            let bytes = try readFile(path)
            if LedgerReader.isLedger(path) {
                ledgerFiles.append((path, bytes))
            } else if holdsEvents(bytes) {
                eventFiles.append((path, bytes))
            } else {
                matterFiles.append((path, bytes))
            }
        }
        let load: (String) -> [UInt8]? = { path in FileManager.default.contents(atPath: path).map { [UInt8]($0) } }
        let jsonMatters = MatterReader.read(files: matterFiles)
        // Workbooks (XLSX, ODS, CSV): their ids count against the JSON records' for duplicates.
        let ledgers = LedgerReader.read(files: ledgerFiles, after: jsonMatters, load: load)
        for d in jsonMatters.diagnostics + ledgers.matters.diagnostics {
            if d.severity == .error {
                summary.problems.append(d.description)
            } else {
                summary.warnings.append(d.description)
            }
        }
        for matter in jsonMatters.matters + ledgers.matters.matters {
            do {
                switch try office.store.register(matter) {
                case .added: summary.mattersAdded += 1
                case .unchanged: summary.mattersUnchanged += 1
                }
            } catch {
                summary.problems.append("\(error)")
            }
        }
        let events = EventReader.read(files: eventFiles, load: load)
        for d in events.diagnostics + ledgers.events.diagnostics { summary.problems.append(d.description) }
        var incoming = events.events + ledgers.events.events
        if let asOf, assignDue {
            incoming = try impliedAssignments(office: office, asOf: asOf, given: incoming) + incoming
        }
        // In date order; a stable sort keeps each file's order within a day (implied 交办 first).
        let ordered = incoming.enumerated().sorted {
            ($0.element.event.date, $0.offset) < ($1.element.event.date, $1.offset)
        }
        progress?.start(total: ordered.count, label: "记录事件")
        for (_, incoming) in ordered {
            progress?.advance()
            if let asOf, incoming.event.date > asOf {
                summary.problems.append(
                    "\(place(incoming)):日期: 事件日期 \(incoming.event.date.iso) 晚于 --as-of \(asOf.iso)，未记录")
                continue
            }
            do {
                switch try office.record(incoming) {
                case .added(_, let slip):
                    summary.eventsAdded += 1
                    if let slip { summary.slips.append((incoming.event.matterID, slip.number, slip.path)) }
                case .unchanged:
                    summary.eventsUnchanged += 1
                }
            } catch {
                summary.problems.append(
                    "\(incoming.file):\(incoming.location):事件“\(incoming.event.kind.rawValue)”: \(error)")
            }
        }
        progress?.finish()
        return summary
    }

    /// Where an event came from: `文件:记录 3（第 12 行）`, or `台账.xlsx!事件!第 5 行` for a workbook row.
    static func place(_ incoming: IncomingEvent) -> String {
        incoming.location.contains("!")
            ? "\(incoming.file)!\(incoming.location)" : "\(incoming.file):\(incoming.location)"
    }

    /// A 交办 event, dated its record's 交办日期, for every archived 督办 matter not yet assigned or
    /// transferred, unless one of the `given` events assigns it.
    static func impliedAssignments(office: Office, asOf: CivilDate, given: [IncomingEvent]) throws -> [IncomingEvent] {
        let assignedInInput = Set(
            given.filter { $0.event.kind == .assignment || $0.event.kind == .transfer }.map(\.event.matterID))
        return try office.store.allRecords().compactMap { matter, log in
            guard matter.handling == "督办", let day = matter.assignedOn, day <= asOf,
                !assignedInInput.contains(matter.id),
                !log.contains(where: { $0.event.kind == .assignment || $0.event.kind == .transfer })
            else { return nil }
            var event = Office.event(.assignment, matter: matter.id, date: day)
            event.file = "事项记录（交办日期）"
            return event
        }
    }
}
