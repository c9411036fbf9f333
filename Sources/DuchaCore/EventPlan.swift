import Archive
import Intake
import Matters

/// A matter as the plan tries events on it: its record, the log so far and the status that log folds to, with
/// the log's events by kind and date (the same event again is looked for among those only, so a file of many
/// events costs each one a look at its day, not at the whole log).
private struct Trial {
    let matter: Matter
    var log: [StoredEvent]
    var status: MatterStatus
    private var byDay: [String: [Int]] = [:]

    init(matter: Matter, log: [StoredEvent], status: MatterStatus) {
        self.matter = matter
        self.log = []
        self.status = status
        for stored in log { append(stored) }
    }

    mutating func append(_ stored: StoredEvent) {
        byDay[Self.day(stored.event), default: []].append(log.count)
        log.append(stored)
    }

    /// Whether the log holds this event already (``Office/same(_:_:digests:)``).
    func holds(_ event: MatterEvent, digests: [String]) -> Bool {
        (byDay[Self.day(event)] ?? []).contains { Office.same(log[$0], event, digests: digests) }
    }

    private static func day(_ event: MatterEvent) -> String { "\(event.kind.rawValue) \(event.date.iso)" }
}

/// Why an event of a file cannot be recorded. Its errors are values (``LifecycleRefusal``, ``DuchaError``,
/// `ArchiveError` …), handed from the thread that tried the event to the one that reports it.
private enum Refusal: @unchecked Sendable {
    /// Dated after the run's `--as-of`.
    case late(CivilDate)
    /// The lifecycle refuses it, or its matter is not archived.
    case refused(any Error)
    /// It would make an event planned before it (that index) fail so.
    case conflict(with: Int, any Error)
}

/// The events of an intake being planned: the events already planned for each matter, and which events are to
/// be recorded. A matter's starting point is read from the archive each time a file's events are tried on it
/// and not kept: a year of matters is never held at once.
private struct Plan {
    let events: [IncomingEvent]
    var keep: [Bool]
    /// Whether an event to be recorded is new: not in its matter's log already (nor planned before it).
    var fresh: [Bool]
    /// Matter id → indices of its planned events, in order.
    var planned: [String: [Int]] = [:]

    init(events: [IncomingEvent]) {
        self.events = events
        keep = Array(repeating: false, count: events.count)
        fresh = keep
    }

    /// Plans these events to be recorded.
    mutating func take(_ members: [Int]) {
        for i in members {
            keep[i] = true
            planned[events[i].event.matterID, default: []].append(i)
        }
    }
}

/// What trying one matter's events of a decision found: whether each of them is new, and those refused.
private struct MatterTrial: Sendable {
    var fresh: [(index: Int, added: Bool)] = []
    var refused: [(index: Int, why: Refusal)] = []
}

extension Office {
    /// Which events of an intake (in their order) are to be recorded: a record file's events are taken all or
    /// none. Before anything is recorded, each file's events are tried on their matters — the archived log, then
    /// the events already planned, in date order — exactly as ``record(_:)`` will apply them; a file with an
    /// event the lifecycle refuses, for a matter the archive does not hold, or dated after `asOf`, has none of
    /// its events recorded. Files are decided in the order given (events a front end made, such as the batch's
    /// implied 交办, each on its own and first), and a file is taken only if its events and every event planned
    /// before it still apply together, so what is planned always records cleanly.
    ///
    /// Every refused event is a problem in `result`, as recording it would have said; a file that had good events
    /// besides gets one more problem that says they were not recorded either. The events of the `excluded` files
    /// are left out (files already refused for another reason). Returns, for each event, whether it is to be
    /// recorded, and whether it is new (its matter's log does not hold it yet).
    func planned(
        _ ordered: [IncomingEvent], files: [String], excluding excluded: Set<String> = [], asOf: CivilDate?,
        into result: inout IntakeResult
    ) throws -> (keep: [Bool], fresh: [Bool]) {
        let fromFiles = Set(files)
        var groups: [String: [Int]] = [:]
        var made: [Int] = []
        for (index, incoming) in ordered.enumerated() where !excluded.contains(incoming.file) {
            if fromFiles.contains(incoming.file) {
                groups[incoming.file, default: []].append(index)
            } else {
                made.append(index)
            }
        }
        var decided: Set<String> = []
        let decisionOrder =
            made.map { (file: String?.none, members: [$0]) }
            + files.filter { groups[$0] != nil && decided.insert($0).inserted }.map { ($0, groups[$0]!) }
        groups = [:]
        var plan = Plan(events: ordered)
        // Decisions are tried in batches of consecutive ones on distinct matters: each matter's trial depends only
        // on what decisions before the batch planned for it, so the batch's trials run on the office's threads and
        // are decided here in order.
        var start = 0
        while start < decisionOrder.count {
            var end = start
            var matters: Set<String> = []
            var units: [(decision: Int, id: String, mine: [Int])] = []
            while end < decisionOrder.count, units.count < 512 {
                let own = Dictionary(grouping: decisionOrder[end].members) { ordered[$0].event.matterID }
                guard end == start || own.keys.allSatisfy({ !matters.contains($0) }) else { break }
                matters.formUnion(own.keys)
                units += own.keys.sorted().map { (end, $0, own[$0]!) }
                end += 1
            }
            let trials = try trials(units.map { ($0.id, $0.mine) }, after: plan.planned, events: ordered)
            var unit = 0
            for decision in start..<end {
                let (file, members) = decisionOrder[decision]
                var refused: [(index: Int, why: Refusal)] = []
                if let asOf {
                    for i in members where ordered[i].event.date > asOf { refused.append((i, .late(asOf))) }
                }
                while unit < units.count, units[unit].decision == decision {
                    for (i, added) in trials[unit].fresh { plan.fresh[i] = added }
                    refused += trials[unit].refused
                    unit += 1
                }
                decide(file, members, refused: refused.sorted { $0.index < $1.index }, in: &plan, into: &result)
            }
            start = end
        }
        return (plan.keep, plan.fresh)
    }

    /// Takes a decision's events into the plan when none is refused; otherwise words the refusals in `result`.
    private func decide(
        _ file: String?, _ members: [Int], refused: [(index: Int, why: Refusal)], in plan: inout Plan,
        into result: inout IntakeResult
    ) {
        let ordered = plan.events
        guard !refused.isEmpty else {
            plan.take(members)
            return
        }
        // Worded only for those listed: a file of a million refused events costs a count.
        result.problems += refused.prefix(FileDiagnostics.limit).map { problem($0.why, at: $0.index, in: ordered) }
        if refused.count > FileDiagnostics.limit {
            result.unlisted += refused.count - FileDiagnostics.limit
            result.problems.append(
                Problem(
                    place: file ?? ordered[members[0]].place,
                    cause: .other(
                        "另有 \(refused.count - FileDiagnostics.limit) 处错误未列出（每个文件最多列出 \(FileDiagnostics.limit) 条）")))
        }
        let good = members.count - Set(refused.map(\.index)).count
        if good > 0, let file {
            result.problems.append(
                Problem(
                    place: file,
                    cause: .other(
                        "此文件有 \(members.count - good) 个事件不能记录，其余 \(good) 个事件也未记录（一个文件的事件要么全部记录，要么都不记录；改正后再读入此文件）")
                ))
        }
    }

    /// ``trial(_:mine:planned:events:store:lifecycle:)`` of each matter of `units`, on the office's threads.
    private func trials(_ units: [(id: String, mine: [Int])], after planned: [String: [Int]], events: [IncomingEvent])
        throws -> [MatterTrial]
    {
        let (store, lifecycle) = (store, lifecycle)
        return try Parallel.map(units.count, threads: workspace.threads) { unit in
            try Self.trial(
                units[unit].id, mine: units[unit].mine, planned: planned[units[unit].id] ?? [], events: events,
                store: store, lifecycle: lifecycle)
        }
    }

    /// Tries one matter's events of a decision (`mine`, indices into `events`) after those planned for it before
    /// (`planned`), in date order, exactly as ``record(_:)`` will apply them; reads the archive and changes
    /// nothing, so it may run on any thread.
    private static func trial(
        _ id: String, mine: [Int], planned: [Int], events: [IncomingEvent], store: ArchiveStore, lifecycle: Lifecycle
    ) throws -> MatterTrial {
        var result = MatterTrial()
        guard let (matter, log) = try store.record(id: id) else {
            result.refused = mine.map { ($0, .refused(DuchaError.unknownMatter(id: id))) }
            return result
        }
        var trial = Trial(matter: matter, log: log, status: try lifecycle.fold(matter, events: log.map(\.event)))
        let own = Set(mine)
        for i in (planned + mine).sorted() {
            do {
                let added = try apply(events[i], to: &trial, lifecycle: lifecycle)
                if own.contains(i) { result.fresh.append((i, added)) }
            } catch {
                if own.contains(i) {
                    result.refused.append((i, .refused(error)))
                } else if let first = mine.first {
                    result.refused.append((first, .conflict(with: i, error)))
                }
            }
        }
        return result
    }

    /// A refusal worded as recording the event would have worded it.
    private func problem(_ why: Refusal, at index: Int, in events: [IncomingEvent]) -> Problem {
        let incoming = events[index]
        switch why {
        case .late(let asOf):
            return Problem(
                place: "\(incoming.place):日期", matter: incoming.event.matterID,
                cause: .other("事件日期 \(incoming.event.date.iso) 晚于 --as-of \(asOf.iso)，未记录"))
        case .refused(let error):
            return Problem(
                place: "\(incoming.file):\(incoming.location):事件“\(incoming.event.kind.rawValue)”",
                matter: incoming.event.matterID, error)
        case .conflict(let other, let error):
            let earlier = events[other]
            return Problem(
                place: incoming.place, matter: incoming.event.matterID,
                cause: .other(
                    "此文件的事件与先定下的 \(earlier.place) 的“\(earlier.event.kind.rawValue)”不能同时记录：\(Problem(error))"))
        }
    }

    /// Tries one event as ``record(_:)`` records it: nothing for the same event again; a 催办单 without a report
    /// date gets the default one; otherwise the lifecycle applies it or throws why not. Returns whether it is new.
    private static func apply(_ summary: IncomingEvent, to trial: inout Trial, lifecycle: Lifecycle) throws -> Bool {
        let incoming = try summary.loaded()
        var event = incoming.event
        let digests = incoming.attachments.map(\.digest)
        if trial.holds(event, digests: digests) { return false }
        if event.kind == .reminder && event.reminderMethod == .slip && event.date("新报送时限") == nil {
            event.values["新报送时限"] = .date(
                try lifecycle.calendar.addingWorkingDays(lifecycle.policy.reminderWorkingDays, to: event.date))
        }
        trial.status = try lifecycle.apply(event, to: trial.status, of: trial.matter)
        trial.append(StoredEvent(sequence: trial.log.count + 1, event: event, digests: digests))
        return true
    }
}
