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
        FieldSpec("协办单位名单", "协办单位名单", .text, help: "协办单位的名称，以顿号分隔；无协办单位时不填"),
    ]

    /// The fields one form adds for itself (beyond ``slipFields`` and the matter's).
    public static func ownFields(of form: Form) -> [FieldSpec] {
        switch form {
        case .notice:
            return []
        case .reminder:
            return [
                FieldSpec("催办次数", "第几次催办", .text, required: true, help: "如 2（第2次催办）"),
                FieldSpec("原通知单文号", "原《督查通知单》文号", .documentNumber, required: true),
                FieldSpec("原定时限", "原定办理时限", .date, required: true, help: "催办时有效的时限（延期、退办后的新时限）"),
                FieldSpec("逾期天数", "逾期天数", .text, required: true, help: "自原定时限次日起算的日历天数"),
                FieldSpec("新报送时限", "新的报送时限", .date, required: true),
                FieldSpec("催办要求", "催办要求", .paragraphs, required: true),
            ]
        case .returnSlip:
            return [
                FieldSpec("退办次数", "第几次退办", .text, required: true),
                FieldSpec("原通知单文号", "原《督查通知单》文号", .documentNumber, required: true),
                FieldSpec(
                    "被退回材料", "被退回的办理报告",
                    .record([
                        FieldSpec("标题", "报告标题", .text, required: true),
                        FieldSpec("报送日期", "报送日期", .date, required: true),
                        FieldSpec("文号", "报告文号", .text),
                    ]), required: true),
                FieldSpec(
                    "退办理由清单", "退办理由（逐项勾选）",
                    .list(
                        .record([
                            FieldSpec("勾选", "☑ 或 ☐", .text, required: true),
                            FieldSpec("理由", "理由", .text, required: true),
                        ])), required: true,
                    help: "11(三)、12(二)、12(四) 的全部理由，选中的为 ☑"),
                FieldSpec("其他理由", "其他理由", .multilineText),
                FieldSpec("重办要求", "重办要求", .paragraphs, required: true),
                FieldSpec("重新报送时限", "重新报送时限", .date, required: true),
            ]
        case .transfer:
            return [
                FieldSpec("转阅方式", "办理方式", .choice(["阅知", "阅研", "研办"]), required: true),
                FieldSpec("需要反馈", "是否需要反馈", .flag, required: true),
                FieldSpec("反馈时限", "反馈时限", .date, help: "需要反馈时必有"),
                FieldSpec("拟办意见", "督查室拟办意见", .multilineText),
                FieldSpec("阅知范围", "阅知范围", .text),
            ]
        }
    }

    /// Every name a template of a slip may use: the slip's and the form's own fields, then the matter's.
    public static func schema(for form: Form) -> [FieldSpec] {
        let front = slipFields + ownFields(of: form)
        let own = Set(front.map(\.key))
        return front + MatterCatalogue.fields.filter { !own.contains($0.key) }
    }

    /// Every name any slip offers (for a template whose form is not known).
    public static var anySlipSchema: [FieldSpec] {
        var seen = Set<String>()
        return Form.allCases.flatMap { schema(for: $0) }.filter { seen.insert($0.key).inserted }
    }

    /// The form a template file is for, told by its name (`督查催办单.fodt`, `督查催办单-新版.odt` …).
    public static func form(forTemplateNamed path: String) -> Form? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return Form.allCases.sorted { $0.rawValue.count > $1.rawValue.count }.first { name.hasPrefix($0.rawValue) }
    }

    /// The data of one slip for one matter; `extra` holds the form's own fields (see ``ownFields(of:)``).
    public static func data(
        form: Form, matter: Matter, number: DocumentNumber, date: CivilDate, office: OfficeProfile,
        extra: TemplateRecord = [:]
    ) -> TemplateValue {
        guard case .record(var fields) = TemplateValue(.record(matter.values)) else { return .record([:]) }
        for (key, value) in extra { fields[key] = value }
        fields["文号"] = .number(number)
        fields["发文日期"] = .date(date)
        fields["机关名称"] = .text(office.name)
        fields["联系电话"] = .text(office.phone)
        fields["签发人"] = .text(matter.values["签发人"]?.text ?? office.signer)
        fields["单据名称"] = .text(form.rawValue)
        // The co-units as one line of names, for a slip that lists them in one cell rather than a row each.
        if case .list(let units)? = fields["协办单位"] {
            let names = units.compactMap { unit -> String? in
                guard case .record(let unit) = unit, case .text(let name)? = unit["名称"] else { return nil }
                return name
            }
            if !names.isEmpty { fields["协办单位名单"] = .text(names.joined(separator: "、")) }
        }
        // GB/T 9704 §7.2.3 marks only 特急 and 加急; an ordinary matter's slip shows no 紧急程度.
        if case .text("一般")? = fields["紧急程度"] { fields["紧急程度"] = nil }
        return .record(fields)
    }
}
