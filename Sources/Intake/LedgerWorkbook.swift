public import Matters

/// A ledger (台账) to write: its sheets as headed columns and rows of typed cells, ready for
/// ``XLSXWriter``, ``ODSWriter`` and ``CSVWriter``. Built from matters and events by the header
/// scheme of ``LedgerColumns``, so that what is written reads back as the same matters and events.
public struct LedgerWorkbook: Sendable, Equatable {
    /// One column: its header and how cells under it are shown.
    public struct Column: Sendable, Equatable {
        /// The text of the column's header cell.
        public var header: String
        /// The width, in Chinese characters.
        public var width: Int
        /// The words a cell may hold, offered as a drop-down list (empty: free input).
        public var choices: [String]
        /// Whether the column is formatted as text, so that a spreadsheet program keeps what is
        /// typed (a telephone number's leading 0, an id such as 2026-001) rather than reading a
        /// number or date into it.
        public var isText: Bool

        /// Creates a column.
        public init(header: String, width: Int, choices: [String] = [], isText: Bool = false) {
            self.header = header
            self.width = width
            self.choices = choices
            self.isText = isText
        }
    }

    /// One sheet: a header row, then the rows.
    public struct Sheet: Sendable, Equatable {
        /// The sheet's tab name.
        public var name: String
        /// The columns, left to right.
        public var columns: [Column]
        /// Rows below the header, one value per column.
        public var rows: [[CellValue]]

        /// Creates a sheet.
        public init(name: String, columns: [Column], rows: [[CellValue]]) {
            self.name = name
            self.columns = columns
            self.rows = rows
        }
    }

    /// The sheets in tab order.
    public var sheets: [Sheet]

    /// Creates a workbook of `sheets`.
    public init(sheets: [Sheet]) { self.sheets = sheets }

    /// A ledger holding `matters` on 事项, `events` on 事件 and, when `help` is set, a 填表说明 sheet
    /// explaining every column.
    public init(matters: [Matter], events: [MatterEvent], help: Bool) {
        var sheets = [
            Sheet(
                name: "事项", columns: LedgerColumns.matters.map { Self.column($0, isEvent: false) },
                rows: matters.map { matter in LedgerColumns.matters.map { Self.cell(matter.values, path: $0.path) } }),
            Sheet(
                name: "事件", columns: LedgerColumns.events.map { Self.column($0, isEvent: true) },
                rows: events.map { event in LedgerColumns.events.map { Self.cell(event.values, path: $0.path) } }),
        ]
        if help { sheets.append(LedgerHelp.sheet) }
        self.init(sheets: sheets)
    }

    /// A column of the scheme as written: a drop-down for a choice (an events column offers the
    /// words of every kind of event that has it) and for 是/否; text format for text and ids.
    static func column(_ column: LedgerColumn, isEvent: Bool) -> Column {
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
            return Column(header: column.header, width: 30, isText: true)
        case .date, .count:
            return Column(header: column.header, width: 10)
        case .flag, .choice:
            return Column(
                header: column.header, width: min(max(choices.map(\.count).max() ?? 4, 4), 14) + 2, choices: choices)
        default:
            let wide = column.path.last == "名称" || column.key == "事项名称"
            return Column(header: column.header, width: wide ? 16 : 10, isText: true)
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
