/// Reads CSV files (RFC 4180) into a one-sheet ``Workbook`` whose cells are all text.
///
/// Fields are separated by commas (or by tabs or semicolons, when the first line has more of
/// those than commas, as some "Unicode text" and European exports do); records end with CR LF,
/// LF or CR; a quoted field may hold separators, `""` for a quote and line breaks, which are kept
/// as `\n`. A quote inside an unquoted field is taken literally. The encoding is found by
/// ``TextDecoding``: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030, which is
/// read with a note advising UTF-8. A record's number is its row in the sheet, as a spreadsheet
/// program opening the file shows it (a record with line breaks inside is still one row).
public enum CSVReader {
    /// Reads the CSV in `bytes`; `name` is the file as the user named it (the sheet is named after
    /// it, without folder and extension).
    ///
    /// - Throws: ``SpreadsheetError`` for an unknown encoding, an unclosed quote, or a file over
    ///   the limits.
    public static func read(_ bytes: [UInt8], name: String, limits: SpreadsheetLimits = .default)
        throws(SpreadsheetError) -> Workbook
    {
        guard bytes.count <= limits.maxCSVBytes else {
            throw SpreadsheetError("文件大小 \(bytes.count) 字节，超过 CSV 的上限 \(limits.maxCSVBytes) 字节")
        }
        let (text, encoding) = try TextDecoding.decode(bytes)
        var notes: [String] = []
        if encoding == .gb18030 {
            notes.append("文件编码是 GBK（GB18030），不是 UTF-8，已按 GB18030 读取；为免误读，\(TextDecoding.saveAsUTF8)")
        }
        let separator = separator(of: text)
        var builder = SheetBuilder(name: sheetName(of: name))
        var budget = CellBudget(limit: limits.maxCells)
        var row = 1
        var column = 1
        var field = String.UnicodeScalarView()
        var quoted = false
        var inQuotes = false
        var quoteRow = 0
        var previousCR = false

        func endField() throws(SpreadsheetError) {
            let value = String(field)
            if !value.isEmpty { try builder.add(.text(value), row: row, column: column, budget: &budget) }
            field = String.UnicodeScalarView()
            quoted = false
            column += 1
        }

        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        func next(is wanted: Unicode.Scalar) -> Bool {
            guard index < scalars.endIndex, scalars[index] == wanted else { return false }
            index = scalars.index(after: index)
            return true
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            if inQuotes {
                if scalar == "\"" {
                    if next(is: "\"") {
                        field.append("\"")
                    } else {
                        inQuotes = false
                    }
                } else if scalar == "\r" {
                    field.append("\n")
                    _ = next(is: "\n")
                } else {
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !quoted:
                inQuotes = true
                quoted = true
                quoteRow = row
            case separator:
                try endField()
            case "\r", "\n":
                if scalar == "\n", previousCR {
                    previousCR = false
                    continue
                }
                try endField()
                row += 1
                column = 1
                guard row <= SpreadsheetLimits.maxRows + 1 else {
                    throw SpreadsheetError("文件超过 \(SpreadsheetLimits.maxRows) 行")
                }
            default:
                field.append(scalar)
            }
            previousCR = scalar == "\r"
        }
        if inQuotes {
            throw SpreadsheetError("第 \(quoteRow) 行有一个双引号没有闭合（文件不完整，或引号没有成对）")
        }
        if !field.isEmpty || quoted { try endField() }
        return Workbook(format: .csv, sheets: [builder.finish()], notes: notes)
    }

    /// The file name without folder and extension: `data/台账.csv` → `台账`.
    static func sheetName(of name: String) -> String {
        let file = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    /// Comma, unless the first line (outside quotes) has more tabs or semicolons.
    private static func separator(of text: String) -> Unicode.Scalar {
        var commas = 0
        var tabs = 0
        var semicolons = 0
        var inQuotes = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { inQuotes.toggle() }
            if inQuotes { continue }
            switch scalar {
            case "\n", "\r": break
            case ",": commas += 1
            case "\t": tabs += 1
            case ";": semicolons += 1
            default: continue
            }
            if scalar == "\n" || scalar == "\r" { break }
        }
        if tabs > commas, tabs >= semicolons { return "\t" }
        if semicolons > commas { return ";" }
        return ","
    }
}
