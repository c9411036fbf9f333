import Matters

/// Reads the matters sheet (事项) of a ledger: one matter per row below the header, each field
/// from its column, every problem at its cell.
struct LedgerMatterSheet {
    /// A matter read from a row, with the cell of its 编号 (for duplicate reports).
    struct Row {
        var matter: Matter
        var idCell: String
    }

    var rows: [Row] = []
    var decoder: CellDecoder

    init(sheet: Sheet, named sheetName: String?, file: String, uses1904: Bool) {
        decoder = CellDecoder(file: file, sheet: sheetName, uses1904: uses1904)
        guard !sheet.rows.isEmpty else { return }
        guard
            let (grid, rows) = LedgerGrid.dataRows(
                of: sheet, known: LedgerColumns.matters, decoder: &decoder,
                isRequired: Self.isRequired,
                expecting: "第一行是“事项编号”“督查事项名称”等列名（ducha template ledger 可生成模板）")
        else { return }
        for row in rows { read(row, grid: grid) }
    }

    /// Whether a header must have the column: every required field, and the required fields of an
    /// optional group (批示领导 of 领导批示) once the group has any column.
    static func isRequired(_ column: LedgerColumn, groups: Set<String>) -> Bool {
        guard column.spec.required else { return false }
        guard column.path.count > 1 else { return true }
        return MatterCatalogue.fields.spec(column.path[0])?.required == true || groups.contains(column.path[0])
    }

    private mutating func read(_ row: SheetRow, grid: LedgerGrid) {
        let errorsBefore = decoder.errorCount
        var values = FieldRecord()
        for spec in MatterCatalogue.fields {
            switch spec.type {
            case .record(let fields):
                if let record = group(spec, fields, row: row, grid: grid) { values[spec.key] = .record(record) }
            case .list(.record(let fields)):
                if let units = unitList(spec, fields, row: row, grid: grid) { values[spec.key] = .list(units) }
            default:
                if let value = leaf(spec, key: spec.key, row: row, grid: grid) { values[spec.key] = value }
            }
        }
        var rules = FieldDecoder(file: decoder.file, location: "")
        MatterRules.check(values, decoder: &rules)
        for diagnostic in rules.diagnostics {
            var relocated = diagnostic
            relocated.location = grid.location(of: diagnostic.field, row: row.number, decoder: decoder)
            relocated.isCell = true
            decoder.append([relocated])
        }
        guard decoder.errorCount == errorsBefore else { return }
        let idCell = grid.location(of: "编号", row: row.number, decoder: decoder)
        rows.append(Row(matter: Matter(values: values), idCell: idCell))
    }

    /// One field from its column; reports a required field left blank.
    private mutating func leaf(_ spec: FieldSpec, key: String, row: SheetRow, grid: LedgerGrid) -> FieldValue? {
        guard let (cell, value) = grid.cell(key, row: row) else { return nil }
        guard !value.isBlank else {
            if spec.required {
                decoder.report(decoder.location(cell), key, "必填项为空", expecting: CellDecoder.expectation(spec.type))
            }
            return nil
        }
        return decoder.decode(value, at: cell, type: spec.type, field: key)
    }

    /// A group (主责单位, 督查员, 领导批示) from its fields' columns; absent when all are blank.
    private mutating func group(_ spec: FieldSpec, _ fields: [FieldSpec], row: SheetRow, grid: LedgerGrid)
        -> FieldRecord?
    {
        let keys = fields.map { spec.key + "." + $0.key }
        let present = keys.contains { key in grid.cell(key, row: row).map { !$0.value.isBlank } ?? false }
        guard present else {
            if spec.required, let (cell, _) = grid.cell(keys[0], row: row) {
                decoder.report(
                    decoder.location(cell), keys[0], "必填项为空", expecting: CellDecoder.expectation(fields[0].type))
            }
            return nil
        }
        var record = FieldRecord()
        for (field, key) in zip(fields, keys) {
            if let value = leaf(field, key: key, row: row, grid: grid) { record[field.key] = value }
        }
        return record
    }

    /// 协办单位: names listed in one cell, contacts and telephones in the cells beside, in order.
    private mutating func unitList(_ spec: FieldSpec, _ fields: [FieldSpec], row: SheetRow, grid: LedgerGrid)
        -> [FieldValue]?
    {
        let keys = fields.map { spec.key + "." + $0.key }
        let columns = keys.map { grid.cell($0, row: row) }
        let lists = columns.enumerated().map { index, entry -> [String] in
            guard let entry else { return [] }
            let text = CellText.plain(entry.value)
            return index == 0 ? CellText.items(text) : CellText.alignedItems(text)
        }
        let names = lists[0]
        for index in 1..<fields.count where !lists[index].isEmpty {
            guard let (cell, _) = columns[index] else { continue }
            if names.isEmpty {
                decoder.report(
                    decoder.location(cell), keys[index], "填了\(fields[index].key)，但没有\(spec.key)",
                    expecting: "先在“\(spec.label)”列写单位名称")
                return nil
            }
            if lists[index].count != names.count {
                decoder.report(
                    decoder.location(cell), keys[index], "有 \(lists[index].count) 项，而\(spec.key)有 \(names.count) 个",
                    expecting: "每个\(spec.key)一项，次序相同；没有的写“-”")
                return nil
            }
        }
        guard !names.isEmpty else { return nil }
        var units: [FieldValue] = []
        for (position, name) in names.enumerated() {
            var unit = FieldRecord()
            for (index, field) in fields.enumerated() {
                let text = index == 0 ? name : lists[index].indices.contains(position) ? lists[index][position] : ""
                guard !text.isEmpty, let (cell, _) = columns[index] else { continue }
                let path = "\(spec.key)[\(position + 1)].\(field.key)"
                if let value = decoder.checked(text, type: field.type, at: decoder.location(cell), field: path) {
                    unit[field.key] = value
                }
            }
            units.append(.record(unit))
        }
        return units
    }
}
