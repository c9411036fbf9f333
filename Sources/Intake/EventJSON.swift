import Matters

/// Writes checked field values back as a JSON record, so that a row of an events sheet can be
/// judged by ``EventReader`` itself — its cross-field rules and attachment checks — and a row
/// and a JSON record are never judged differently.
enum EventJSON {
    /// The record as a one-element JSON array.
    static func array(of record: FieldRecord, fields: [FieldSpec]) -> [UInt8] {
        var out = "["
        append(.record(record), type: .record(fields), to: &out)
        out += "]"
        return Array(out.utf8)
    }

    private static func append(_ value: FieldValue, type: FieldType, to out: inout String) {
        switch value {
        case .text(let s):
            if case .count = type { out += s } else { appendString(s, to: &out) }
        case .date(let d): appendString(d.iso, to: &out)
        case .flag(let b): out += b ? "true" : "false"
        case .list(let items):
            let element: FieldType
            if case .list(let inner) = type { element = inner } else { element = .multilineText }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                append(item, type: element, to: &out)
            }
            out += "]"
        case .record(let record):
            let fields: [FieldSpec]
            if case .record(let inner) = type { fields = inner } else { fields = [] }
            out += "{"
            for (index, entry) in record.entries.enumerated() {
                if index > 0 { out += "," }
                appendString(entry.key, to: &out)
                out += ":"
                append(entry.value, type: fields.spec(entry.key)?.type ?? .text, to: &out)
            }
            out += "}"
        }
    }

    private static func appendString(_ s: String, to out: inout String) {
        out += JSONString.literal(s)
    }
}
