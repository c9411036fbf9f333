import ODF

/// Reads OpenDocument spreadsheets — `.ods` packages and flat `.fods` files — into a
/// ``Workbook``: each `table:table` with its cells typed by `office:value-type` (float,
/// percentage and currency as numbers, date, boolean, string), multi-line cells (several
/// `text:p`, `text:line-break`) as text with `\n`, and merged ranges from
/// `table:number-columns-spanned`/`table:number-rows-spanned`.
///
/// Repeated rows and cells (`table:number-rows-repeated`, `table:number-columns-repeated`) are
/// skipped over when empty, so the 1,048,576 rows and 16,384 columns LibreOffice declares cost
/// nothing; repeated cells with a value are copied only within ``SpreadsheetLimits/maxCells``.
public enum ODSReader {
    static let mimetypes = [
        "application/vnd.oasis.opendocument.spreadsheet", "application/vnd.oasis.opendocument.spreadsheet-template",
    ]

    /// Reads the `.ods` package in `bytes`.
    ///
    /// - Throws: ``SpreadsheetError`` saying, in Chinese, why the file cannot be read.
    public static func read(_ bytes: [UInt8], limits: SpreadsheetLimits = .default) throws(SpreadsheetError) -> Workbook
    {
        try mapErrors {
            let zip = try ZipReader(bytes: bytes, source: "", limits: limits.zip)
            if zip.contains("META-INF/manifest.xml"),
                try zip.read("META-INF/manifest.xml").containsSequence(Array("encryption-data".utf8))
            {
                throw SpreadsheetError("文件设有打开密码（已加密）；请在 LibreOffice/WPS 中取消密码后另存，再导入")
            }
            guard zip.contains("content.xml") else {
                throw ODFError(.missingPart, "缺少部件", source: "content.xml")
            }
            return try parse(try zip.read("content.xml"), source: "content.xml", limits: limits)
        }
    }

    /// Reads a flat OpenDocument spreadsheet (`.fods`, one XML file).
    public static func readFlat(_ bytes: [UInt8], limits: SpreadsheetLimits = .default) throws(SpreadsheetError)
        -> Workbook
    {
        try mapErrors { try parse(bytes, source: "FODS", limits: limits) }
    }

    private static func mapErrors(_ body: () throws -> Workbook) throws(SpreadsheetError) -> Workbook {
        do {
            return try body()
        } catch let error as SpreadsheetError {
            throw error
        } catch let error as ODFError {
            throw SpreadsheetError(error, format: .ods)
        } catch {
            throw SpreadsheetError("无法读取 ODS 文件（\(error)）")
        }
    }

    private static func parse(_ xml: [UInt8], source: String, limits: SpreadsheetLimits) throws -> Workbook {
        var walker = ODSContentWalker(budget: CellBudget(limit: limits.maxCells), source: source)
        try XMLStreamParser.parse(xml, source: source, limits: limits.xml) { event in try walker.handle(event) }
        return Workbook(format: .ods, sheets: walker.sheets)
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in the bytes.
    func containsSequence(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, count >= needle.count else { return false }
        for start in 0...(count - needle.count) where self[start] == needle[0] {
            if self[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
