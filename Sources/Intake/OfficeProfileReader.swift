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
        var prefixes: [String: String] = [:]
        for entry in values["文号前缀"]?.record?.entries ?? [] { prefixes[entry.key] = entry.value.text }
        return OfficeProfile(
            name: values["机关名称"]?.text ?? "", parent: values["上级机关"]?.text ?? "",
            signer: values["签发人"]?.text ?? "", phone: values["联系电话"]?.text ?? "", numberPrefixes: prefixes,
            policy: policy)
    }
}
