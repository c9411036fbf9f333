import Archive
import Filling
import Matters

/// The form's own fields of each slip (``FormCatalogue/ownFields(of:)``), computed from the matter's log.
enum SlipData {
    /// The form a recorded event is issued on, if any.
    static func form(for event: MatterEvent) -> Form? {
        switch event.kind {
        case .assignment: return .notice
        case .transfer: return .transfer
        case .reminder where event.reminderMethod == .slip: return .reminder
        case .review where event.verdict == .returned: return .returnSlip
        default: return nil
        }
    }

    /// The number of the slip that first put the matter to its units (通知单, or 转阅单 needing feedback).
    static func originalNumber(in log: [StoredEvent]) -> DocumentNumber? {
        log.first { $0.event.kind == .assignment || $0.event.kind == .transfer }?.slip
    }

    static func extra(
        form: Form, event: MatterEvent, log: [StoredEvent], before: MatterStatus, after: MatterStatus
    ) -> TemplateRecord {
        var extra: TemplateRecord = [:]
        let original = originalNumber(in: log).map(TemplateValue.number) ?? .text("")
        switch form {
        case .notice:
            break
        case .reminder:
            let due = event.date("新报送时限") ?? event.date
            extra["催办次数"] = .text(String(after.reminders))
            extra["原通知单文号"] = original
            extra["原定时限"] = .date(before.deadline)
            extra["逾期天数"] = .text(String(max(0, event.date.dayNumber - before.deadline.dayNumber)))
            extra["新报送时限"] = .date(due)
            var demands: [TemplateValue] = [
                .text("该事项办理时限为\(before.deadline.chinese)，你单位至今未报送办理落实情况，也未提出延期申请。"),
                .text("请你单位主要领导高度重视，督促责任科室抓紧办理，于\(due.chinese)前将办理情况书面报送区政府督查室。"),
            ]
            if let note = event.text("说明") { demands.append(.text(note)) }
            extra["催办要求"] = .list(demands)
        case .returnSlip:
            let report = log.last { $0.event.kind == .report }?.event
            var material: TemplateRecord = [
                "标题": .text(report?.text("标题") ?? ""), "报送日期": .date(report?.date ?? event.date),
            ]
            if let number = report?.text("文号") { material["文号"] = .text(number) }
            let chosen = Set((event.values["退办理由"]?.list ?? []).compactMap(\.text))
            extra["退办次数"] = .text(String(after.returns))
            extra["原通知单文号"] = original
            extra["被退回材料"] = .record(material)
            extra["退办理由清单"] = .list(
                EventCatalogue.returnReasons.map {
                    .record(["勾选": .text(chosen.contains($0) ? "☑" : "☐"), "理由": .text($0)])
                })
            if let other = event.text("其他理由") { extra["其他理由"] = .text(other) }
            let demands = event.values["重办要求"]?.list?.compactMap(\.text) ?? []
            extra["重办要求"] = .list(
                (demands.isEmpty ? ["请按照退办理由逐项修改完善，经单位主要领导审签后重新报送。"] : demands).map(TemplateValue.text))
            extra["重新报送时限"] = .date(event.date("重新报送时限") ?? after.deadline)
        case .transfer:
            extra["转阅方式"] = .text((event.transferMode ?? .forStudy).rawValue)
            extra["需要反馈"] = .flag(event.flag("需要反馈"))
            if let due = event.date("反馈时限") { extra["反馈时限"] = .date(due) }
            if let opinion = event.text("拟办意见") { extra["拟办意见"] = .text(opinion) }
            if let scope = event.text("阅知范围") { extra["阅知范围"] = .text(scope) }
        }
        return extra
    }
}
