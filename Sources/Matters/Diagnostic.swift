/// One problem found in the input, located well enough for a clerk to find and fix it:
/// `文件:记录:字段: 问题（应为 …）`, or for a cell of a workbook `台账.xlsx!事项!C12: 字段: 问题（应为 …）`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: Sendable, Equatable { case error, warning }

    public var severity: Severity
    /// The file as the user named it.
    public var file: String
    /// Where in the file: `记录 3（2026-003，第 45 行）`, `第 12 行`, or a spreadsheet cell.
    public var location: String
    /// The field's key path, such as `主责单位.电话`; empty when the problem is the record as a whole.
    public var field: String
    /// What is wrong, in Chinese.
    public var problem: String
    /// What was expected instead (printed as `（应为 …）`), if there is something useful to say.
    public var expectation: String?
    /// Whether ``location`` is a place in a workbook — `事项!C12` (a cell) or `事项!第 12 行` (a row) —
    /// written the way spreadsheets name a cell of a sheet: `台账.xlsx!事项!C12: 办理时限: …`.
    public var isCell: Bool

    public init(
        _ severity: Severity = .error, file: String, location: String, field: String, problem: String,
        expectation: String? = nil, isCell: Bool = false
    ) {
        self.severity = severity
        self.file = file
        self.location = location
        self.field = field
        self.problem = problem
        self.expectation = expectation
        self.isCell = isCell
    }

    public var description: String {
        var text: String
        if isCell {
            var parts = [location.isEmpty ? file : file + "!" + location]
            if !field.isEmpty { parts.append(field) }
            text = parts.joined(separator: ": ") + ": "
        } else {
            var parts = [file]
            if !location.isEmpty { parts.append(location) }
            if !field.isEmpty { parts.append(field) }
            text = parts.joined(separator: ":") + ": "
        }
        if severity == .warning { text += "（警告）" }
        text += problem
        if let expectation { text += "（应为\(expectation)）" }
        // The parts quote the input (a file name, an id, a value); a message shows it escaped, never raw.
        return MessageText.escaped(text)
    }
}

/// Thrown when input has problems; carries every one of them, not only the first.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        return diagnostics.map(\.description).joined(separator: "\n") + "\n共 \(errors) 处错误。"
    }
}
