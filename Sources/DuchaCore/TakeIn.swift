import Archive
public import Intake
public import Matters
import ODF

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
        defer { staging.discard() }
        var inputs = try checkInputs(paths, attachments: staging)
        // What each stage let go is given back to the system before the next (a long run's peak then follows what
        // it holds, not what its stages once held together with freed pages).
        AllocatorTuning.releaseFreeMemory()
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
        var implied = assignDue ? try asOf.map { try impliedAssignments(asOf: $0, given: inputs.events) } ?? [] : []
        let impliedCount = implied.count
        // One copy of the year's events, of just the size needed, ordered in place.
        var events: [IncomingEvent] = []
        events.reserveCapacity(impliedCount + inputs.events.count)
        events += implied
        implied = []
        events += inputs.events
        inputs.events = []
        AllocatorTuning.releaseFreeMemory()
        // In date order; within a day, a 审定 first (it is only allowed before 交办), then the 交办s the records
        // imply, then every other event in its file's order (a stable sort).
        Self.order(&events, implied: impliedCount)
        // A file's events are recorded all or none: tried on their matters first (EventPlan.swift), then the
        // attachments of its new events copied in (a file whose attachment changed since it was hashed is
        // refused, and the rest planned again without it).
        let keep = try plannedAndStaged(&events, files: paths, asOf: asOf, into: &result)
        AllocatorTuning.releaseFreeMemory()
        // The events to record, moved to the front in their order, the rest let go; each is given up in its turn.
        var count = 0
        for index in events.indices where keep[index] {
            events.swapAt(count, index)
            count += 1
        }
        events.removeLast(events.count - count)
        let queue = EventQueue(&events)
        progress?.start(total: count, label: "记录事件")
        // Each event's slip and log are written while the next is prepared, and the logs of the events after it
        // are read ahead (EventRecorder.swift); outcomes are counted in the events' order.
        let recorder = EventRecorder(office: self)
        let (writes, store) = (recorder.writes, store)
        Parallel.inOrder(
            count, makers: recorder.readers,
            make: { writes.readAhead(queue.take($0), store: store) },
            visit: { index, read in
                progress?.advance()
                // What the events recorded so far held (their logs, slips and summaries) given back to the system
                // now and then, so that a long run's memory follows what it holds, not what it once held.
                if index % 2048 == 2047 { AllocatorTuning.releaseFreeMemory() }
                let incoming = read.incoming
                let id = incoming.event.matterID
                if let asOf, incoming.event.date > asOf {
                    recorder.then {
                        result.problems.append(
                            Problem(
                                place: "\(incoming.place):日期", matter: id, file: incoming.file,
                                cause: .afterCutoff(date: incoming.event.date, cutoff: asOf)))
                    }
                    return
                }
                let place = "\(incoming.file):\(incoming.location):事件“\(incoming.event.kind.rawValue)”"
                let file = incoming.file
                recorder.record(read) { outcome in
                    Self.count(outcome, into: &result, place: place, matter: id, file: file)
                }
            })
        recorder.finish()
        progress?.finish()
        return result
    }

    /// Records a planned event and counts it in `result`: added (with its slip) or unchanged, or a problem at
    /// `place`.
    func record(_ incoming: IncomingEvent, into result: inout IntakeResult, place: String) {
        Self.count(
            Result { try record(incoming) }, into: &result, place: place, matter: incoming.event.matterID,
            file: incoming.file)
    }

    /// Counts what recording an event did in `result`: added (with its slip) or unchanged, or a problem at
    /// `place`.
    private static func count(
        _ outcome: Result<Recorded, any Error>, into result: inout IntakeResult, place: String, matter: String,
        file: String
    ) {
        switch outcome {
        case .success(.added(_, let slip)):
            result.eventsAdded += 1
            if let slip { result.slips.append(slip) }
        case .success(.unchanged):
            result.eventsUnchanged += 1
        case .failure(let error):
            result.problems.append(Problem(place: place, matter: matter, file: file, error))
        }
    }

    /// The events to record (``planned(_:files:excluding:asOf:into:)``), with the attachments of the new ones
    /// staged. Attachments were hashed where the sender put them; those of events already recorded are never
    /// copied (the same input again writes nothing), those of new events are copied into the staging folder now,
    /// before anything is recorded, and must hash as they did. A file with an attachment that no longer does is
    /// refused whole and the rest planned again without it.
    func plannedAndStaged(
        _ events: inout [IncomingEvent], files: [String], asOf: CivilDate?, into result: inout IntakeResult
    ) throws -> [Bool] {
        var excluded: Set<String> = []
        var refusedAttachments: [Problem] = []
        while true {
            var attempt = result
            let (keep, fresh) = try planned(events, files: files, excluding: excluded, asOf: asOf, into: &attempt)
            var failed: Set<String> = []
            for index in events.indices where keep[index] && fresh[index] && !failed.contains(events[index].file) {
                do {
                    events[index] = try staging.staged(events[index])
                } catch {
                    failed.insert(events[index].file)
                    refusedAttachments.append(
                        Problem(
                            place: events[index].place, matter: events[index].event.matterID,
                            file: events[index].file,
                            cause: .other("\(error)；此文件的事件都未记录（改正后再读入此文件）")))
                }
            }
            if failed.isEmpty {
                attempt.problems += refusedAttachments
                result = attempt
                return keep
            }
            excluded.formUnion(failed)
        }
    }

    /// Puts `events` in the order they are recorded: by date; within a day a 审定 first, then the first `implied`
    /// events (the 交办s the records imply), then the rest in their order. Sorts a permutation of small keys and
    /// applies it in place, so the events are never held twice.
    static func order(_ events: inout [IncomingEvent], implied: Int) {
        let keys = events.indices.map { i in
            (events[i].event.date, i < implied ? 1 : events[i].event.kind == .approval ? 0 : 2, i)
        }
        var permutation = keys.indices.sorted { keys[$0] < keys[$1] }  // position → index of the event there
        for start in permutation.indices where permutation[start] != start {
            // Follow the cycle through `start`, moving each event once.
            let first = events[start]
            var position = start
            while permutation[position] != start {
                let next = permutation[position]
                events[position] = events[next]
                permutation[position] = position
                position = next
            }
            events[position] = first
            permutation[position] = position
        }
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
