/// Why an event cannot happen to a matter now.
public struct LifecycleRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var matter: String
    public var event: EventKind
    public var date: CivilDate
    public var state: MatterState
    public var reason: String

    public var description: String {
        MessageText.escaped("事项 \(matter)（当前状态：\(state.rawValue)）不能在 \(date.iso) 记录“\(event.rawValue)”：\(reason)")
    }
}

/// The rules of the measures that the lifecycle applies (第十一条, 第十二条); the numbers come from the
/// office profile where the measures leave them open (BRIEF §7).
public struct LifecyclePolicy: Sendable, Equatable {
    /// 新闻媒体曝光事项应在7日内办结 (12(四)); calendar days from 交办.
    public var mediaDays = 7
    /// 在办理时限前3个工作日 ... 提出延期申请 (12(四)).
    public var extensionLeadWorkingDays = 3
    /// Yellow light within this many working days of the deadline.
    public var yellowWorkingDays = 3
    /// A 催办单's new report date, in working days after it is issued, when the event gives none.
    public var reminderWorkingDays = 5
    /// 屡次迟报 (第十五条): this many late reports or more.
    public var repeatedLateThreshold = 3
    /// Kind B matters longer than this many calendar days report monthly (12(四)).
    public var monthlyReportAfterDays = 30

    public init() {}
}

/// Folds a matter's events into its status, refusing any event the measures do not allow at that point.
public struct Lifecycle: Sendable {
    public let policy: LifecyclePolicy
    public let calendar: WorkingCalendar

    public init(policy: LifecyclePolicy, calendar: WorkingCalendar) {
        self.policy = policy
        self.calendar = calendar
    }

    /// The status before any event: 登记 with the record's deadline.
    public func initial(_ matter: Matter) -> MatterStatus {
        MatterStatus(deadline: matter.deadline)
    }

    /// Folds every event in order; the first refused event stops the fold.
    public func fold(_ matter: Matter, events: [MatterEvent]) throws -> MatterStatus {
        var status = initial(matter)
        for event in events { status = try apply(event, to: status, of: matter) }
        return status
    }

    /// The status after `event`, or the reason it is refused.
    public func apply(_ event: MatterEvent, to before: MatterStatus, of matter: Matter) throws -> MatterStatus {
        var s = before
        let kindA = matter.kind == .keyTask
        func refuse(_ reason: String) -> LifecycleRefusal {
            LifecycleRefusal(
                matter: matter.id, event: event.kind, date: event.date, state: before.state, reason: reason)
        }
        func require(_ states: Set<MatterState>, _ reason: String) throws {
            guard states.contains(before.state) else { throw refuse(reason) }
        }
        if let last = before.events.last, event.date < last.date {
            throw refuse("日期早于上一事件“\(last.kind.rawValue)”（\(last.date.iso)），事件须按时间顺序记录")
        }
        let working: Set<MatterState> = [.accepted, .planDue, .inProgress, .returned]
        func noteLateness() {
            if event.date > s.deadline { s.lateReports += 1 }
        }
        switch event.kind {
        case .registration:
            throw refuse("立项由事项记录完成（ducha intake），不能重复立项")
        case .approval:
            try require([.registered], "只有登记状态的事项需要审定")
            s.state = .approved
        case .assignment:
            guard matter.handling == .supervise else { throw refuse("转阅事项应发《领导批示转阅（办）单》，不发《督查通知单》") }
            try require([.registered, .approved], "事项已经交办或转阅")
            s.state = .assigned
            s.assignedOn = event.date
            if matter.values["媒体曝光"] == .flag(true) {
                // 12(四): 新闻媒体曝光事项应在7日内办结.
                s.deadline = min(s.deadline, event.date.adding(days: policy.mediaDays))
            }
        case .transfer:
            guard matter.handling == .transfer else { throw refuse("督办事项应交办（发《督查通知单》），转阅只用于转阅（办）事项") }
            try require([.registered, .approved], "事项已经交办或转阅")
            s.state = .circulated
            s.assignedOn = event.date
            s.feedbackRequired = event.flag("需要反馈")
            if s.feedbackRequired {
                guard let due = event.date("反馈时限") else { throw refuse("需要反馈的转阅（办）须写明反馈时限") }
                s.deadline = due
            }
        case .receipt:
            if before.state == .circulated {
                if s.feedbackRequired { s.state = .accepted }
            } else {
                try require([.assigned], "签收只在交办之后、办理之前")
                s.state = kindA ? .planDue : .accepted
            }
        case .responsibility, .plan, .safeguards:
            guard kindA else { throw refuse("项目管理责任制、落实预案和保障措施只用于重点任务（第十一条(二)）") }
            try require(working.union([.extensionRequested, .adjustmentRequested]), "应在签收之后、办结之前报送")
            if event.kind == .responsibility { s.responsibilityFiled = true }
            if event.kind == .plan { s.planFiled = true }
            if s.state == .planDue && s.responsibilityFiled && s.planFiled { s.state = .inProgress }
        case .progress, .weeklyReport, .monthlyReport:
            try require(
                working.union([.extensionRequested, .adjustmentRequested]),
                before.state == .assigned ? "承办单位应先签收" : "事项不在办理中")
            s.lastProgress = event.date
            if s.state == .accepted { s.state = .inProgress }
        case .inspection:
            guard before.state != .registered, before.state != .approved else { throw refuse("事项尚未交办") }
        case .reminder:
            if before.state == .extensionRequested {
                throw refuse("承办单位已提出延期申请，待区领导审定期间不予催办（第十二条(四)）")
            }
            try require(Set(MatterState.allCases.filter(\.owesReport)), "事项不欠报送，无需催办")
            guard event.date > s.deadline else { throw refuse("尚未逾期（办理时限 \(s.deadline.iso)），无需催办") }
            s.reminders += 1
        case .report:
            if before.state == .assigned { throw refuse("承办单位应先签收") }
            if before.state == .planDue {
                throw refuse("应先报送项目管理责任制和落实预案（第十一条(二)）")
            }
            try require([.accepted, .inProgress, .returned], "事项不在办理中，不能报送办理报告")
            noteLateness()
            s.lastReport = event.date
            s.state = .reported
        case .review:
            try require([.reported], "没有待审核的办理报告")
            if event.verdict == .accepted {
                s.state = .reviewPassed
            } else {
                guard let due = event.date("重新报送时限") else { throw refuse("退办须写明重新报送时限") }
                guard due > event.date else { throw refuse("重新报送时限 \(due.iso) 应晚于退办日期") }
                let reasons = event.values["退办理由"]?.list ?? []
                guard !reasons.isEmpty || event.text("其他理由") != nil else { throw refuse("退办须写明退办理由") }
                s.returns += 1
                s.deadline = due
                s.state = .returned
            }
        case .extensionRequest:
            guard !kindA else { throw refuse("重点任务不适用延期申请，应请示调整或置换（第十一条(四)）") }
            try require(working.union([.assigned]), "事项不在办理中，不能申请延期")
            let latest = try calendar.nthWorkingDay(before: s.deadline, n: policy.extensionLeadWorkingDays)
            guard event.date <= latest else {
                throw refuse(
                    "延期申请应在办理时限（\(s.deadline.iso)）前\(policy.extensionLeadWorkingDays)个工作日提出，最迟 \(latest.iso)（第十二条(四)）")
            }
            guard let asked = event.date("申请时限"), asked > s.deadline else {
                throw refuse("申请延至的日期应晚于现办理时限 \(s.deadline.iso)")
            }
            s.extensionsRequested += 1
            s.resumeState = s.state
            s.state = .extensionRequested
        case .extensionDecision:
            try require([.extensionRequested], "没有待审定的延期申请")
            if event.text("结论") == "同意" {
                guard let due = event.date("新时限"), due > s.deadline else {
                    throw refuse("同意延期须写明晚于现时限（\(s.deadline.iso)）的新时限")
                }
                s.deadline = due
                s.extensionsGranted += 1
            }
            s.state = s.resumeState ?? .inProgress
            s.resumeState = nil
        case .adjustment:
            guard kindA else { throw refuse("调整或置换只用于重点任务（第十一条(四)）；领导批示事项可申请延期") }
            if event.text("阶段") == "请示" {
                try require(working.union([.assigned]), "事项不在办理中")
                s.resumeState = s.state
                s.state = .adjustmentRequested
            } else {
                try require([.adjustmentRequested], "没有待批复的调整或置换请示")
                guard let verdict = event.text("结论") else { throw refuse("批复须写明结论（同意或不同意）") }
                s.state = s.resumeState ?? .inProgress
                s.resumeState = nil
                if verdict == "同意" {
                    if event.text("方式") == "置换" {
                        guard let replacement = event.text("替代事项") else { throw refuse("置换须写明替代事项的编号") }
                        s.replacedBy = replacement
                        s.state = .replaced
                    } else {
                        guard let due = event.date("新时限") else { throw refuse("调整须写明调整后的办理时限") }
                        s.deadline = due
                    }
                }
            }
        case .completion:
            try require([.reviewPassed], "办结须有审核通过的办理报告")
            s.state = .completed
            s.completedOn = event.date
        case .archiving:
            let circulatedOnly = before.state == .circulated && !before.feedbackRequired
            guard circulatedOnly || before.state == .completed || before.state == .replaced else {
                throw refuse("只有已办结、已置换或无需反馈的已转阅事项可以归档")
            }
            s.state = .archived
        case .reinspection:
            if before.state == .reinspection {
                guard let verdict = event.text("结论") else { throw refuse("再督查中的事项，本次记录须写明结论") }
                if verdict == "维持办结" {
                    s.state = s.resumeState ?? .completed
                } else {
                    guard let due = event.date("新时限") else { throw refuse("重新办理须写明新时限") }
                    s.deadline = due
                    s.state = .inProgress
                }
                s.resumeState = nil
            } else {
                try require([.completed, .archived], "只有已办结或已归档的事项可以再督查（第十三条(七)）")
                switch event.text("结论") {
                case nil:
                    s.resumeState = before.state
                    s.state = .reinspection
                case "重新办理"?:
                    guard let due = event.date("新时限") else { throw refuse("重新办理须写明新时限") }
                    s.deadline = due
                    s.state = .inProgress
                default:
                    break  // 维持办结: checked and confirmed in one visit.
                }
            }
        }
        s.events.append(event)
        return s
    }
}
