public import Matters
public import Rendering

extension Spreadsheet {
    /// A ledger (台账) to type into: 事项 holding `matters`, 事件 holding `events` and, when `help` is set, a
    /// 填表说明 sheet explaining every column. Its columns follow the header scheme of ``LedgerColumns``, so
    /// that what is written (as XLSX, ODS or CSV) reads back as the same matters and events.
    public static func ledger(matters: [Matter], events: [MatterEvent], help: Bool) -> Spreadsheet {
        var sheets = [
            LedgerSheet.sheet(
                "事项", columns: LedgerColumns.matters.map { LedgerSheet.column($0, isEvent: false) },
                rows: matters.map { matter in
                    LedgerColumns.matters.map { LedgerSheet.cell(matter.values, path: $0.path) }
                }),
            LedgerSheet.sheet(
                "事件", columns: LedgerColumns.events.map { LedgerSheet.column($0, isEvent: true) },
                rows: events.map { event in LedgerColumns.events.map { LedgerSheet.cell(event.values, path: $0.path) } }
            ),
        ]
        if help { sheets.append(LedgerHelp.sheet) }
        return Spreadsheet(look: .entry, title: "督查事项台账", sheets: sheets)
    }
}

extension Spreadsheet.Cell {
    /// The cell that holds `value` (an error such as `#N/A` as its text).
    public init(_ value: CellValue) {
        switch value {
        case .empty: self = .empty
        case .text(let s), .error(let s): self = .text(s)
        case .number(let n): self = .number(n)
        case .date(let d): self = .date(year: d.year, month: d.month, day: d.day)
        case .bool(let b): self = .bool(b)
        }
    }
}

/// The sheets of a ledger: headed columns, one row a record.
enum LedgerSheet {
    /// A sheet with one header row naming `columns`.
    static func sheet(_ name: String, columns: [(header: String, column: Spreadsheet.Column)], rows: [[CellValue]])
        -> Spreadsheet.Sheet
    {
        Spreadsheet.Sheet(
            name: name, columns: columns.map(\.column), header: [columns.map(\.header)],
            rows: rows.map { $0.map(Spreadsheet.Cell.init) })
    }

    /// A column of the scheme as written: a drop-down for a choice (an events column offers the words of
    /// every kind of event that has it) and for 是/否; text format for text and ids; widths in characters.
    static func column(_ column: LedgerColumn, isEvent: Bool) -> (header: String, column: Spreadsheet.Column) {
        let specs =
            isEvent
            ? EventKind.allCases.compactMap { EventCatalogue.allFields(of: $0).spec(column.key) } : [column.spec]
        var choices: [String] = []
        for spec in specs {
            switch spec.type {
            case .choice(let words): choices += words.filter { !choices.contains($0) }
            case .flag: choices = ["是", "否"]
            default: break
            }
        }
        switch column.spec.type {
        case .multilineText, .paragraphs, .list:
            return (column.header, Spreadsheet.Column(width: .characters(30), isText: true))
        case .date, .count:
            return (column.header, Spreadsheet.Column(width: .characters(10)))
        case .flag, .choice:
            let width = min(max(choices.map(\.count).max() ?? 4, 4), 14) + 2
            return (column.header, Spreadsheet.Column(width: .characters(width), choices: choices))
        default:
            let wide = column.path.last == "名称" || column.key == "事项名称"
            return (column.header, Spreadsheet.Column(width: .characters(wide ? 16 : 10), isText: true))
        }
    }

    /// The cell of a field: dates as dates, 是/否 for flags, lists joined (paragraphs by line breaks,
    /// units by 、), and a unit list's contacts beside its names with `-` for one that has none.
    static func cell(_ values: FieldRecord, path: [String]) -> CellValue {
        guard let value = values[path[0]] else { return .empty }
        if path.count == 1 { return cell(value) }
        switch value {
        case .record(let record): return record[path[1]].map { cell($0) } ?? .empty
        case .list(let items):
            let parts = items.map { $0.record?[path[1]]?.text ?? "" }
            if path[1] != "名称", parts.allSatisfy(\.isEmpty) { return .empty }
            return text(parts.map { $0.isEmpty ? "-" : $0 }.joined(separator: "、"))
        default: return .empty
        }
    }

    private static func cell(_ value: FieldValue) -> CellValue {
        switch value {
        case .text(let s): return text(s)
        case .date(let d): return .date(d)
        case .flag(let b): return .text(b ? "是" : "否")
        case .list(let items):
            // Paragraphs, and the items of a list of choices (退办理由), one per line.
            return text(items.compactMap(\.text).joined(separator: "\n"))
        case .record: return .empty
        }
    }

    private static func text(_ s: String) -> CellValue { s.isEmpty ? .empty : .text(s) }
}
