public import Matters
import Rendering

extension LedgerExport {
    /// The ledger as an Excel workbook (one sheet, the ``headers`` columns): counts are numbers, the deadline a
    /// date, so that a spreadsheet program sorts and sums them.
    /// - Throws: `ODFError` when the workbook cannot be packaged.
    public static func xlsx(_ rows: [LedgerRow], asOf: CivilDate) throws -> [UInt8] {
        let table: [[Spreadsheet.Cell]] = rows.map { row in
            let text = cells(row)
            return text.enumerated().map { column, value in
                switch column {
                case 6: return .date(year: row.deadline.year, month: row.deadline.month, day: row.deadline.day)
                case 9: return row.overdue ? .number(row.daysOverdue) : .empty
                case 11, 12, 13, 14: return .number(Int(value) ?? 0)
                default: return value.isEmpty ? .empty : .text(value)
                }
            }
        }
        let widths = [24, 60, 22, 16, 40, 50, 24, 22, 10, 16, 36, 12, 12, 12, 12]
        let sheet = Spreadsheet.Sheet(
            name: "台账", title: "督查事项台账（截至\(asOf.chinese)）", columnWidths: widths, header: [headers], rows: table)
        return try XLSXWriter.write(Spreadsheet(title: "督查事项台账", sheets: [sheet]))
    }
}
