/// What an office sets about its publications (`刊物` and `考评表` in `office-profile.json`, both optional):
/// 《西城政务督查》's masthead and 版记 (BRIEF §2.5), and the number prefix of the 督考合一 sheet.
public struct PublicationProfile: Sendable, Equatable {
    /// 刊名, printed large and red at the top of every issue.
    public var title = "西城政务督查"
    /// 编印单位 under the title; `nil` prints the office's 机关名称.
    public var publisher: String?
    /// 报: the leaders the bulletin is reported to (11(六): 报送区领导审阅).
    public var reportTo = "区委、区政府领导。"
    /// 送: the offices it is sent to (第四条 区委督查室; 13(九) 区政府绩效办).
    public var sendTo = "区委督查室，区政府绩效办。"
    /// 发: the units it is issued to (the measures' own 主送).
    public var issueTo = "区政府各委、办、局，各街道办事处。"
    /// 共印N份.
    public var copies = 40
    /// The 督考合一 sheet's number prefix: 西督考〔2026〕1号.
    public var assessmentPrefix = "西督考"

    public init() {}

    /// The keys of `刊物`.
    public static let bulletinFields: [FieldSpec] = [
        FieldSpec("刊名", "刊名", .text, help: "缺省为 西城政务督查"),
        FieldSpec("编印单位", "编印单位", .text, help: "缺省为机关名称"),
        FieldSpec("报", "版记“报：”", .text, help: "报送的领导，以句号结尾"),
        FieldSpec("送", "版记“送：”", .text),
        FieldSpec("发", "版记“发：”", .text),
        FieldSpec("印数", "共印份数", .count),
    ]

    /// The keys of `考评表`.
    public static let assessmentFields: [FieldSpec] = [
        FieldSpec("文号前缀", "督考合一考评表的文号前缀", .text, help: "缺省为 西督考")
    ]
}
