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

extension Office {
    /// The events of an intake that are to be recorded, in their order: a record file's events are taken all or
    /// none. Before anything is recorded, each file's events are tried on their matters — the archived log, then
    /// the events already planned, in date order — exactly as ``record(_:)`` will apply them; a file with an
    /// event the lifecycle refuses, for a matter the archive does not hold, or dated after `asOf`, has none of
    /// its events recorded. Files are decided in the order given (events a front end made, such as the batch's
    /// implied 交办, each on its own and first), and a file is taken only if its events and every event planned
    /// before it still apply together, so what is planned always records cleanly.
    ///
    /// Every refused event is a problem in `result`, as recording it would have said; a file that had good events
    /// besides gets one more problem that says they were not recorded either.
    func planned(_ ordered: [IncomingEvent], files: [String], asOf: CivilDate?, into result: inout IntakeResult)
        throws -> [IncomingEvent]
    {
        let fromFiles = Set(files)
        var groups: [String: [Int]] = [:]
        var made: [String] = []
        for (index, incoming) in ordered.enumerated() {
            let key = fromFiles.contains(incoming.file) ? incoming.file : "#\(index)"
            if !fromFiles.contains(incoming.file) { made.append(key) }
            groups[key, default: []].append(index)
        }
        var decided: Set<String> = []
        let decisionOrder = made + files.filter { groups[$0] != nil && decided.insert($0).inserted }
        var trials: [String: Trial?] = [:]
        var planned: [String: [Int]] = [:]
        var keep = [Bool](repeating: false, count: ordered.count)
        for key in decisionOrder {
            let members = groups[key] ?? []
            var problems: [(index: Int, problem: Problem)] = []
            if let asOf {
                for i in members where ordered[i].event.date > asOf {
                    let incoming = ordered[i]
                    problems.append(
                        (
                            i,
                            Problem(
                                place: "\(incoming.place):日期", matter: incoming.event.matterID,
                                cause: .other("事件日期 \(incoming.event.date.iso) 晚于 --as-of \(asOf.iso)，未记录"))
                        ))
                }
            }
            let byMatter = Dictionary(grouping: members, by: { ordered[$0].event.matterID })
            for (id, mine) in byMatter {
                guard let start = try trial(id, cache: &trials) else {
                    for i in mine { problems.append((i, refusal(ordered[i], DuchaError.unknownMatter(id: id)))) }
                    continue
                }
                var trial = start
                let own = Set(mine)
                for i in ((planned[id] ?? []) + mine).sorted() {
                    do {
                        try apply(ordered[i], to: &trial)
                    } catch {
                        if own.contains(i) {
                            problems.append((i, refusal(ordered[i], error)))
                        } else if let first = mine.first {
                            let other = ordered[i]
                            problems.append(
                                (
                                    first,
                                    Problem(
                                        place: ordered[first].place, matter: id,
                                        cause: .other(
                                            "此文件的事件与先定下的 \(other.place) 的“\(other.event.kind.rawValue)”不能同时记录：\(Problem(error))"
                                        ))
                                ))
                        }
                    }
                }
            }
            guard !problems.isEmpty else {
                for i in members {
                    keep[i] = true
                    planned[ordered[i].event.matterID, default: []].append(i)
                }
                continue
            }
            let sorted = problems.sorted { $0.index < $1.index }.map(\.problem)
            result.problems += sorted.prefix(FileDiagnostics.limit)
            if sorted.count > FileDiagnostics.limit {
                result.problems.append(
                    Problem(
                        place: key,
                        cause: .other(
                            "另有 \(sorted.count - FileDiagnostics.limit) 处错误未列出（每个文件最多列出 \(FileDiagnostics.limit) 条）")))
            }
            let good = members.count - Set(problems.map(\.index)).count
            if good > 0, !key.hasPrefix("#") {
                result.problems.append(
                    Problem(
                        place: key,
                        cause: .other(
                            "此文件有 \(members.count - good) 个事件不能记录，其余 \(good) 个事件也未记录（一个文件的事件要么全部记录，要么都不记录；改正后再读入此文件）")
                    ))
            }
        }
        return ordered.indices.filter { keep[$0] }.map { ordered[$0] }
    }

    /// The archived matter `id` as the plan starts from it; nil when the archive does not hold it.
    private func trial(_ id: String, cache: inout [String: Trial?]) throws -> Trial? {
        if let cached = cache[id] { return cached }
        var found: Trial?
        if let (matter, log) = try store.record(id: id) {
            found = Trial(matter: matter, log: log, status: try lifecycle.fold(matter, events: log.map(\.event)))
        }
        cache[id] = found
        return found
    }

    /// Tries one event as ``record(_:)`` records it: nothing for the same event again; a 催办单 without a report
    /// date gets the default one; otherwise the lifecycle applies it or throws why not.
    private func apply(_ incoming: IncomingEvent, to trial: inout Trial) throws {
        var event = incoming.event
        let digests = incoming.attachments.map(\.digest)
        if trial.holds(event, digests: digests) { return }
        if event.kind == .reminder && event.reminderMethod == .slip && event.date("新报送时限") == nil {
            event.values["新报送时限"] = .date(
                try lifecycle.calendar.addingWorkingDays(lifecycle.policy.reminderWorkingDays, to: event.date))
        }
        trial.status = try lifecycle.apply(event, to: trial.status, of: trial.matter)
        trial.append(StoredEvent(sequence: trial.log.count + 1, event: event, digests: digests))
    }

    /// The problem of an event that cannot be recorded, worded as recording it would.
    private func refusal(_ incoming: IncomingEvent, _ error: any Error) -> Problem {
        Problem(
            place: "\(incoming.file):\(incoming.location):事件“\(incoming.event.kind.rawValue)”",
            matter: incoming.event.matterID, error)
    }
}
