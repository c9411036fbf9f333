public import Matters

/// Turns JSON into catalogue field values, collecting one ``Diagnostic`` per problem instead of stopping
/// at the first.
public struct FieldDecoder {
    /// The file, as the user named it.
    public var file: String
    /// Where the record is, e.g. `记录 3（2026-003，第 45 行）`.
    public var location: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String, location: String) {
        self.file = file
        self.location = location
    }

    mutating func report(_ field: String, _ problem: String, expecting: String? = nil) {
        diagnostics.append(
            Diagnostic(file: file, location: location, field: field, problem: problem, expectation: expecting))
    }

    /// Decodes an object against `fields`; unknown keys, duplicates, missing required fields and wrong
    /// values are all reported. Returns the values that were good.
    public mutating func decodeRecord(_ node: JSONNode, fields: [FieldSpec], path: String = "") -> FieldRecord {
        guard case .object(let members) = node.value else {
            report(path, "类型不对：是\(node.typeName)（第 \(node.line) 行）", expecting: FieldType.record(fields).expectation)
            return FieldRecord()
        }
        var seen: [String: Int] = [:]
        for member in members {
            let keyPath = path.isEmpty ? member.key : path + "." + member.key
            if let firstLine = seen[member.key] {
                report(keyPath, "字段重复（第 \(firstLine) 行已有此字段，第 \(member.value.line) 行又出现）")
                continue
            }
            seen[member.key] = member.value.line
            if fields.spec(member.key) == nil {
                report(
                    keyPath, "不是可用的字段名（第 \(member.value.line) 行）",
                    expecting: fields.map(\.key).joined(separator: "、") + "之一")
            }
        }
        var record = FieldRecord()
        for spec in fields {
            let keyPath = path.isEmpty ? spec.key : path + "." + spec.key
            let member = members.first { $0.key == spec.key }
            guard let member, member.value.value != .null, !Self.isBlank(member.value) else {
                if spec.required { report(keyPath, "缺少必填字段“\(spec.label)”", expecting: spec.type.expectation) }
                continue
            }
            if let value = decode(member.value, type: spec.type, path: keyPath) { record[spec.key] = value }
        }
        return record
    }

    private static func isBlank(_ node: JSONNode) -> Bool {
        switch node.value {
        case .string(let s): return s.allSatisfy(\.isWhitespace)
        case .array(let items):
            // A list of nothing but blank paragraphs is as empty as no list.
            return items.allSatisfy {
                if case .string(let s) = $0.value { return s.allSatisfy(\.isWhitespace) }
                return false
            }
        default: return false
        }
    }

    /// Decodes one value of `type`, or reports why it cannot.
    public mutating func decode(_ node: JSONNode, type: FieldType, path: String) -> FieldValue? {
        func wrongType() -> FieldValue? {
            report(path, "类型不对：是\(node.typeName)（第 \(node.line) 行）", expecting: type.expectation)
            return nil
        }
        switch type {
        case .text, .multilineText, .identifier, .phone, .documentNumber:
            guard case .string(let s) = node.value else { return wrongType() }
            return checkText(s, type: type, path: path, line: node.line).map(FieldValue.text)
        case .date:
            guard case .string(let s) = node.value else { return wrongType() }
            guard let date = CivilDate(iso: s) else {
                report(path, "日期无效“\(s)”（第 \(node.line) 行）", expecting: type.expectation)
                return nil
            }
            return .date(date)
        case .choice(let words):
            guard case .string(let s) = node.value else { return wrongType() }
            guard words.contains(s) else {
                report(path, "取值“\(s)”不在可选范围内（第 \(node.line) 行）", expecting: type.expectation)
                return nil
            }
            return .text(s)
        case .flag:
            guard case .bool(let b) = node.value else { return wrongType() }
            return .flag(b)
        case .count:
            guard case .number(let n) = node.value, let value = Int(n), value >= 0 else { return wrongType() }
            return .text(String(value))
        case .paragraphs:
            switch node.value {
            case .string(let s):
                return checkText(s, type: .multilineText, path: path, line: node.line).map {
                    .list($0.split(separator: "\n", omittingEmptySubsequences: true).map { .text(String($0)) })
                }
            case .array(let items):
                var paragraphs: [FieldValue] = []
                for (i, item) in items.enumerated() {
                    let itemPath = "\(path)[\(i + 1)]"
                    guard case .string(let s) = item.value else {
                        report(itemPath, "类型不对：是\(item.typeName)（第 \(item.line) 行）", expecting: "一段文字")
                        continue
                    }
                    if let text = checkText(s, type: .multilineText, path: itemPath, line: item.line) {
                        paragraphs.append(.text(text))
                    }
                }
                return .list(paragraphs)
            default: return wrongType()
            }
        case .record(let fields):
            return .record(decodeRecord(node, fields: fields, path: path))
        case .list(let element):
            guard case .array(let items) = node.value else { return wrongType() }
            var values: [FieldValue] = []
            for (i, item) in items.enumerated() {
                if let v = decode(item, type: element, path: "\(path)[\(i + 1)]") { values.append(v) }
            }
            return .list(values)
        }
    }

    /// Checks text against what XML can carry and what the type allows; returns it unchanged when it
    /// passes, so that every space and line break reaches the document exactly.
    mutating func checkText(_ s: String, type: FieldType, path: String, line: Int) -> String? {
        guard let problem = TextRule.problem(in: s, type: type) else { return s }
        switch problem {
        case .forbiddenCharacter(let code, let position):
            report(
                path, "含 XML 不允许的控制字符 \(code)（第 \(line) 行，第 \(position) 个字符）", expecting: "可打印的文字，换行用 \\n，制表用 \\t")
        case .noncharacter(let code, let position):
            report(path, "含非字符 \(code)（第 \(line) 行，第 \(position) 个字符）", expecting: "Unicode 字符（U+FFFE、U+FFFF 不是字符）")
        case .identifierTooLong(let length):
            report(
                path, "编号过长：\(length) 个字符（第 \(line) 行）",
                expecting: "不超过 \(FieldType.maxIdentifierLength) 个字符的编号")
        case .lineBreak:
            report(path, "不能含换行（第 \(line) 行）", expecting: type.expectation)
        case .identifier:
            report(path, "编号格式不对“\(s)”（第 \(line) 行）", expecting: type.expectation)
        case .phone:
            report(path, "电话号码格式不对“\(s)”（第 \(line) 行）", expecting: type.expectation)
        }
        return nil
    }
}
