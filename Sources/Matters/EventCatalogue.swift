/// The events of a matter's life (BRIEF §1.2) and the fields each event record carries.
public enum EventKind: String, Sendable, CaseIterable, Hashable {
    case registration = "立项"
    case approval = "审定"
    case assignment = "交办"
    case transfer = "转阅"
    case receipt = "签收"
    case responsibility = "项目管理责任制"
    case plan = "落实预案"
    case safeguards = "保障措施"
    case progress = "进展"
    case weeklyReport = "周报"
    case monthlyReport = "月报"
    case inspection = "督查"
    case reminder = "催办"
    case report = "办理报告"
    case review = "审核"
    case extensionRequest = "延期申请"
    case extensionDecision = "延期审定"
    case adjustment = "调整置换"
    case completion = "办结"
    case archiving = "归档"
    case reinspection = "再督查"
}

/// The field catalogue of event records.
public enum EventCatalogue {
    /// Inspection modes: 11(二) for 重点任务, 12(一) for 领导批示.
    public static let inspectionModes = [
        "跟踪督查", "现场督查", "联合督查", "明察暗访", "电话督查", "网络督查", "第三方核查", "定期了解", "参加会议",
    ]
    /// Report types of 12(四).
    public static let reportTypes = ["了解说明情况", "解决查处问题", "研提意见", "研究制定措施", "其他"]
    /// Reasons a report is sent back (BRIEF §2.3, from 11(三), 12(二), 12(四)).
    public static let returnReasons = [
        "内容不完整", "事实不清", "数字不准确", "文字不精练", "格式不规范", "未体现办理结果或解决方案", "未说明原因及进展",
        "意见不明确具体", "未征求相关部门意见", "措施不切实可行", "结果不实", "未经单位领导审签",
    ]

    /// Fields every event has.
    public static let common: [FieldSpec] = [
        FieldSpec("事项", "事项编号", .identifier, required: true),
        FieldSpec("事件", "事件", .choice(EventKind.allCases.map(\.rawValue)), required: true),
        FieldSpec("日期", "日期", .date, required: true),
        FieldSpec("经办人", "经办人", .text),
        FieldSpec("说明", "说明", .multilineText),
        FieldSpec("附件", "附件（文件路径，相对于记录文件）", .paragraphs),
    ]

    /// The fields of one kind of event (beyond ``common``).
    public static func fields(of kind: EventKind) -> [FieldSpec] {
        switch kind {
        case .registration, .assignment, .archiving:
            return []
        case .approval:
            return [
                FieldSpec("审定人", "审定领导或会议", .text, required: true),
                FieldSpec("意见", "审定意见", .multilineText),
            ]
        case .transfer:
            return [
                FieldSpec("转阅方式", "办理方式", .choice(TransferMode.allCases.map(\.rawValue)), required: true),
                FieldSpec("需要反馈", "是否需要反馈", .flag),
                FieldSpec("反馈时限", "反馈时限", .date),
                FieldSpec("拟办意见", "拟办意见", .multilineText),
                FieldSpec("阅知范围", "阅知范围", .text),
            ]
        case .receipt:
            return [
                FieldSpec("签收人", "签收人", .text, required: true),
                FieldSpec("主管领导", "主管领导", .text),
                FieldSpec("责任科室", "责任科室", .text),
                FieldSpec("责任人", "责任人", .text),
            ]
        case .responsibility, .safeguards:
            return [FieldSpec("内容", "内容", .paragraphs, required: true)]
        case .plan:
            return [
                FieldSpec("内容", "内容", .paragraphs, required: true),
                FieldSpec("级别", "预案级别", .choice(["区级", "市级"]), help: "区级预案以《西城政务督查》发布（11(六)）"),
            ]
        case .progress:
            return [
                FieldSpec("开展情况", "开展情况", .multilineText, required: true),
                FieldSpec("完成工作量", "完成工作量", .multilineText),
                FieldSpec("成绩", "进展和成绩", .multilineText),
            ]
        case .weeklyReport, .monthlyReport:
            return [FieldSpec("内容", "内容", .paragraphs, required: true)]
        case .inspection:
            return [
                FieldSpec("方式", "督查方式", .choice(inspectionModes), required: true),
                FieldSpec("督查人员", "督查人员", .text),
                FieldSpec("发现问题", "发现问题", .multilineText),
                FieldSpec("督查意见", "督查意见", .multilineText),
            ]
        case .reminder:
            return [
                FieldSpec("方式", "催办方式", .choice(ReminderMethod.allCases.map(\.rawValue)), required: true),
                FieldSpec("接话人", "接话人", .text),
                FieldSpec("答复情况", "答复情况", .multilineText),
                FieldSpec("新报送时限", "新报送时限", .date),
            ]
        case .report:
            return [
                FieldSpec("标题", "报告标题", .text, required: true),
                FieldSpec("报告类型", "报告类型（第十二条(四)）", .choice(reportTypes), required: true),
                FieldSpec("文号", "报告文号", .text),
                FieldSpec("内容", "内容摘要", .paragraphs),
            ]
        case .review:
            return [
                FieldSpec("结论", "审核结论", .choice(ReviewVerdict.allCases.map(\.rawValue)), required: true),
                FieldSpec("退办理由", "退办理由", .list(.choice(returnReasons))),
                FieldSpec("其他理由", "其他理由", .multilineText),
                FieldSpec("重办要求", "重办要求", .paragraphs),
                FieldSpec("重新报送时限", "重新报送时限", .date),
            ]
        case .extensionRequest:
            return [
                FieldSpec("理由", "延期理由", .multilineText, required: true),
                FieldSpec("申请时限", "申请延至", .date, required: true),
                FieldSpec("主要领导同意", "同意延期的单位主要领导", .text, required: true),
            ]
        case .extensionDecision:
            return [
                FieldSpec("结论", "审定结论", .choice(["同意", "不同意"]), required: true),
                FieldSpec("新时限", "新办理时限", .date),
                FieldSpec("审定领导", "审定的区领导", .text, required: true),
            ]
        case .adjustment:
            return [
                FieldSpec("方式", "调整或置换", .choice(["调整", "置换"]), required: true),
                FieldSpec("阶段", "请示或批复", .choice(["请示", "批复"]), required: true),
                FieldSpec("结论", "批复结论", .choice(["同意", "不同意"])),
                FieldSpec("替代事项", "置换后的事项编号", .identifier),
                FieldSpec("新时限", "调整后的办理时限", .date),
                FieldSpec("理由", "理由", .multilineText),
            ]
        case .completion:
            return [FieldSpec("呈送领导", "呈送的区领导", .text)]
        case .reinspection:
            return [
                FieldSpec("结论", "再督查结论", .choice(["维持办结", "重新办理"])),
                FieldSpec("新时限", "重新办理的时限", .date),
            ]
        }
    }

    /// All fields of a kind of event, common ones first.
    public static func allFields(of kind: EventKind) -> [FieldSpec] { common + fields(of: kind) }
}

/// One event of a matter's life, checked against ``EventCatalogue``.
public struct MatterEvent: Sendable, Equatable {
    public var kind: EventKind
    /// Every field, common ones included.
    public var values: FieldRecord

    public init(kind: EventKind, values: FieldRecord) {
        self.kind = kind
        self.values = values
    }

    public var matterID: String { values["事项"]?.text ?? "" }
    public var date: CivilDate { values["日期"]?.date ?? CivilDate(dayNumber: 0) }
    public func text(_ key: String) -> String? { values[key]?.text }
    public func date(_ key: String) -> CivilDate? { values[key]?.date }
    public func flag(_ key: String) -> Bool { values[key].map { $0 == .flag(true) } ?? false }
}
