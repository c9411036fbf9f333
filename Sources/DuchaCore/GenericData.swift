import Filling
import Intake

/// Fill data for generic templates: JSON as it is (strings, numbers as written, booleans, lists, objects).
enum GenericData {
    static func value(_ node: JSONNode) -> TemplateValue {
        switch node.value {
        case .string(let s): return .text(s)
        case .number(let n): return .text(n)
        case .bool(let b): return .flag(b)
        case .null: return .text("")
        case .array(let items): return .list(items.map(value))
        case .object(let members):
            var fields: TemplateRecord = [:]
            for member in members { fields[member.key] = value(member.value) }
            return .record(fields)
        }
    }
}
