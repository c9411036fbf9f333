import Matters

/// One ledger file read: its workbook, which sheet is which, and what came of each.
struct LedgerSheets {
    let name: String
    var matters: [Matter] = []
    var events: [IncomingEvent] = []
    /// Whole-file problems, notes, and the matters sheet's problems.
    var matterDiagnostics: [Diagnostic] = []
    /// The events sheet's problems.
    var eventDiagnostics: [Diagnostic] = []

    init(name: String) { self.name = name }

    /// The sheets' names that are recognised.
    static let mattersSheet = "事项"
    static let eventsSheet = "事件"
    /// Sheets never read and never warned about.
    static let helpSheets: Set<String> = ["填表说明", "说明"]

    /// Reads the workbook; `ids` holds every matter id already used, and gains this file's ids.
    mutating func read(_ bytes: [UInt8], ids: inout MatterIDs, attachments: AttachmentLoader) {
        let workbook: Workbook
        do {
            workbook = try SpreadsheetReader.read(bytes, name: name)
        } catch {
            matterDiagnostics.append(
                Diagnostic(file: name, location: "", field: "", problem: error.message, isCell: true))
            return
        }
        for note in workbook.notes {
            matterDiagnostics.append(
                Diagnostic(.warning, file: name, location: "", field: "", problem: note, isCell: true))
        }
        let (matterSheet, eventSheet) = Self.roles(of: workbook)
        // A CSV file is its one sheet: its cells are named without a sheet (台账.csv!C12).
        func label(_ sheet: Sheet) -> String? { workbook.format == .csv ? nil : sheet.name }
        for sheet in workbook.sheets where sheet.name != matterSheet?.name && sheet.name != eventSheet?.name {
            guard !sheet.rows.isEmpty, !Self.helpSheets.contains(sheet.name.trimmingWhitespace()) else { continue }
            matterDiagnostics.append(
                Diagnostic(
                    .warning, file: name, location: sheet.name, field: "",
                    problem: "工作表“\(sheet.name)”不读取（只读取“事项”和“事件”两张表）", isCell: true))
        }
        if let sheet = matterSheet {
            let read = LedgerMatterSheet(
                sheet: sheet, named: label(sheet), file: name, uses1904: workbook.uses1904Dates)
            matterDiagnostics += read.decoder.diagnostics
            for row in read.rows {
                if let duplicate = ids.claim(row.matter.id, at: "\(name)!\(row.idCell)") {
                    matterDiagnostics.append(
                        Diagnostic(
                            file: name, location: row.idCell, field: "编号", problem: duplicate.problem,
                            expectation: duplicate.expectation, isCell: true))
                } else {
                    matters.append(row.matter)
                }
            }
        }
        if let sheet = eventSheet {
            let read = LedgerEventSheet(
                sheet: sheet, named: label(sheet), file: name, uses1904: workbook.uses1904Dates,
                attachments: attachments)
            eventDiagnostics += read.decoder.diagnostics
            events = read.events
        }
    }

    /// The matters sheet and the events sheet of a workbook.
    static func roles(of workbook: Workbook) -> (matters: Sheet?, events: Sheet?) {
        let named = workbook.sheet(named: mattersSheet)
        let events = workbook.sheet(named: eventsSheet)
        if let named { return (named, events) }
        guard let first = workbook.sheets.first, first.name != events?.name else { return (nil, events) }
        if events == nil, holdsEvents(first) { return (nil, first) }
        return (first, events)
    }

    /// Whether a sheet's header (in its first rows) has an 事件 column and no 事项名称 column.
    private static func holdsEvents(_ sheet: Sheet) -> Bool {
        for row in sheet.rows.prefix(10) {
            let names = Set(row.cells.map { LedgerColumns.normalize(CellText.plain($0.value)) })
            if names.contains("事件") { return !names.contains("事项名称") && !names.contains("督查事项名称") }
        }
        return false
    }
}
