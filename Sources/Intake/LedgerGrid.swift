/// The data rows of a ledger sheet as fields: which cell of a row holds a field, with merged
/// ranges filled in (a 主责单位 merged down over three rows counts for each of them).
struct LedgerGrid {
    let sheet: Sheet
    let header: LedgerHeader
    /// Field key → sheet column.
    private let columnOf: [String: Int]
    /// Merged ranges below the header, by the sheet column they cover, sorted by first row.
    private let merges: [Int: [CellRange]]
    private let rowsByNumber: [Int: SheetRow]

    init(sheet: Sheet, header: LedgerHeader) {
        self.sheet = sheet
        self.header = header
        var columnOf: [String: Int] = [:]
        for (column, ledgerColumn) in header.columns { columnOf[ledgerColumn.key] = column }
        self.columnOf = columnOf
        var merges: [Int: [CellRange]] = [:]
        for range in sheet.merges where range.last.row > header.lastRow {
            for column in header.columns.keys where (range.first.column...range.last.column).contains(column) {
                merges[column, default: []].append(range)
            }
        }
        self.merges = merges.mapValues { $0.sorted { $0.first.row < $1.first.row } }
        var rowsByNumber: [Int: SheetRow] = [:]
        for row in sheet.rows { rowsByNumber[row.number] = row }
        self.rowsByNumber = rowsByNumber
    }

    /// The cell of field `key` in `row` and its value (a merged range's value in each of its
    /// cells); `nil` when the sheet has no column for the field.
    func cell(_ key: String, row: SheetRow) -> (cell: CellReference, value: CellValue)? {
        guard let column = columnOf[key] else { return nil }
        return (CellReference(row: row.number, column: column), value(row: row, column: column))
    }

    func value(row: SheetRow, column: Int) -> CellValue {
        let own = row.value(inColumn: column)
        guard own == .empty else { return own }
        guard let ranges = merges[column] else { return own }
        // The last range starting at or above this row (merged ranges do not overlap).
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].first.row <= row.number { low = middle + 1 } else { high = middle }
        }
        let here = CellReference(row: row.number, column: column)
        guard low > 0, ranges[low - 1].contains(here), ranges[low - 1].first != here else { return own }
        let first = ranges[low - 1].first
        return rowsByNumber[first.row]?.value(inColumn: first.column) ?? .empty
    }

    /// Whether the row has something in a known column.
    func hasData(_ row: SheetRow) -> Bool {
        header.columns.keys.contains { !value(row: row, column: $0).isBlank }
    }

    /// Whether the row has something in an unknown column.
    func hasUnknownData(_ row: SheetRow) -> Bool {
        row.cells.contains { header.columns[$0.reference.column] == nil && !$0.value.isBlank }
    }

    /// Where a message about `field` (`办理时限`, `协办单位[2].电话`, `附件[1]`) points: the field's
    /// cell in the row, its group's first cell, or the row.
    func location(of field: String, row: Int, decoder: CellDecoder) -> String {
        var key = ""
        var inIndex = false
        for character in field {
            if character == "[" {
                inIndex = true
            } else if character == "]" {
                inIndex = false
            } else if !inIndex {
                key.append(character)
            }
        }
        let group = String(key.prefix { $0 != "." })
        let groupColumns = columnOf.filter { $0.key.hasPrefix(group + ".") }.map(\.value).sorted()
        if let column = columnOf[key] ?? columnOf[group] ?? groupColumns.first {
            return decoder.location(CellReference(row: row, column: column))
        }
        return decoder.location(row: row)
    }
}
