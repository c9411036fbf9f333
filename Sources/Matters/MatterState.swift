/// Where a matter stands in its life (BRIEF §1.1). Derived by folding its events, never stored.
public enum MatterState: String, Sendable, CaseIterable, Hashable {
    case registered = "登记"
    case approved = "已审定"
    case assigned = "已交办"
    case circulated = "已转阅"
    case accepted = "已签收"
    case planDue = "待报预案"
    case inProgress = "办理中"
    case extensionRequested = "延期申请中"
    case adjustmentRequested = "调整申请中"
    case reported = "已报送"
    case returned = "退回重办"
    case reviewPassed = "审核通过"
    case completed = "已办结"
    case archived = "已归档"
    case reinspection = "再督查中"
    case replaced = "已置换"

    /// States in which the responsible unit owes the office a report by the deadline.
    public var owesReport: Bool {
        switch self {
        case .assigned, .accepted, .planDue, .inProgress, .returned: return true
        default: return false
        }
    }

    /// States in which the unit is working on the matter (owing a report, or with a request pending).
    public var isActive: Bool { owesReport || self == .extensionRequested || self == .adjustmentRequested }

    /// States after which nothing more is expected of anyone.
    public var isFinished: Bool { self == .completed || self == .archived || self == .replaced }
}

/// A matter's state and everything the ledger needs, folded from its events.
public struct MatterStatus: Sendable, Equatable {
    public var state: MatterState = .registered
    /// The state to return to when a request (延期, 调整, 再督查) is decided.
    public var resumeState: MatterState?
    /// The deadline in force: the 通知单's 时限, a granted extension, a 退办's new date.
    public var deadline: CivilDate
    /// The deadline as first set.
    public let originalDeadline: CivilDate
    /// The day the 通知单 or 转阅单 went out.
    public var assignedOn: CivilDate?
    /// 转阅 matters: whether the units must report back.
    public var feedbackRequired = false
    public var reminders = 0
    public var returns = 0
    /// Reports (办理报告, 进展, 周报, 月报) that came in after the deadline then in force.
    public var lateReports = 0
    public var extensionsRequested = 0
    public var extensionsGranted = 0
    public var responsibilityFiled = false
    public var planFiled = false
    public var lastReport: CivilDate?
    public var lastProgress: CivilDate?
    public var completedOn: CivilDate?
    /// The matter that replaced this one (置换).
    public var replacedBy: String?
    /// Events applied, in order.
    public var events: [MatterEvent] = []

    public init(deadline: CivilDate) {
        self.deadline = deadline
        self.originalDeadline = deadline
    }
}
