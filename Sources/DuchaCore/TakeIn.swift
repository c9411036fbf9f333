import Archive
public import Intake
public import Matters

/// What taking in record files did.
public struct IntakeResult: Sendable {
    public var mattersAdded = 0
    public var mattersUnchanged = 0
    public var eventsAdded = 0
    public var eventsUnchanged = 0
    /// The slips the recorded events called for, in the order issued.
    public var slips: [IssuedSlip] = []
    /// Every error, each with its place and structured cause.
    public var problems: [Problem] = []
    /// Things the user should know that took nothing back (e.g. a workbook's ignored column).
    public var warnings: [Problem] = []

    public init() {}
}

extension Office {
    /// Takes in matter records and event records (JSON files, one kind per file, told apart by the `事件` key;
    /// ledger workbooks `.xlsx`/`.ods`/`.csv` with both): matters are registered first, then events are recorded
    /// in date order, each through the lifecycle. Every problem is reported; nothing of a file with an error
    /// is taken in.
    /// - Parameters:
    ///   - asOf: events dated after this day are refused (the quarter-end run's cut-off).
    ///   - assignDue: also 交办 every registered 督办 matter whose record's 交办日期 has come (by `asOf`) and that
    ///     no input event assigns: the quarter-end run issues the 通知单 the records call for.
    /// - Throws: ``DuchaError/unreadable(path:)`` when an input cannot be read at all.
    public func takeIn(
        files paths: [String], asOf: CivilDate? = nil, assignDue: Bool = false, progress: (any ProgressReporter)? = nil
    ) throws -> IntakeResult {
        var result = IntakeResult()
        var matterFiles: [(name: String, bytes: [UInt8])] = []
        var eventFiles: [(name: String, bytes: [UInt8])] = []
        var ledgerFiles: [(name: String, bytes: [UInt8])] = []
        for path in paths {
            let bytes = try Files.read(path)
            if LedgerReader.isLedger(path) {
                ledgerFiles.append((path, bytes))
            } else if RecordFiles.holdsEvents(bytes) {
                eventFiles.append((path, bytes))
            } else {
                matterFiles.append((path, bytes))
            }
        }
        let jsonMatters = MatterReader.read(files: matterFiles)
        // Workbooks (XLSX, ODS, CSV): their ids count against the JSON records' for duplicates.
        let ledgers = LedgerReader.read(files: ledgerFiles, after: jsonMatters, load: Files.load)
        for d in jsonMatters.diagnostics + ledgers.matters.diagnostics {
            if d.severity == .error {
                result.problems.append(Problem(cause: .diagnostic(d)))
            } else {
                result.warnings.append(Problem(cause: .diagnostic(d)))
            }
        }
        for matter in jsonMatters.matters + ledgers.matters.matters {
            do {
                switch try store.register(matter) {
                case .added: result.mattersAdded += 1
                case .unchanged: result.mattersUnchanged += 1
                }
            } catch {
                result.problems.append(Problem(matter: matter.id, error))
            }
        }
        let events = EventReader.read(files: eventFiles, load: Files.load)
        for d in events.diagnostics + ledgers.events.diagnostics {
            result.problems.append(Problem(cause: .diagnostic(d)))
        }
        var incoming = events.events + ledgers.events.events
        if let asOf, assignDue {
            incoming = try impliedAssignments(asOf: asOf, given: incoming) + incoming
        }
        // In date order; a stable sort keeps each file's order within a day (implied 交办 first).
        let ordered = incoming.enumerated().sorted {
            ($0.element.event.date, $0.offset) < ($1.element.event.date, $1.offset)
        }
        progress?.start(total: ordered.count, label: "记录事件")
        for (_, incoming) in ordered {
            progress?.advance()
            let id = incoming.event.matterID
            if let asOf, incoming.event.date > asOf {
                result.problems.append(
                    Problem(
                        place: "\(incoming.place):日期", matter: id,
                        cause: .other("事件日期 \(incoming.event.date.iso) 晚于 --as-of \(asOf.iso)，未记录")))
                continue
            }
            do {
                switch try record(incoming) {
                case .added(_, let slip):
                    result.eventsAdded += 1
                    if let slip { result.slips.append(slip) }
                case .unchanged:
                    result.eventsUnchanged += 1
                }
            } catch {
                result.problems.append(
                    Problem(
                        place: "\(incoming.file):\(incoming.location):事件“\(incoming.event.kind.rawValue)”", matter: id,
                        error))
            }
        }
        progress?.finish()
        return result
    }

    /// A 交办 event, dated its record's 交办日期, for every archived 督办 matter not yet assigned or
    /// transferred, unless one of the `given` events assigns it.
    func impliedAssignments(asOf: CivilDate, given: [IncomingEvent]) throws -> [IncomingEvent] {
        let assignedInInput = Set(
            given.filter { $0.event.kind == .assignment || $0.event.kind == .transfer }.map(\.event.matterID))
        return try store.allRecords().compactMap { matter, log in
            guard matter.handling == .supervise, let day = matter.assignedOn, day <= asOf,
                !assignedInInput.contains(matter.id),
                !log.contains(where: { $0.event.kind == .assignment || $0.event.kind == .transfer })
            else { return nil }
            var event = IncomingEvent.made(.assignment, matter: matter.id, date: day)
            event.file = "事项记录（交办日期）"
            return event
        }
    }
}

extension IncomingEvent {
    /// Where an event came from: `文件:记录 3（第 12 行）`, or `台账.xlsx!事件!第 5 行` for a workbook row.
    public var place: String { location.contains("!") ? "\(file)!\(location)" : "\(file):\(location)" }
}

/// Telling record files apart.
enum RecordFiles {
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
}
