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
    /// Every error, each with its place and structured cause — at most 100 of a file, then one that says how many
    /// more there were (counted in ``unlisted``).
    public var problems: [Problem] = []
    /// Errors found and not listed in ``problems``, beyond each file's first 100.
    public var unlisted = 0
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
        let staging = AttachmentStaging(store: store)
        defer { staging.discard() }
        let inputs = try checkInputs(paths, attachments: staging)
        result.unlisted = inputs.unlisted
        for d in inputs.matterDiagnostics {
            if d.severity == .error {
                result.problems.append(Problem(cause: .diagnostic(d)))
            } else {
                result.warnings.append(Problem(cause: .diagnostic(d)))
            }
        }
        registerMatters(of: inputs, into: &result)
        for d in inputs.eventDiagnostics {
            result.problems.append(Problem(cause: .diagnostic(d)))
        }
        let given = inputs.events
        let implied = assignDue ? try asOf.map { try impliedAssignments(asOf: $0, given: given) } ?? [] : []
        // In date order; within a day, a 审定 first (it is only allowed before 交办), then the 交办s the records
        // imply, then every other event in its file's order (a stable sort).
        func rank(_ incoming: IncomingEvent, implied: Bool) -> Int {
            implied ? 1 : incoming.event.kind == .approval ? 0 : 2
        }
        let ordered = (implied.map { ($0, true) } + given.map { ($0, false) }).enumerated().map {
            (
                key: ($0.element.0.event.date, rank($0.element.0, implied: $0.element.1), $0.offset),
                incoming: $0.element.0
            )
        }.sorted { $0.key < $1.key }.map(\.incoming)
        // A file's events are recorded all or none: tried on their matters first (EventPlan.swift).
        let recordable = try planned(ordered, files: paths, asOf: asOf, into: &result)
        progress?.start(total: recordable.count, label: "记录事件")
        for incoming in recordable {
            progress?.advance()
            let id = incoming.event.matterID
            if let asOf, incoming.event.date > asOf {
                result.problems.append(
                    Problem(
                        place: "\(incoming.place):日期", matter: id, file: incoming.file,
                        cause: .afterCutoff(date: incoming.event.date, cutoff: asOf)))
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
                        file: incoming.file, error))
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
        var implied: [IncomingEvent] = []
        try store.forEachRecord { matter, log in
            guard matter.handling == .supervise, let day = matter.assignedOn, day <= asOf,
                !assignedInInput.contains(matter.id),
                !log.contains(where: { $0.event.kind == .assignment || $0.event.kind == .transfer })
            else { return }
            var event = IncomingEvent.made(.assignment, matter: matter.id, date: day)
            event.file = "事项记录（交办日期）"
            implied.append(event)
        }
        return implied
    }
}

extension IncomingEvent {
    /// Where an event came from: `文件:记录 3（第 12 行）`, or `台账.xlsx!事件!第 5 行` for a workbook row.
    public var place: String { location.contains("!") ? "\(file)!\(location)" : "\(file):\(location)" }
}
