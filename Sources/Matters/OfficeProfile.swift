/// What an office customises about itself (`Templates/office-profile.json`): its name, who signs,
/// its phone number and the prefix of each form's document numbers.
public struct OfficeProfile: Sendable, Equatable {
    /// 机关名称, printed as the slips' 版头 and 落款.
    public var name: String
    /// 上级机关 (the 区政府办公室 the office belongs to).
    public var parent: String
    /// 签发人 used when a matter names none.
    public var signer: String
    /// 联系电话 printed on slips.
    public var phone: String
    /// 文号前缀 per form title, e.g. 督查通知单 → 西督通.
    public var numberPrefixes: [String: String]

    public init(name: String, parent: String, signer: String, phone: String, numberPrefixes: [String: String]) {
        self.name = name
        self.parent = parent
        self.signer = signer
        self.phone = phone
        self.numberPrefixes = numberPrefixes
    }

    /// The profile's own catalogue: the keys `office-profile.json` must have.
    public static let fields: [FieldSpec] = [
        FieldSpec("机关名称", "机关名称", .text, required: true),
        FieldSpec("上级机关", "上级机关", .text, required: true),
        FieldSpec("签发人", "签发人", .text, required: true),
        FieldSpec("联系电话", "联系电话", .phone, required: true),
        FieldSpec("文号前缀", "各单据文号前缀", .record(Form.allCases.map { FieldSpec($0.rawValue, $0.rawValue, .text) })),
    ]

    /// The number prefix of a form, or an error naming the missing key.
    public func prefix(for form: Form) throws(DiagnosticsError) -> String {
        guard let prefix = numberPrefixes[form.rawValue], !prefix.isEmpty else {
            throw DiagnosticsError([
                Diagnostic(
                    file: "office-profile.json", location: "", field: "文号前缀.\(form.rawValue)",
                    problem: "机关配置中没有《\(form.rawValue)》的文号前缀", expectation: "如“西督通”的文字")
            ])
        }
        return prefix
    }
}

/// The office's numbered forms.
public enum Form: String, Sendable, CaseIterable, Hashable {
    case notice = "督查通知单"
    case reminder = "督查催办单"
    case returnSlip = "督查退办单"
    case transfer = "领导批示转阅（办）单"
}
