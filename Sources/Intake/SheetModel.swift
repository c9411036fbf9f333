public import Matters

/// The value of one cell, as the spreadsheet typed it.
public enum CellValue: Sendable, Equatable {
    /// Nothing (or only formatting).
    case empty
    /// Text; line breaks inside the cell are `\n`.
    case text(String)
    /// A number that is not shown as a date.
    case number(Double)
    /// A date (a number with a date format in XLSX, `office:value-type="date"` in ODS); any time of
    /// day is dropped.
    case date(CivilDate)
    /// TRUE or FALSE.
    case bool(Bool)
    /// A formula error such as `#N/A` or `#REF!`.
    case error(String)

    /// Whether the cell holds nothing a reader could use: empty, or text of only white space.
    public var isBlank: Bool {
        switch self {
        case .empty: return true
        case .text(let s): return s.allSatisfy(\.isWhitespace)
        default: return false
        }
    }
}

/// One cell with a value.
public struct SheetCell: Sendable, Equatable {
    /// Where the cell is.
    public var reference: CellReference
    /// What it holds.
    public var value: CellValue

    /// Creates a cell.
    public init(_ reference: CellReference, _ value: CellValue) {
        self.reference = reference
        self.value = value
    }
}

/// One row that has at least one cell with a value; its cells in column order.
public struct SheetRow: Sendable, Equatable {
    /// The 1-based row number.
    public var number: Int
    /// The cells with a value, left to right.
    public var cells: [SheetCell]

    /// Creates a row.
    public init(number: Int, cells: [SheetCell]) {
        self.number = number
        self.cells = cells
    }

    /// The value in a column (``CellValue/empty`` when the row has none there).
    public func value(inColumn column: Int) -> CellValue {
        cells.first { $0.reference.column == column }?.value ?? .empty
    }
}

/// One sheet: its rows with values (empty rows are left out), and its merged ranges.
public struct Sheet: Sendable, Equatable {
    /// The sheet's name as the workbook shows it on its tab (for a CSV file, the file's name).
    public var name: String
    /// Rows with at least one value, in order.
    public var rows: [SheetRow]
    /// Merged cell ranges; the value of a merged range is in its top-left cell.
    public var merges: [CellRange]

    /// Creates a sheet.
    public init(name: String, rows: [SheetRow], merges: [CellRange] = []) {
        self.name = name
        self.rows = rows
        self.merges = merges
    }
}

/// The sheets of one workbook file, in tab order.
public struct Workbook: Sendable, Equatable {
    /// What kind of file the workbook came from.
    public enum Format: String, Sendable, Equatable {
        case xlsx = "XLSX"
        case ods = "ODS"
        case csv = "CSV"
    }

    /// The kind of file read.
    public var format: Format
    /// The sheets, in tab order (a CSV file has one).
    public var sheets: [Sheet]
    /// Whether plain numbers count days from 1904-01-01 (an XLSX option of old Mac Excel) rather
    /// than from Excel's 1900 epoch.
    public var uses1904Dates: Bool
    /// Things worth telling the user about how the file was read (a CSV in GB18030, say).
    public var notes: [String]

    /// Creates a workbook.
    public init(format: Format, sheets: [Sheet], uses1904Dates: Bool = false, notes: [String] = []) {
        self.format = format
        self.sheets = sheets
        self.uses1904Dates = uses1904Dates
        self.notes = notes
    }

    /// The sheet with this name (white space around names ignored), if any.
    public func sheet(named name: String) -> Sheet? {
        sheets.first { $0.name.trimmingWhitespace() == name }
    }
}

extension StringProtocol {
    /// The string without white space (and line breaks) at either end.
    func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }),
            let end = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[start...end])
    }
}
