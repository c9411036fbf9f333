public import Matters

/// The data each form shows: the matter's fields plus the form's own (its number, date, the office).
public enum FormCatalogue {
    /// Fields every slip adds to the matter's.
    public static let slipFields: [FieldSpec] = [
        FieldSpec("文号", "文号", .documentNumber, required: true, help: "由登记簿按年度编号，如 西督通〔2026〕12号"),
        FieldSpec("发文日期", "发文日期", .date, required: true),
        FieldSpec("机关名称", "机关名称", .text, required: true, help: "取自机关配置"),
        FieldSpec("联系电话", "督查室联系电话", .phone, required: true, help: "取自机关配置"),
        FieldSpec("签发人", "签发人", .text, required: true, help: "事项的签发人，缺省取机关配置"),
        FieldSpec("单据名称", "单据名称", .text, required: true, help: "如 督查通知单"),
    ]

    /// Every name a template of a slip may use: the matter catalogue, with the slip's fields in front.
    public static func schema(for form: Form) -> [FieldSpec] {
        let own = Set(slipFields.map(\.key))
        return slipFields + MatterCatalogue.fields.filter { !own.contains($0.key) }
    }

    /// The data of one slip for one matter.
    public static func data(
        form: Form, matter: Matter, number: DocumentNumber, date: CivilDate, office: OfficeProfile
    ) -> TemplateValue {
        guard case .record(var fields) = TemplateValue(.record(matter.values)) else { return .record([:]) }
        fields["文号"] = .number(number)
        fields["发文日期"] = .date(date)
        fields["机关名称"] = .text(office.name)
        fields["联系电话"] = .text(office.phone)
        fields["签发人"] = .text(matter.values["签发人"]?.text ?? office.signer)
        fields["单据名称"] = .text(form.rawValue)
        // GB/T 9704 §7.2.3 marks only 特急 and 加急; an ordinary matter's slip shows no 紧急程度.
        if case .text("一般")? = fields["紧急程度"] { fields["紧急程度"] = nil }
        return .record(fields)
    }
}
