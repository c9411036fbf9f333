/// The field catalogue of a supervision matter (督查事项): BRIEF §2.1, the fields a 《督查通知单》 shows.
///
/// Keys are the forms' own Chinese words. The same keys are the JSON keys of a matter record, the
/// element names of `matter.xml`, the headers of a ledger sheet and the names a template uses
/// (`{{主责单位.名称}}`).
public enum MatterCatalogue {
    /// The two procedures of the measures (``MatterKind``).
    public static let kinds = MatterKind.allCases.map(\.rawValue)
    /// 督办 or 转阅 (``Handling``).
    public static let handlings = Handling.allCases.map(\.rawValue)
    /// The five sources of 第七条, (一) to (五).
    public static let sources = [
        "法律法规和规范性文件贯彻落实", "重要会议决定事项", "重大决策和重要事项", "领导批示和交办事项", "其他",
    ]
    public static let urgencies = ["特急", "加急", "一般"]
    public static let classifications = ["秘密", "机密", "绝密"]

    /// A unit (主责单位 or 协办单位) with its contact.
    public static let unit: [FieldSpec] = [
        FieldSpec("名称", "单位名称", .text, required: true),
        FieldSpec("联系人", "联系人", .text),
        FieldSpec("电话", "联系电话", .phone),
    ]

    /// A leader's written instruction (领导批示).
    public static let instruction: [FieldSpec] = [
        FieldSpec("领导", "批示领导", .text, required: true),
        FieldSpec("日期", "批示日期", .date, required: true),
        FieldSpec("内容", "批示内容", .multilineText, required: true, help: "原文照录"),
    ]

    /// The supervision officer of the office who follows the matter.
    public static let officer: [FieldSpec] = [
        FieldSpec("姓名", "督查员姓名", .text, required: true),
        FieldSpec("电话", "督查员电话", .phone),
    ]

    /// Every field of a matter record, in the order documents and `matter.xml` list them.
    public static let fields: [FieldSpec] = [
        FieldSpec("编号", "事项编号", .identifier, required: true, help: "一事一号；也是档案文件夹名"),
        FieldSpec("事项名称", "督查事项名称", .text, required: true),
        FieldSpec("事项类型", "事项类型", .choice(kinds), required: true, help: "重点任务：第十一条；领导批示：第十二条"),
        FieldSpec("办理方式", "办理方式", .choice(handlings), help: "仅领导批示事项：督办（需报送）或转阅（阅研，一般不需报送）；缺省为督办"),
        FieldSpec("事项来源", "事项来源（第七条）", .choice(sources), required: true),
        FieldSpec("立项依据", "立项依据", .multilineText, required: true, help: "依据的文件（含文号）或会议"),
        FieldSpec("领导批示", "领导批示", .record(instruction), help: "领导批示事项必填"),
        FieldSpec("主责单位", "主责单位", .record(unit), required: true),
        FieldSpec("协办单位", "协办单位", .list(.record(unit))),
        FieldSpec("办理要求", "办理要求", .paragraphs, required: true),
        FieldSpec("立项日期", "立项日期", .date, required: true),
        FieldSpec("交办日期", "交办日期", .date, help: "通知单的发文日期；缺省时以命令的 --date 或当天为准"),
        FieldSpec("办理时限", "办理时限", .date, required: true),
        FieldSpec("紧急程度", "紧急程度", .choice(urgencies)),
        FieldSpec("密级", "密级", .choice(classifications), help: "不填即非涉密"),
        FieldSpec("媒体曝光", "新闻媒体曝光事项", .flag, help: "第十二条(四)：应在7日内办结"),
        FieldSpec("督查员", "督查员", .record(officer), required: true),
        FieldSpec("签发人", "签发人", .text, help: "缺省取机关配置中的签发人"),
        FieldSpec("附件", "附件", .paragraphs),
        FieldSpec("备注", "备注", .multilineText),
    ]
}
