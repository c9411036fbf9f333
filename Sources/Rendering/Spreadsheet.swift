/// A workbook of typed cells: the tables the office publishes (the 督考合一 assessment sheet, the dossier's
/// catalogue) and the ledger template a clerk types records into. ``ODSWriter`` writes it as an
/// OpenDocument spreadsheet (strict ODF 1.3), ``XLSXWriter`` as an Excel workbook, ``CSVWriter`` one sheet as
/// CSV; the same spreadsheet always gives the same bytes.
///
/// Cells carry their type: numbers are numbers and rates percentages, so that a spreadsheet program sums
/// and sorts them; dates are dates. Each sheet is an optional title across its width, header rows, the
/// data rows and lines of notes below.
public struct Spreadsheet: Sendable, Equatable {
    /// What the spreadsheet is for, which decides how it looks.
    public enum Look: Sendable, Equatable {
        /// A table to print and file: the title across the top, bordered cells in the government fonts
        /// (仿宋_GB2312, 黑体 headings), on a landscape A4 page numbered "— N —".
        case printed
        /// A sheet to type records into (the ledger template): a bold, shaded header row, plain cells,
        /// text columns formatted as text, drop-down lists for choices.
        case entry
    }

    /// A column's width.
    public enum Width: Sendable, Hashable {
        case millimetres(Int)
        /// Room for this many Chinese characters: 4 mm each and 2 mm to spare (2 + 1 of Excel's
        /// character widths).
        case characters(Int)

        /// The width as an ODF length, e.g. `26mm`.
        var odfLength: String {
            switch self {
            case .millimetres(let n): return "\(n)mm"
            case .characters(let n): return "\(n * 4 + 2)mm"
            }
        }

        /// The width in Excel's unit (the width of a digit, about 2 mm).
        var excelWidth: String {
            switch self {
            case .millimetres(let n): return n % 2 == 0 ? String(n / 2) : "\(n / 2).5"
            case .characters(let n): return String(n * 2 + 1)
            }
        }
    }

    /// How the cells of one column are shown.
    public struct Column: Sendable, Equatable {
        public var width: Width
        /// The words a cell may hold, offered as a drop-down list on the first ``Spreadsheet/validatedRows``
        /// rows below the header (empty: free input).
        public var choices: [String]
        /// Whether the column is formatted as text, so that a spreadsheet program keeps what is typed (a
        /// telephone number's leading 0, an id such as 2026-001) rather than reading a number or date into it.
        public var isText: Bool

        /// Creates a column.
        public init(width: Width, choices: [String] = [], isText: Bool = false) {
            self.width = width
            self.choices = choices
            self.isText = isText
        }
    }

    /// One cell.
    public enum Cell: Sendable, Equatable {
        case empty
        /// Text; a line break (`\n`) starts a new line in the cell.
        case text(String)
        case number(Double)
        /// A fraction shown as a percentage with one decimal (0.875 → 87.5%).
        case percentage(Double)
        case date(year: Int, month: Int, day: Int)
        case bool(Bool)

        /// A whole number, such as a count.
        public static func number(_ value: Int) -> Cell { .number(Double(value)) }

        /// What the cell shows: numbers without a needless `.0`, dates as `2026-03-05`, 是 or 否.
        public var displayText: String {
            switch self {
            case .empty: return ""
            case .text(let text): return text
            case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
            case .percentage(let fraction): return Spreadsheet.percent(fraction)
            case .date(let year, let month, let day): return DocumentMeta.isoDate(year, month, day)
            case .bool(let value): return value ? "是" : "否"
            }
        }
    }

    /// One table.
    public struct Sheet: Sendable, Equatable {
        /// The sheet's tab name.
        public var name: String
        /// A title across the whole width above the table, if any.
        public var title: String?
        public var columns: [Column]
        /// Rows shown as headings (bold, centred or shaded) before the data rows; one text per column.
        public var header: [[String]]
        public var rows: [[Cell]]
        /// Lines of notes under the table, each across the whole width.
        public var notes: [String]

        /// Creates a sheet.
        public init(
            name: String, title: String? = nil, columns: [Column], header: [[String]] = [], rows: [[Cell]],
            notes: [String] = []
        ) {
            self.name = name
            self.title = title
            self.columns = columns
            self.header = header
            self.rows = rows
            self.notes = notes
        }

        /// Creates a sheet of plain columns `columnWidths` millimetres wide.
        public init(
            name: String, title: String? = nil, columnWidths: [Int], header: [[String]], rows: [[Cell]],
            notes: [String] = []
        ) {
            self.init(
                name: name, title: title, columns: columnWidths.map { Column(width: .millimetres($0)) },
                header: header, rows: rows, notes: notes)
        }
    }

    public var look: Look
    /// The document's title in its properties (ODS meta.xml when no `DocumentMeta` is given, XLSX core
    /// properties), e.g. 督查事项台账; empty for none.
    public var title: String
    /// The sheets in tab order.
    public var sheets: [Sheet]

    /// Creates a spreadsheet.
    public init(look: Look = .printed, title: String = "", sheets: [Sheet]) {
        self.look = look
        self.title = title
        self.sheets = sheets
    }

    public static let mimetype = "application/vnd.oasis.opendocument.spreadsheet"

    /// How many rows below the header a column's drop-down list covers.
    public static let validatedRows = 1000

    /// 0.875 → `87.5%` (rounded half up to one decimal).
    public static func percent(_ fraction: Double) -> String {
        let tenths = Int((fraction * 1000).rounded(.toNearestOrAwayFromZero))
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
