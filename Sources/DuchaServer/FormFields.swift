import Matters

/// The inputs of a form built from the catalogue: one per field, of the kind its type calls for, with the value
/// last posted and the intake's error beside it.
enum FormFields {
    /// The form's data for the `fields` partial. `name` is the input's name for a key; `errors` the messages by key.
    static func inputs(
        _ specs: [FieldSpec], prefix: String = "", values: [String: [String]], errors: [String: [String]]
    ) -> [[String: Any]] {
        specs.map { spec in
            let key = prefix + spec.key
            let posted = values[key] ?? []
            var input: [String: Any] = [
                "name": "f." + key, "id": "f-" + key, "label": spec.label, "help": spec.help, "required": spec.required,
                "value": posted.first ?? "", "errors": errors[key] ?? [], "hasErrors": errors[key] != nil,
                // Every kind named, false but one: a missing key would be looked up in the page around the field.
                "isText": false, "isDate": false, "isTextarea": false, "isChoice": false, "isFlag": false,
                "isChecks": false, "checked": false, "hint": "",
            ]
            switch spec.type {
            case .multilineText, .paragraphs:
                input["isTextarea"] = true
                input["hint"] = spec.type == .paragraphs ? "每行一段" : ""
            case .date: input["isDate"] = true
            case .flag:
                input["isFlag"] = true
                input["checked"] = posted.first == "1"
            case .choice(let words):
                input["isChoice"] = true
                input["options"] = words.map { ["value": $0, "selected": posted.first == $0] }
            case .list(.choice(let words)):
                input["isChecks"] = true
                input["options"] = words.enumerated().map {
                    ["value": $0.element, "checked": posted.contains($0.element), "id": "f-\(key)-\($0.offset)"]
                }
            case .list:
                input["isTextarea"] = true
                input["hint"] = "每行一项"
            default: input["isText"] = true
            }
            return input
        }
    }

    /// The JSON value of a field from what the form posted, or nil when left empty.
    static func json(_ spec: FieldSpec, posted: [String]) -> Any? {
        let first = posted.first?.trimmingLines ?? ""
        switch spec.type {
        case .flag: return posted.contains("1") ? true : nil
        case .paragraphs:
            let lines = first.split(whereSeparator: \.isNewline).map { String($0).trimmingLines }.filter { !$0.isEmpty }
            return lines.isEmpty ? nil : lines
        case .list(.choice):
            return posted.isEmpty ? nil : posted
        case .list(.record(let fields)):
            let lines = first.split(whereSeparator: \.isNewline).map { String($0).trimmingLines }.filter { !$0.isEmpty }
            guard let nameKey = fields.first?.key, !lines.isEmpty else { return nil }
            return lines.map { [nameKey: $0] }
        case .list:
            let lines = first.split(whereSeparator: \.isNewline).map { String($0).trimmingLines }.filter { !$0.isEmpty }
            return lines.isEmpty ? nil : lines
        default:
            return first.isEmpty ? nil : first.replacing("\r\n", with: "\n")
        }
    }

    /// The messages of intake's problems by field key (the key path without a list index), and those of no field.
    static func errors(_ diagnostics: [Diagnostic]) -> (byField: [String: [String]], general: [String]) {
        var byField: [String: [String]] = [:]
        var general: [String] = []
        for d in diagnostics where d.severity == .error {
            let text = MessageText.escaped(d.problem + (d.expectation.map { "（应为\($0)）" } ?? ""))
            var key = d.field
            if let bracket = key.firstIndex(of: "[") { key = String(key[..<bracket]) }
            if key.isEmpty { general.append(text) } else { byField[key, default: []].append(text) }
        }
        return (byField, general)
    }
}

extension String {
    /// Without leading and trailing spaces and line breaks.
    var trimmingLines: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
