/// A cell's place in a sheet, written the A1 way: column letters (A … XFD) and row number.
public struct CellReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 1-based row.
    public var row: Int
    /// The 1-based column (A = 1, Z = 26, AA = 27).
    public var column: Int

    /// Creates a reference.
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `C12` (or `$C$12`); `nil` if it is not a cell reference of a sheet of at most
    /// ``SpreadsheetLimits/maxColumns`` columns and ``SpreadsheetLimits/maxRows`` rows.
    public init?(_ text: some StringProtocol) {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in text.utf8 where byte != UInt8(ascii: "$") {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((byte & 0xDF) - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, (1...SpreadsheetLimits.maxColumns).contains(column),
            (1...SpreadsheetLimits.maxRows).contains(row)
        else { return nil }
        self.init(row: row, column: column)
    }

    /// The column's letters: 1 → `A`, 28 → `AB`.
    public static func columnName(_ column: Int) -> String {
        var n = column
        var scalars: [Unicode.Scalar] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(ascii: "A") + UInt8(remainder)))
            n = (n - 1) / 26
        }
        var name = ""
        name.unicodeScalars.append(contentsOf: scalars.reversed())
        return name
    }

    /// `C12`.
    public var description: String { Self.columnName(column) + String(row) }

    /// Row-major order: by row, then by column.
    public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}

/// A rectangle of cells, such as a merged range `A1:C1`.
public struct CellRange: Sendable, Hashable, CustomStringConvertible {
    /// The top-left cell.
    public var first: CellReference
    /// The bottom-right cell.
    public var last: CellReference

    /// Creates a range from two corners, in any order.
    public init(_ a: CellReference, _ b: CellReference) {
        first = CellReference(row: min(a.row, b.row), column: min(a.column, b.column))
        last = CellReference(row: max(a.row, b.row), column: max(a.column, b.column))
    }

    /// Parses `A1:C1` (or a single cell `A1`).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":")
        guard parts.count == 1 || parts.count == 2, let a = CellReference(parts[0]),
            let b = CellReference(parts[parts.count - 1])
        else { return nil }
        self.init(a, b)
    }

    /// Whether the range holds the cell.
    public func contains(_ cell: CellReference) -> Bool {
        (first.row...last.row).contains(cell.row) && (first.column...last.column).contains(cell.column)
    }

    /// `A1:C1`.
    public var description: String { "\(first):\(last)" }
}
