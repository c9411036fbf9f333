import Matters

extension LedgerGrid {
    /// The data rows of a ledger sheet below its header, with the grid that maps their cells to fields.
    /// Reports a sheet with no header (what the first row should hold is `expecting`), the header's own
    /// problems, and rows that hold something only in unknown columns; returns nil when there is no header.
    static func dataRows(
        of sheet: Sheet, known: [LedgerColumn], decoder: inout CellDecoder,
        isRequired: (LedgerColumn, Set<String>) -> Bool, expecting: String
    ) -> (grid: LedgerGrid, rows: [SheetRow])? {
        guard let header = LedgerHeader.find(in: sheet, known: known, decoder: decoder, isRequired: isRequired) else {
            decoder.report(
                decoder.sheetLocation, "", "找不到表头：前 10 行中没有一行含有两个以上的字段名", expecting: expecting)
            return nil
        }
        decoder.append(header.diagnostics)
        let grid = LedgerGrid(sheet: sheet, header: header)
        var rows: [SheetRow] = []
        for row in sheet.rows where row.number > header.lastRow {
            if grid.hasData(row) {
                rows.append(row)
            } else if grid.hasUnknownData(row) {
                decoder.report(decoder.location(row: row.number), "", "此行只有未知列有内容，不读取", severity: .warning)
            }
        }
        return (grid, rows)
    }
}
