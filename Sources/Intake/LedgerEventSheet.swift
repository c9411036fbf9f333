import Matters

/// Reads the events sheet (事件) of a ledger: one event per row, its kind from the 事件 column and
/// its fields from their columns; each decoded row is then judged by ``EventReader``, exactly as a
/// JSON event record is, with its messages moved to the row's cells.
struct LedgerEventSheet {
    var events: [IncomingEvent] = []
    var decoder: CellDecoder

    static let requiredColumns: Set<String> = ["事项", "事件", "日期"]

    init(sheet: Sheet, named sheetName: String?, file: String, uses1904: Bool, attachments: AttachmentLoader) {
        decoder = CellDecoder(file: file, sheet: sheetName, uses1904: uses1904)
        guard !sheet.rows.isEmpty else { return }
        guard
            let (grid, rows) = LedgerGrid.dataRows(
                of: sheet, known: LedgerColumns.events, decoder: &decoder,
                isRequired: { column, _ in Self.requiredColumns.contains(column.key) },
                expecting: "第一行是“事项编号”“事件”“日期”等列名（ducha template ledger 可生成模板）")
        else { return }
        for row in rows { read(row, grid: grid, attachments: attachments) }
    }

    private mutating func read(_ row: SheetRow, grid: LedgerGrid, attachments: AttachmentLoader) {
        let errorsBefore = decoder.errorCount
        let kinds = FieldType.choice(EventKind.allCases.map(\.rawValue)).expectation
        guard let (kindCell, kindValue) = grid.cell("事件", row: row), !kindValue.isBlank else {
            decoder.report(
                grid.location(of: "事件", row: row.number, decoder: decoder), "事件", "必填项为空",
                expecting: kinds)
            return
        }
        let kindText = CellText.plain(kindValue).trimmingWhitespace()
        guard let kind = EventKind(rawValue: kindText) else {
            decoder.report(
                decoder.location(kindCell), "事件", "“\(kindText)”不是可记录的事件", expecting: kinds)
            return
        }
        let fields = EventCatalogue.allFields(of: kind)
        var values = FieldRecord()
        for (column, ledgerColumn) in grid.header.columns.sorted(by: { $0.key < $1.key }) {
            let value = grid.value(row: row, column: column)
            let cell = CellReference(row: row.number, column: column)
            guard !value.isBlank, fields.spec(ledgerColumn.key) == nil else { continue }
            decoder.report(
                decoder.location(cell), ledgerColumn.key, "“\(kind.rawValue)”事件没有这一项",
                expecting: "此事件可填的列：" + fields.map(\.key).joined(separator: "、"))
        }
        for spec in fields {
            guard let (cell, value) = grid.cell(spec.key, row: row) else {
                if spec.required, !Self.requiredColumns.contains(spec.key) {
                    decoder.report(
                        decoder.location(row: row.number), spec.key, "“\(kind.rawValue)”事件缺少必填的“\(spec.key)”（表中没有此列）",
                        expecting: CellDecoder.expectation(spec.type))
                }
                continue
            }
            guard !value.isBlank else {
                if spec.required {
                    decoder.report(
                        decoder.location(cell), spec.key, "必填项为空", expecting: CellDecoder.expectation(spec.type))
                }
                continue
            }
            if let decoded = decoder.decode(value, at: cell, type: spec.type, field: spec.key) {
                values[spec.key] = decoded
            }
        }
        guard decoder.errorCount == errorsBefore else { return }
        let judged = EventReader.read(
            files: [(decoder.file, EventJSON.array(of: values, fields: fields))], attachments: attachments)
        for diagnostic in judged.diagnostics {
            var relocated = diagnostic
            relocated.location = grid.location(of: diagnostic.field, row: row.number, decoder: decoder)
            relocated.isCell = true
            decoder.append([relocated])
        }
        for var event in judged.events {
            event.location = decoder.location(row: row.number)
            events.append(event)
        }
    }
}
