import Matters

/// Field values as a page shows them.
enum Display {
    static func text(_ value: FieldValue) -> String {
        switch value {
        case .text(let s): return s
        case .date(let d): return d.iso
        case .flag(let b): return b ? "是" : "否"
        case .list(let items): return items.map(text).joined(separator: "\n")
        case .record(let record): return record.entries.map { "\($0.key)：\(text($0.value))" }.joined(separator: "；")
        }
    }

    /// A record's fields as label/value pairs, in the catalogue's order, with the catalogue's labels.
    static func pairs(_ record: FieldRecord, specs: [FieldSpec]) -> [[String: Any]] {
        record.entries.map { entry in
            ["label": specs.spec(entry.key)?.label ?? entry.key, "value": text(entry.value)]
        }
    }
}
