import ODF

/// Reads any workbook file a clerk may bring — XLSX, ODS, flat ODS or CSV — telling them apart
/// by their bytes rather than their names (a renamed file is still read for what it is).
public enum SpreadsheetReader {
    /// Reads the workbook in `bytes`; `name` is the file as the user named it.
    ///
    /// - Throws: ``SpreadsheetError`` saying, in Chinese, why the file cannot be read — including
    ///   old `.xls` files and password-protected workbooks, which are refused with what to do.
    public static func read(_ bytes: [UInt8], name: String, limits: SpreadsheetLimits = .default)
        throws(SpreadsheetError) -> Workbook
    {
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw SpreadsheetError("这是 Excel 97-2003 格式（.xls）或设有打开密码的工作簿，无法读取；请在 Excel/WPS 中另存为 .xlsx（不设密码）后再导入")
        }
        if bytes.starts(with: [0x50, 0x4B]) {
            return try isODS(bytes, limits: limits)
                ? ODSReader.read(bytes, limits: limits) : XLSXReader.read(bytes, limits: limits)
        }
        if name.lowercased().hasSuffix(".xlsx") || name.lowercased().hasSuffix(".xlsm")
            || name.lowercased().hasSuffix(".ods")
        {
            throw SpreadsheetError(
                "文件已损坏或不完整：不是 ZIP 压缩包，不能作为 \(name.lowercased().hasSuffix(".ods") ? "ODS" : "XLSX") 读取；请用 Excel、WPS 或 LibreOffice 重新保存"
            )
        }
        if isFlatODS(bytes) { return try ODSReader.readFlat(bytes, limits: limits) }
        return try CSVReader.read(bytes, name: name, limits: limits)
    }

    /// A zip holding an OpenDocument spreadsheet (`mimetype` or `content.xml`) rather than OOXML.
    private static func isODS(_ bytes: [UInt8], limits: SpreadsheetLimits) throws(SpreadsheetError) -> Bool {
        let zip: ZipReader
        do {
            zip = try ZipReader(bytes: bytes, source: "", limits: limits.zip)
        } catch {
            throw SpreadsheetError(error, format: .xlsx)
        }
        if zip.contains("[Content_Types].xml") { return false }
        return zip.contains("mimetype") || zip.contains("content.xml")
    }

    /// An XML file whose root is `office:document` (a `.fods`).
    private static func isFlatODS(_ bytes: [UInt8]) -> Bool {
        let head = Array(bytes.prefix(4096))
        let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard head.count > start, head[start] == UInt8(ascii: "<") else { return false }
        return head.containsSequence(Array("office:document".utf8))
    }
}
