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
    /// The numbers the measures leave to the office (督查规则).
    public var policy: LifecyclePolicy
    /// 《西城政务督查》 and the 督考合一 sheet (刊物, 考评表).
    public var publications: PublicationProfile
    /// The office as a 全宗, for the yearly dossier (档案).
    public var fonds: FondsProfile = FondsProfile()

    public init(
        name: String, parent: String, signer: String, phone: String, numberPrefixes: [String: String],
        policy: LifecyclePolicy = LifecyclePolicy(), publications: PublicationProfile = PublicationProfile()
    ) {
        self.name = name
        self.parent = parent
        self.signer = signer
        self.phone = phone
        self.numberPrefixes = numberPrefixes
        self.policy = policy
        self.publications = publications
    }

    /// The keys of `督查规则` in the profile, each with the policy value it sets.
    public static let policyFields: [(spec: FieldSpec, keyPath: WritableKeyPath<LifecyclePolicy, Int> & Sendable)] = [
        (FieldSpec("媒体曝光办结天数", "新闻媒体曝光事项办结天数（第十二条(四)：7日）", .count), \.mediaDays),
        (FieldSpec("延期申请提前工作日", "延期申请须在时限前几个工作日提出（第十二条(四)：3）", .count), \.extensionLeadWorkingDays),
        (FieldSpec("黄灯工作日", "距时限几个工作日内亮黄灯", .count), \.yellowWorkingDays),
        (FieldSpec("催办后报送工作日", "催办单给出的新报送时限（工作日）", .count), \.reminderWorkingDays),
        (FieldSpec("屡次迟报次数", "迟报几次算屡次迟报（第十五条）", .count), \.repeatedLateThreshold),
        (FieldSpec("月报起始天数", "办理期超过几天的领导批示事项须报月报（第十二条(四)）", .count), \.monthlyReportAfterDays),
    ]

    /// The profile's own catalogue: the keys `office-profile.json` must have.
    public static let fields: [FieldSpec] = [
        FieldSpec("机关名称", "机关名称", .text, required: true),
        FieldSpec("上级机关", "上级机关", .text, required: true),
        FieldSpec("签发人", "签发人", .text, required: true),
        FieldSpec("联系电话", "联系电话", .phone, required: true),
        FieldSpec("文号前缀", "各单据文号前缀", .record(Form.allCases.map { FieldSpec($0.rawValue, $0.rawValue, .text) })),
        FieldSpec("督查规则", "办法未定的数字", .record(policyFields.map(\.spec))),
        FieldSpec("刊物", "《西城政务督查》的报头和版记", .record(PublicationProfile.bulletinFields)),
        FieldSpec("考评表", "督考合一考评表", .record(PublicationProfile.assessmentFields)),
        FieldSpec("档案", "全宗、保管期限（年度归档用）", .record(FondsProfile.fields)),
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
