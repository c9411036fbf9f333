/// Where a matter stands in a publication's counts and chart, read off its ledger row.
public enum Standing: String, Sendable, CaseIterable {
    /// 已办结: completed (办结), also while archived or being re-inspected after completion.
    case completed = "已办结"
    /// 办理中: assigned and not finished, with nothing overdue (reports awaiting review included).
    case inProgress = "办理中"
    /// 逾期: owes a report past the deadline in force, with no extension pending (the ledger's 逾期).
    case overdue = "逾期"
    /// Nothing to count as progress: not yet assigned, 转阅 for reading only, or replaced (置换).
    case other = "其他"

    /// The standing of a ledger row.
    public static func of(_ row: LedgerRow) -> Standing {
        if row.overdue { return .overdue }
        switch row.state {
        case .completed, .archived, .reinspection:
            return row.completedOn == nil ? .other : .completed
        case .registered, .approved, .circulated, .replaced:
            return .other
        case .assigned, .accepted, .planDue, .inProgress, .extensionRequested, .adjustmentRequested, .reported,
            .returned, .reviewPassed:
            return .inProgress
        }
    }
}

/// Counts over a set of ledger rows: the figures of the bulletin's overview and per-unit table and of the
/// 督考合一 sheet. Every count is read off the rows, so it agrees with `ducha status` for the same day.
public struct Tally: Sendable, Equatable {
    /// 事项数.
    public var matters = 0
    /// 已办结.
    public var completed = 0
    /// 按时办结: completed with no report ever late (the row's 迟报 is 0).
    public var completedOnTime = 0
    /// 应办结: completed, or in progress or overdue with the deadline in force on or before the day.
    public var due = 0
    /// 办理中.
    public var inProgress = 0
    /// 逾期.
    public var overdue = 0
    /// 其他: not yet assigned, 转阅 for reading only, replaced.
    public var other = 0
    /// 催办 (times).
    public var reminders = 0
    /// 退办 (times).
    public var returns = 0
    /// 迟报 (times: late reports and periodic reports missed).
    public var lateReports = 0
    /// 延期申请 (times).
    public var extensions = 0
    /// Matters sent back at least once.
    public var returnedMatters = 0
    /// Matters with at least one extension request.
    public var extendedMatters = 0

    public init() {}

    /// Counts one row as of `asOf`.
    public mutating func add(_ row: LedgerRow, asOf: CivilDate) {
        matters += 1
        let standing = Standing.of(row)
        switch standing {
        case .completed:
            completed += 1
            if row.lateReports == 0 { completedOnTime += 1 }
        case .inProgress: inProgress += 1
        case .overdue: overdue += 1
        case .other: other += 1
        }
        if standing == .completed || (standing != .other && row.deadline <= asOf) { due += 1 }
        reminders += row.reminders
        returns += row.returns
        lateReports += row.lateReports
        extensions += row.extensions
        if row.returns > 0 { returnedMatters += 1 }
        if row.extensions > 0 { extendedMatters += 1 }
    }

    /// Adds another tally's counts.
    public mutating func add(_ other: Tally) {
        matters += other.matters
        completed += other.completed
        completedOnTime += other.completedOnTime
        due += other.due
        inProgress += other.inProgress
        overdue += other.overdue
        self.other += other.other
        reminders += other.reminders
        returns += other.returns
        lateReports += other.lateReports
        extensions += other.extensions
        returnedMatters += other.returnedMatters
        extendedMatters += other.extendedMatters
    }

    /// 按时办结率: completed on time over 应办结, or `nil` when nothing was due yet.
    public var onTimeRate: Double? { due == 0 ? nil : Double(completedOnTime) / Double(due) }
}

/// One responsible unit's counts (主责单位: 第九条 makes it answer for the matter).
public struct UnitTally: Sendable, Equatable {
    public var unit: String
    public var tally: Tally

    public init(unit: String, tally: Tally = Tally()) {
        self.unit = unit
        self.tally = tally
    }
}
