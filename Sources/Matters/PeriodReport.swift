/// The figures of a publication — the quarterly 《西城政务督查》 (11(六), 13(三)) or the year's 督考合一 sheet
/// (13(九)) — taken from the ledger rows as of the period's last day, exactly as `ducha status --as-of` builds
/// them: only events dated on or before that day are known.
///
/// The matters counted are those registered by that day, in the period's year, or in an earlier year and still
/// open at the start of it or acted on during it. 涉密 matters (密级 set) are counted in ``total`` and
/// ``classified`` only: no per-unit figure, lagging entry or plan comes from them, so nothing built from this
/// report can name their titles or units (DESIGN 10).
public struct PeriodReport: Sendable {
    /// A matter that is behind: overdue, a periodic report missed, or an 调整/置换 request pending (11(四)).
    public struct Lagging: Sendable, Equatable {
        public var row: LedgerRow
        /// Periodic reports (季度进展, 月报) missed.
        public var missedPeriodic: Int
        /// What is late, in the bulletin's words.
        public var what: String
    }

    /// A district-level 落实预案 filed in the period: 11(六) has it published in 《西城政务督查》.
    public struct Plan: Sendable, Equatable {
        public var matterID: String
        public var title: String
        public var leadUnit: String
        public var coUnits: [String]
        public var date: CivilDate
        public var content: [String]
    }

    public let period: ReportPeriod
    /// The day the figures are taken (the period's last day, or an earlier day for an interim sheet).
    public let asOf: CivilDate
    /// 屡次迟报 (第十五条): a unit with this many late reports or more; 0 turns the list off.
    public let repeatedLateThreshold: Int
    /// The id of every matter counted, 涉密 ones included, in archive order (the rows themselves are not kept: a
    /// year of ten thousand matters would hold ten thousand rows while the publication is made).
    public private(set) var counted: [String] = []
    /// All matters counted, 涉密 ones included.
    public private(set) var total = Tally()
    /// The 涉密 matters among them.
    public private(set) var classified = Tally()
    /// Matters by kind (重点任务, 领导批示), 涉密 included.
    public private(set) var byKind: [(key: String, count: Int)] = []
    /// Matters by source (第七条's five), 涉密 included.
    public private(set) var bySource: [(key: String, count: Int)] = []
    /// Non-涉密 matters by 主责单位: most matters first, then by name.
    public private(set) var units: [UnitTally] = []
    /// Non-涉密 matters that are behind, the longest overdue first.
    public private(set) var lagging: [Lagging] = []
    /// Non-涉密 district-level plans filed in the period, by date.
    public private(set) var plans: [Plan] = []

    /// Builds the figures from every archived matter with its full event log.
    /// - Throws: ``LifecycleRefusal`` naming the matter when a stored log no longer folds.
    public init(
        period: ReportPeriod, asOf: CivilDate, records: [(matter: Matter, events: [MatterEvent])],
        lifecycle: Lifecycle, ledger: Ledger
    ) throws {
        try self.init(period: period, asOf: asOf, lifecycle: lifecycle, ledger: ledger) { visit in
            for (matter, events) in records { try visit(matter, events) }
        }
    }

    /// Builds the figures from every archived matter, visited one at a time by `records` (so that a year of
    /// matters need not be held at once).
    public init(
        period: ReportPeriod, asOf: CivilDate, lifecycle: Lifecycle, ledger: Ledger,
        records: ((Matter, [MatterEvent]) throws -> Void) throws -> Void
    ) throws {
        try self.init(period: period, asOf: asOf, ledger: ledger) { visit in
            // `records` and `visit` are both the caller's non-escaping closures; one is handed to the other.
            try withoutActuallyEscaping(visit) { visit in
                try records { matter, events in
                    if let standing = try ledger.standing(matter, events: events, asOf: asOf, lifecycle: lifecycle) {
                        try visit(matter, standing)
                    }
                }
            }
        }
    }

    /// Builds the figures from each matter's standing as of `asOf` (``Ledger/standing(_:events:asOf:lifecycle:)``
    /// for that day), worked out by the caller: a front end that keeps every matter's standing gets the
    /// bulletin's figures without folding each log again. Matters not on the ledger that day (standing `nil`)
    /// are not visited.
    public init(
        period: ReportPeriod, asOf: CivilDate, ledger: Ledger,
        standings: ((Matter, LedgerStanding) throws -> Void) throws -> Void
    ) throws {
        self.period = period
        self.asOf = asOf
        repeatedLateThreshold = ledger.policy.repeatedLateThreshold
        var kinds: [String: Int] = [:]
        var sources: [String: Int] = [:]
        var byUnit: [String: Tally] = [:]
        var (counted, total, classified, lagging, plans) = (
            self.counted, self.total, self.classified, self.lagging, self.plans
        )
        try standings { matter, standing in
            let (known, status, row) = (standing.known, standing.status, standing.row)
            guard Self.counts(matter, row: row, known: known, in: period) else { return }
            counted.append(matter.id)
            total.add(row, asOf: asOf)
            kinds[matter.kind.rawValue, default: 0] += 1
            sources[matter.values["事项来源"]?.text ?? "其他", default: 0] += 1
            if matter.isClassified {
                classified.add(row, asOf: asOf)
                return
            }
            byUnit[matter.leadUnit, default: Tally()].add(row, asOf: asOf)
            let missed = ledger.periodicDue(matter, status: status, asOf: asOf).missed
            if let what = Self.lateness(row, missedPeriodic: missed, kindA: matter.kind == .keyTask) {
                lagging.append(Lagging(row: row, missedPeriodic: missed, what: what))
            }
            for event in known where event.kind == .plan && event.text("级别") == "区级" && period.contains(event.date) {
                plans.append(
                    Plan(
                        matterID: matter.id, title: matter.title, leadUnit: matter.leadUnit, coUnits: matter.coUnits,
                        date: event.date, content: (event.values["内容"]?.list ?? []).compactMap(\.text)))
            }
        }
        byKind = MatterCatalogue.kinds.compactMap { kind in kinds[kind].map { (kind, $0) } }
        bySource = MatterCatalogue.sources.compactMap { source in sources[source].map { (source, $0) } }
        units = byUnit.map { UnitTally(unit: $0.key, tally: $0.value) }.sorted {
            $0.tally.matters != $1.tally.matters ? $0.tally.matters > $1.tally.matters : Self.before($0.unit, $1.unit)
        }
        lagging.sort {
            $0.row.daysOverdue != $1.row.daysOverdue ? $0.row.daysOverdue > $1.row.daysOverdue : $0.row.id < $1.row.id
        }
        plans.sort { ($0.date, $0.matterID) < ($1.date, $1.matterID) }
        (self.counted, self.total, self.classified, self.lagging, self.plans) = (
            counted, total, classified, lagging, plans
        )
    }

    /// The per-unit counts summed: every non-涉密 matter.
    public var listed: Tally {
        var sum = Tally()
        for unit in units { sum.add(unit.tally) }
        return sum
    }

    /// Units to commend (13(三) 经验推广): something completed, and nothing overdue, chased, sent back or late.
    public var commended: [UnitTally] {
        units.filter {
            $0.tally.completed > 0 && $0.tally.overdue == 0 && $0.tally.reminders == 0 && $0.tally.returns == 0
                && $0.tally.lateReports == 0
        }
    }

    /// Units to criticise (13(三) 问题整改): a matter overdue, chased (催办) or sent back (退办).
    public var criticised: [UnitTally] {
        units.filter { $0.tally.overdue > 0 || $0.tally.reminders > 0 || $0.tally.returns > 0 }
    }

    /// Units that reported late at least ``repeatedLateThreshold`` times (屡次迟报, 第十五条).
    public var repeatedlyLate: [UnitTally] {
        guard repeatedLateThreshold > 0 else { return [] }
        return units.filter { $0.tally.lateReports >= repeatedLateThreshold }
    }

    /// Whether a matter belongs to the period's figures: registered in its year, or registered earlier and
    /// still open when it began (or acted on during it).
    static func counts(_ matter: Matter, row: LedgerRow, known: [MatterEvent], in period: ReportPeriod) -> Bool {
        if matter.registered.year >= period.year { return true }
        let standing = Standing.of(row)
        let open = standing == .inProgress || standing == .overdue || row.state == .registered || row.state == .approved
        let yearStart = CivilDate(year: period.year, month: 1, day: 1)!
        return open || known.contains { $0.date >= yearStart }
    }

    /// What is late about a row, or `nil` when nothing is.
    static func lateness(_ row: LedgerRow, missedPeriodic: Int, kindA: Bool) -> String? {
        var parts: [String] = []
        if row.overdue {
            parts.append(
                row.state == .returned
                    ? "超过重新报送时限（\(row.deadline.chinese)）\(row.daysOverdue)天未重新报送"
                    : "超过办理时限（\(row.deadline.chinese)）\(row.daysOverdue)天未报送办理报告")
        }
        if missedPeriodic > 0 { parts.append("缺报\(kindA ? "季度进展" : "月报")\(missedPeriodic)次") }
        if row.state == .adjustmentRequested { parts.append("已请示调整或置换，待区政府批复") }
        return parts.isEmpty ? nil : parts.joined(separator: "；")
    }

    /// Unit names in a fixed order (by Unicode scalars), so the same archive gives the same document.
    static func before(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.map(\.value).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
    }
}
