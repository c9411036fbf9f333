import Archive
import Matters

/// Which events the lifecycle allows on a matter now, and why not the others: each kind is tried on the matter's
/// status with a well-formed event of that kind dated today — the lifecycle's own answer, never a copy of its rules.
enum ActionProbe {
    struct Action: Sendable {
        var kind: EventKind
        /// nil when allowed now; otherwise the lifecycle's reason.
        var refusal: String?
    }

    /// The kinds that make sense for this matter at all (a 领导批示 matter has no 落实预案, a 督办 matter no 转阅).
    static func applies(_ kind: EventKind, to matter: Matter) -> Bool {
        let keyTask = matter.kind == .keyTask
        switch kind {
        case .responsibility, .plan, .safeguards, .adjustment: return keyTask
        case .extensionRequest, .extensionDecision: return !keyTask
        case .transfer: return matter.handling == .transfer
        case .assignment: return matter.handling == .supervise
        default: return true
        }
    }

    static func actions(
        _ kinds: [EventKind], matter: Matter, log: [StoredEvent], day: CivilDate, lifecycle: Lifecycle
    ) -> [Action] {
        guard let status = try? lifecycle.fold(matter, events: log.map(\.event)) else {
            return kinds.map { Action(kind: $0, refusal: "事项的事件记录无法按办理流程复核，请联系督查室") }
        }
        return kinds.filter { applies($0, to: matter) }.map { kind in
            let event = MatterEvent(kind: kind, values: probeValues(kind, matter: matter, status: status, day: day))
            do {
                _ = try lifecycle.apply(event, to: status, of: matter)
                return Action(kind: kind, refusal: nil)
            } catch let refusal as LifecycleRefusal {
                return Action(kind: kind, refusal: refusal.reason)
            } catch {
                return Action(kind: kind, refusal: "\(error)")
            }
        }
    }

    /// A well-formed event of `kind` (its required fields filled) for the try.
    static func probeValues(_ kind: EventKind, matter: Matter, status: MatterStatus, day: CivilDate) -> FieldRecord {
        var values = FieldRecord([
            ("事项", .text(matter.id)), ("事件", .text(kind.rawValue)), ("日期", .date(day)),
        ])
        let later = FieldValue.date(status.deadline.adding(days: 30))
        let fields: [(String, FieldValue)]
        switch kind {
        case .approval: fields = [("审定人", .text("—"))]
        case .transfer: fields = [("转阅方式", .text(TransferMode.forStudy.rawValue)), ("需要反馈", .flag(false))]
        case .receipt: fields = [("签收人", .text("—"))]
        case .responsibility, .plan, .safeguards, .weeklyReport, .monthlyReport: fields = [("内容", .list([.text("—")]))]
        case .progress: fields = [("开展情况", .text("—"))]
        case .inspection: fields = [("方式", .text(EventCatalogue.inspectionModes[0]))]
        case .reminder: fields = [("方式", .text(ReminderMethod.phone.rawValue))]
        case .report: fields = [("标题", .text("—")), ("报告类型", .text(EventCatalogue.reportTypes[0]))]
        case .review: fields = [("结论", .text(ReviewVerdict.accepted.rawValue))]
        case .extensionRequest: fields = [("理由", .text("—")), ("申请时限", later), ("主要领导同意", .text("—"))]
        case .extensionDecision: fields = [("结论", .text("不同意")), ("审定领导", .text("—"))]
        case .adjustment:
            fields =
                status.state == .adjustmentRequested
                ? [("方式", .text("调整")), ("阶段", .text("批复")), ("结论", .text("不同意"))]
                : [("方式", .text("调整")), ("阶段", .text("请示"))]
        case .reinspection: fields = status.state == .reinspection ? [("结论", .text("维持办结"))] : []
        case .registration, .assignment, .completion, .archiving: fields = []
        }
        for (key, value) in fields { values[key] = value }
        return values
    }
}
