public import Matters

/// The problems of one input file as they are reported: the first ``limit`` of them, then one line that says
/// how many more there were. A file of a million bad records costs a count, not a million messages (nor a screen
/// a clerk cannot read); whether the file has an error is kept whatever was shown.
public struct FileDiagnostics: Sendable {
    /// The most problems listed for one file.
    public static let limit = 100

    public let file: String
    /// Whether a cell of a workbook is meant (`台账.xlsx: …`) rather than a record file (`文件:…`).
    let isCell: Bool
    private var shown: [Diagnostic] = []
    private var hiddenErrors = 0
    private var hiddenWarnings = 0
    /// Whether any error was found, shown or not.
    public private(set) var hasErrors = false

    public init(file: String, isCell: Bool = false) {
        self.file = file
        self.isCell = isCell
    }

    /// How many errors were found, shown or not.
    public private(set) var errorCount = 0

    /// How many errors were found and not listed (the last listed line says so).
    public var unlisted: Int { hiddenErrors }

    public mutating func add(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error {
            hasErrors = true
            errorCount += 1
        }
        if shown.count < Self.limit {
            shown.append(diagnostic)
        } else if diagnostic.severity == .error {
            hiddenErrors += 1
        } else {
            hiddenWarnings += 1
        }
    }

    public mutating func add(contentsOf diagnostics: some Sequence<Diagnostic>) {
        for diagnostic in diagnostics { add(diagnostic) }
    }

    /// The problems to report: those shown, then the count of the rest.
    public var diagnostics: [Diagnostic] {
        guard hiddenErrors + hiddenWarnings > 0 else { return shown }
        var rest: [String] = []
        if hiddenErrors > 0 { rest.append("\(hiddenErrors) 处错误") }
        if hiddenWarnings > 0 { rest.append("\(hiddenWarnings) 条警告") }
        let summary = Diagnostic(
            hiddenErrors > 0 ? .error : .warning, file: file, location: "", field: "",
            problem: "另有 " + rest.joined(separator: "、") + "未列出（每个文件最多列出 \(Self.limit) 条）", isCell: isCell)
        return shown + [summary]
    }
}
