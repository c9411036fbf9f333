/// The cells a workbook may still hold before ``SpreadsheetLimits/maxCells`` is reached; shared
/// by all the sheets of one file.
struct CellBudget {
    private(set) var remaining: Int
    let limit: Int

    init(limit: Int) {
        self.limit = limit
        remaining = limit
    }

    /// Takes `count` cells, or refuses before anything is allocated.
    mutating func take(_ count: Int, sheet: String) throws(SpreadsheetError) {
        guard count <= remaining else {
            throw SpreadsheetError("工作表“\(sheet)”的数据超过 \(limit) 个单元格的上限，拒绝读取（是否有整行整列填满了内容？）")
        }
        remaining -= count
    }
}

/// Collects one sheet's cells, row by row, keeping only cells with a value.
struct SheetBuilder {
    let name: String
    private var rows: [SheetRow] = []
    private(set) var merges: [CellRange] = []
    private var pending: [SheetCell] = []
    private var pendingRow = 0

    init(name: String) { self.name = name }

    /// Adds a cell of row `row` (rows may come in any order; cells of one row together).
    mutating func add(_ value: CellValue, row: Int, column: Int, budget: inout CellBudget) throws(SpreadsheetError) {
        guard value != .empty else { return }
        try Self.check(row: row, column: column, sheet: name)
        if row != pendingRow { flush() }
        try budget.take(1, sheet: name)
        pendingRow = row
        pending.append(SheetCell(CellReference(row: row, column: column), value))
    }

    /// Adds whole rows at once: `cells` (of any row) copied to rows `first ..< first + count`.
    mutating func addRows(_ cells: [(column: Int, value: CellValue)], first: Int, count: Int, budget: inout CellBudget)
        throws(SpreadsheetError)
    {
        let filled = cells.filter { $0.value != .empty }
        guard !filled.isEmpty, count > 0 else { return }
        try Self.check(row: first + count - 1, column: filled.map(\.column).max() ?? 1, sheet: name)
        try budget.take(filled.count * count, sheet: name)
        flush()
        for row in first..<(first + count) {
            rows.append(
                SheetRow(
                    number: row, cells: filled.map { SheetCell(CellReference(row: row, column: $0.column), $0.value) }))
        }
    }

    /// The most merged ranges a sheet may have.
    static let maxMerges = 100_000

    mutating func merge(_ range: CellRange) throws(SpreadsheetError) {
        guard range.first != range.last else { return }
        guard merges.count < Self.maxMerges else {
            throw SpreadsheetError("工作表“\(name)”的合并单元格超过 \(Self.maxMerges) 处，拒绝读取")
        }
        merges.append(range)
    }

    private static func check(row: Int, column: Int, sheet: String) throws(SpreadsheetError) {
        guard row >= 1, row <= SpreadsheetLimits.maxRows, column >= 1, column <= SpreadsheetLimits.maxColumns else {
            throw SpreadsheetError(
                "工作表“\(sheet)”的单元格超出表格范围（第 \(row) 行第 \(column) 列；最多 \(SpreadsheetLimits.maxRows) 行、\(SpreadsheetLimits.maxColumns) 列）"
            )
        }
    }

    private mutating func flush() {
        guard !pending.isEmpty else { return }
        rows.append(SheetRow(number: pendingRow, cells: pending))
        pending = []
    }

    /// The sheet, rows and cells in order (a cell given twice keeps its last value).
    consuming func finish() -> Sheet {
        flush()
        var byRow: [Int: [SheetCell]] = [:]
        var order: [Int] = []
        for row in rows {
            if byRow[row.number] == nil { order.append(row.number) }
            byRow[row.number, default: []].append(contentsOf: row.cells)
        }
        let sortedRows = order.sorted().map { number -> SheetRow in
            var byColumn: [Int: CellValue] = [:]
            for cell in byRow[number] ?? [] { byColumn[cell.reference.column] = cell.value }
            let cells = byColumn.sorted { $0.key < $1.key }.map {
                SheetCell(CellReference(row: number, column: $0.key), $0.value)
            }
            return SheetRow(number: number, cells: cells)
        }
        return Sheet(name: name, rows: sortedRows, merges: merges)
    }
}
