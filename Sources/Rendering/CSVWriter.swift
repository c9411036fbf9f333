/// Writes one sheet of a ``Spreadsheet`` as CSV (RFC 4180): UTF-8 with a byte order mark (so that Excel and
/// WPS open it as UTF-8), CR LF between records, a field quoted when it holds a comma, a quote or a line
/// break, each cell as it shows (``Spreadsheet/Cell/displayText``: dates as `2026-03-05`). A CSV holds the
/// table alone: the header rows, then the data rows, without the title and the notes.
public enum CSVWriter {
    /// The CSV bytes of `sheet`.
    public static func write(_ sheet: Spreadsheet.Sheet) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        for values in sheet.header.map({ $0.map(Spreadsheet.Cell.text) }) + sheet.rows {
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                append(value.displayText, to: &out)
            }
            out += [0x0D, 0x0A]
        }
        return out
    }

    private static func append(_ field: String, to out: inout [UInt8]) {
        let needsQuotes = field.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
        }
        guard needsQuotes else {
            out += field.utf8
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}
