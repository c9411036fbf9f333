public import Matters

/// Reads `office-profile.json` against ``OfficeProfile/fields``.
public enum OfficeProfileReader {
    public static func read(bytes: [UInt8], file: String) throws(DiagnosticsError) -> OfficeProfile {
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw DiagnosticsError([
                Diagnostic(file: file, location: "第 \(error.line) 行", field: "", problem: "不是有效的 JSON：\(error.message)")
            ])
        }
        var decoder = FieldDecoder(file: file, location: "")
        let values = decoder.decodeRecord(root, fields: OfficeProfile.fields)
        if !decoder.diagnostics.isEmpty { throw DiagnosticsError(decoder.diagnostics) }
        var policy = LifecyclePolicy()
        for (spec, keyPath) in OfficeProfile.policyFields {
            guard let text = values["督查规则"]?.record?[spec.key]?.text else { continue }
            guard let number = Int(text), number >= 0 else {
                throw DiagnosticsError([
                    Diagnostic(
                        file: file, location: "", field: "督查规则.\(spec.key)", problem: "“\(text)”不是天数",
                        expectation: "非负整数")
                ])
            }
            policy[keyPath: keyPath] = number
        }
        var publications = PublicationProfile()
        let bulletin = values["刊物"]?.record
        if let title = bulletin?["刊名"]?.text { publications.title = title }
        publications.publisher = bulletin?["编印单位"]?.text
        if let text = bulletin?["报"]?.text { publications.reportTo = text }
        if let text = bulletin?["送"]?.text { publications.sendTo = text }
        if let text = bulletin?["发"]?.text { publications.issueTo = text }
        if let copies = bulletin?["印数"]?.text.flatMap({ Int($0) }) { publications.copies = copies }
        if let prefix = values["考评表"]?.record?["文号前缀"]?.text { publications.assessmentPrefix = prefix }
        var fonds = FondsProfile()
        if let archive = values["档案"]?.record {
            if let v = archive["全宗号"]?.text { fonds.fondsCode = v }
            if let v = archive["全宗名称"]?.text { fonds.fondsName = v }
            if let v = archive["机构代码"]?.text { fonds.departmentCode = v }
            if let v = archive["整理人"]?.text { fonds.arrangedBy = v }
            if let v = archive["检查人"]?.text { fonds.checkedBy = v }
            for entry in archive["保管期限"]?.record?.entries ?? [] {
                if let period = entry.value.text.flatMap(RetentionPeriod.init(rawValue:)) {
                    fonds.retention[entry.key] = period
                }
            }
        }
        var prefixes: [String: String] = [:]
        for entry in values["文号前缀"]?.record?.entries ?? [] { prefixes[entry.key] = entry.value.text }
        var profile = OfficeProfile(
            name: values["机关名称"]?.text ?? "", parent: values["上级机关"]?.text ?? "",
            signer: values["签发人"]?.text ?? "", phone: values["联系电话"]?.text ?? "", numberPrefixes: prefixes,
            policy: policy, publications: publications)
        profile.fonds = fonds
        return profile
    }
}
