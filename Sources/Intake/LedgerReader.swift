public import Matters

/// Takes in the ledgers (台账) clerks already keep in Excel, WPS or LibreOffice: XLSX, ODS and CSV
/// workbooks whose matters sheet (事项) and events sheet (事件) are read like JSON matter and event
/// records, with every problem at its cell (`台账.xlsx!事项!C12: 办理时限: 日期无效…`).
///
/// The matters sheet is the sheet named 事项, else the first sheet (unless its header has an 事件
/// column: then it is an events sheet); the events sheet, optional, is the sheet named 事件. A CSV
/// file is one sheet, told apart the same way. Other sheets (填表说明 and the like) are not read.
/// The header scheme is ``LedgerColumns``; cells are read by the rules of ``CellDecoder``.
///
/// The result is the same as the JSON readers': a matter from a row equals the matter the JSON
/// reader makes of the same record, an event from a row is judged by ``EventReader`` itself. Nothing
/// is taken from a workbook with an error, in either sheet.
public enum LedgerReader {
    /// The file extensions read as ledgers.
    public static let fileExtensions: Set<String> = ["xlsx", "xlsm", "ods", "fods", "csv"]

    /// Whether a path names a ledger file (by its extension).
    public static func isLedger(_ path: String) -> Bool {
        let name = path.split(separator: "/").last ?? Substring(path)
        guard let dot = name.lastIndex(of: ".") else { return false }
        return fileExtensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// What was read from one or more ledgers.
    public struct Result: Sendable {
        /// The matters, their files, every problem of the matters sheets, and every warning (unknown
        /// columns, a CSV in GB18030) and whole-file error of any workbook.
        public var matters = MatterReader.Result()
        /// The events and the errors of the events sheets. Each event's `location` is its row
        /// (`事件!第 5 行`); its attachments are read relative to the workbook's folder.
        public var events = EventReader.Result()

        /// Errors found beyond each workbook's first ``FileDiagnostics/limit`` problems, not listed.
        public var unlisted = 0

        /// Every problem, matters' first.
        public var diagnostics: [Diagnostic] { matters.diagnostics + events.diagnostics }
        /// Whether any workbook had an error.
        public var hasErrors: Bool { matters.hasErrors || !events.filesWithErrors.isEmpty }
    }

    /// Reads ledgers given as (name, bytes).
    ///
    /// - Parameters:
    ///   - files: Each workbook's name as the user gave it, and its bytes.
    ///   - earlier: Matters already read from other files (JSON records): an id used there is a
    ///     duplicate here too.
    ///   - load: Reads an event attachment, named by a path relative to the workbook's folder (nil
    ///     when it cannot be read), as for ``EventReader/read(files:load:)``.
    public static func read(
        files: [(name: String, bytes: [UInt8])], after earlier: MatterReader.Result? = nil,
        load: (String) -> [UInt8]?
    ) -> Result {
        var ids = MatterIDs()
        if let earlier {
            for (matter, file) in zip(earlier.matters, earlier.files) { _ = ids.claim(matter.id, at: file) }
        }
        return read(files: files, ids: &ids) { request in
            guard let bytes = load(request.folder + "/" + request.path) else { return .failure(.unreadable(nil)) }
            guard bytes.count <= request.limit else {
                return .failure(.tooLarge(size: bytes.count, limit: request.limit))
            }
            return .success(request.take ? .bytes(bytes) : nil)
        }
    }

    /// Reads ledgers given as (name, bytes); `ids` holds the matter ids already used (other files, the
    /// archive) and gains these; event attachments are taken in through `attachments`. Each workbook lists at
    /// most ``FileDiagnostics/limit`` problems, then how many more it has.
    public static func read(
        files: [(name: String, bytes: [UInt8])], ids: inout MatterIDs, attachments: AttachmentLoader
    ) -> Result {
        var result = Result()
        for (name, bytes) in files {
            var sheets = LedgerSheets(name: name)
            sheets.read(bytes, ids: &ids, attachments: attachments)
            let all = sheets.matterDiagnostics + sheets.eventDiagnostics
            let (matterShown, eventShown, unlisted) = capped(sheets, file: name)
            result.unlisted += unlisted
            result.matters.diagnostics += matterShown + eventShown.filter { $0.severity == .warning }
            result.events.diagnostics += eventShown.filter { $0.severity == .error }
            if all.contains(where: { $0.severity == .error }) {
                result.matters.filesWithErrors.insert(name)
                result.events.filesWithErrors.insert(name)
            } else {
                result.matters.matters += sheets.matters
                result.matters.files += Array(repeating: name, count: sheets.matters.count)
                result.events.events += sheets.events
            }
        }
        return result
    }

    /// A workbook's problems as reported: the matters sheet's first, at most ``FileDiagnostics/limit`` in all,
    /// then one line with the count of the rest.
    private static func capped(_ sheets: LedgerSheets, file: String) -> (
        matters: [Diagnostic], events: [Diagnostic], unlisted: Int
    ) {
        let all = sheets.matterDiagnostics + sheets.eventDiagnostics
        guard all.count > FileDiagnostics.limit else { return (sheets.matterDiagnostics, sheets.eventDiagnostics, 0) }
        var capped = FileDiagnostics(file: file, isCell: true)
        capped.add(contentsOf: all)
        let shown = capped.diagnostics
        let fromMatters = min(sheets.matterDiagnostics.count, FileDiagnostics.limit)
        return (Array(shown.prefix(fromMatters)), Array(shown.dropFirst(fromMatters)), capped.unlisted)
    }
}
