import Matters

/// The header of a ledger sheet: which sheet column holds which field.
///
/// The header row is the first of the sheet's first ten rows in which at least two cells name
/// known columns, so a title row above it (a merged "西城区督查事项台账") is passed over. When
/// that row has a cell merged across columns that names a group (主责单位 over 名称 | 联系人 |
/// 电话) or nothing known (办理情况 over several columns), the header is two rows deep and each
/// column under it is named by the group and its own cell:
/// `主责单位` + `联系人` → 主责单位联系人, `领导批示` + `批示日期` → 批示日期.
struct LedgerHeader {
    /// The last row of the header; data starts below it.
    var lastRow: Int
    /// Sheet column → the ledger column it holds.
    var columns: [Int: LedgerColumn] = [:]
    /// Problems of the header itself.
    var diagnostics: [Diagnostic] = []

    /// Finds the header of `sheet` among `known` columns; `nil` when no row looks like one.
    ///
    /// - Parameter isRequired: whether a column must be there, given the groups (`主责单位`, …)
    ///   that have at least one column.
    static func find(
        in sheet: Sheet, known: [LedgerColumn], decoder: CellDecoder, isRequired: (LedgerColumn, Set<String>) -> Bool
    ) -> LedgerHeader? {
        var byName: [String: LedgerColumn] = [:]
        for column in known { for name in column.accepted { byName[name] = column } }
        for row in sheet.rows.prefix(10) {
            let own = row.cells.filter { byName[LedgerColumns.normalize(CellText.plain($0.value))] != nil }.count
            guard own >= 2 else { continue }
            let texts = headerTexts(sheet: sheet, row: row, byName: byName)
            return LedgerHeader(
                texts: texts, byName: byName, known: known, decoder: decoder, isRequired: isRequired)
        }
        return nil
    }

    private init(
        texts: [Int: (text: String, cell: CellReference)], byName: [String: LedgerColumn],
        known: [LedgerColumn], decoder: CellDecoder, isRequired: (LedgerColumn, Set<String>) -> Bool
    ) {
        lastRow = texts.values.map(\.cell.row).max() ?? 1
        let firstRow = texts.values.map(\.cell.row).min() ?? 1
        var seen: [String: CellReference] = [:]
        func report(
            _ cell: CellReference, _ problem: String, _ expectation: String? = nil,
            severity: Diagnostic.Severity = .error
        ) {
            diagnostics.append(
                Diagnostic(
                    severity, file: decoder.file, location: decoder.location(cell), field: "", problem: problem,
                    expectation: expectation, isCell: true))
        }
        for (index, entry) in texts.sorted(by: { $0.key < $1.key }) {
            let name = LedgerColumns.normalize(entry.text)
            if name.isEmpty || LedgerColumns.ignored.contains(name) { continue }
            if let column = byName[name] {
                if let first = seen[column.key] {
                    report(entry.cell, "列“\(entry.text)”与 \(first) 的列重复（都是“\(column.key)”）", "每个字段只占一列")
                } else {
                    seen[column.key] = entry.cell
                    columns[index] = column
                }
            } else if let hint = LedgerColumns.misleading[name] {
                report(entry.cell, "列名“\(entry.text)”不明确：\(hint)")
            } else {
                report(entry.cell, "未知的列“\(entry.text)”，此列不读取", severity: .warning)
            }
        }
        let groupsPresent = Set(columns.values.map { $0.path[0] })
        for column in known where seen[column.key] == nil && isRequired(column, groupsPresent) {
            diagnostics.append(
                Diagnostic(
                    file: decoder.file, location: decoder.location(row: firstRow), field: column.key,
                    problem: "表头缺少必填的列“\(column.header)”",
                    expectation: "表头含“\(column.header)”列" + (column.header == column.key ? "" : "（或“\(column.key)”）"),
                    isCell: true))
        }
    }

    /// Each column's header text and cell, over one row or, below horizontally merged cells, two.
    private static func headerTexts(sheet: Sheet, row: SheetRow, byName: [String: LedgerColumn])
        -> [Int: (text: String, cell: CellReference)]
    {
        var texts: [Int: (text: String, cell: CellReference)] = [:]
        for cell in row.cells { texts[cell.reference.column] = (CellText.plain(cell.value), cell.reference) }
        // A merged cell that is itself a column's header (备注 over two columns) is no group.
        let groups = sheet.merges.filter { range in
            guard range.first.row == row.number, range.last.column > range.first.column else { return false }
            let top = LedgerColumns.normalize(texts[range.first.column]?.text ?? "")
            return LedgerColumns.groups.contains(top) || byName[top] == nil
        }
        guard !groups.isEmpty, let below = sheet.rows.first(where: { $0.number == row.number + 1 }) else {
            return texts
        }
        for group in groups {
            let top = texts[group.first.column]?.text ?? ""
            for column in group.first.column...group.last.column {
                let own = CellText.plain(below.value(inColumn: column))
                let reference = CellReference(row: below.number, column: column)
                let candidates = [top + own, own, top]
                let name = candidates.first { byName[LedgerColumns.normalize($0)] != nil } ?? top + own
                texts[column] = (name, reference)
            }
        }
        // Columns merged down over both rows keep their top text; lone second-row cells name themselves.
        for cell in below.cells where texts[cell.reference.column] == nil {
            texts[cell.reference.column] = (CellText.plain(cell.value), cell.reference)
        }
        return texts
    }
}
