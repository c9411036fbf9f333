public import Matters

/// The data a template is filled with: a tree of named values.
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    case date(CivilDate)
    case number(DocumentNumber)
    case flag(Bool)
    case list([TemplateValue])
    /// A list made one item at a time as the document is filled (``TemplateRows``): a year's bulletin lists
    /// thousands of rows, and none needs to be held at once.
    case rows(TemplateRows)
    case record(TemplateRecord)

    /// Converts a checked catalogue value.
    public init(_ value: FieldValue) {
        switch value {
        case .text(let s): self = .text(s)
        case .date(let d): self = .date(d)
        case .flag(let b): self = .flag(b)
        case .list(let items): self = .list(items.map(TemplateValue.init))
        case .record(let r):
            var fields: TemplateRecord = [:]
            for entry in r.entries { fields[entry.key] = TemplateValue(entry.value) }
            self = .record(fields)
        }
    }

    /// Whether a section over this value shows (once, or per item for a list).
    var isTruthy: Bool {
        switch self {
        case .text(let s): return !s.isEmpty
        case .flag(let b): return b
        case .list(let items): return !items.isEmpty
        case .rows(let rows): return rows.count > 0
        case .record(let fields): return !fields.isEmpty
        case .date, .number: return true
        }
    }

    func member(_ key: String) -> TemplateValue? {
        if case .record(let fields) = self { return fields[key] }
        return nil
    }
}
