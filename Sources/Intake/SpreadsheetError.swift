import ODF

/// Why a workbook file could not be read at all: damaged, truncated, hostile, encrypted, in an
/// unknown encoding, or too large. The message is a complete Chinese sentence for the clerk.
public struct SpreadsheetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong and, where it helps, what to do about it.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }

    /// Words an ``ODFError`` met while reading `format` for a clerk. `source` in the error is the
    /// part of the package (`xl/worksheets/sheet1.xml`), or the file for the package itself.
    init(_ error: ODFError, format: Workbook.Format) {
        // Zip entries are named `/part` (the archive itself has no name here); XML parts `part`.
        let part = error.source.hasPrefix("/") ? String(error.source.dropFirst()) : error.source
        let line = error.line.map { "第 \($0) 行" } ?? ""
        let place = [part, line].filter { !$0.isEmpty }.joined(separator: " ")
        switch error.code {
        case .zip:
            message = "文件已损坏或不完整，不能作为 \(format.rawValue) 读取（\(error.message)）；请用 Excel、WPS 或 LibreOffice 重新保存"
        case .limitExceeded:
            message = "超出安全限制，拒绝读取（\(place.isEmpty ? "" : place + "：")\(error.message)）"
        case .forbiddenDTD:
            message = "\(part) \(line) 含有 DOCTYPE 文档类型声明或实体引用，可能是恶意文件，出于安全原因拒绝读取"
        case .unsafeEntryName:
            message = "压缩包条目名不安全，可能是恶意文件，拒绝读取（\(error.message)）"
        case .encrypted:
            message = "文件已加密；请在 Excel/WPS 中取消密码后另存，再导入"
        case .missingPart:
            message = "缺少 \(part)：不是完整的 \(format.rawValue) 文件"
        case .xmlSyntax:
            message = "\(part) \(line) 不是格式正确的 XML（\(error.message)）；文件可能已损坏"
        default:
            message = "无法读取（\(error)）"
        }
    }
}
