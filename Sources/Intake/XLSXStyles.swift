import ODF

/// Which cell styles of an XLSX workbook show numbers as dates (`xl/styles.xml`): Excel stores a
/// date as a number of days and only the style's number format says it is a date.
struct XLSXStyles {
    /// For each entry of `cellXfs` (a cell's `s` attribute), whether its number format is a date.
    private var dateStyles: [Bool] = []

    /// Built-in number formats that show dates: 14–17 and 22 everywhere, and the East Asian ones
    /// Chinese Excel uses (27–31, 36, 50–54, 57, 58 — `yyyy"年"m"月"d"日"` and kin). 18–21, 32–35,
    /// 45–47, 55 and 56 are times of day only and stay numbers.
    static let builtInDateFormats: Set<Int> = [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]

    init() {}

    /// Reads `styles.xml`.
    init(xml: [UInt8], source: String, limits: XMLLimits) throws {
        var customDates: [Int: Bool] = [:]
        var formats: [Int] = []
        var inCellXfs = false
        try XMLStreamParser.parse(xml, source: source, limits: limits) { event in
            switch event {
            case .start(let name, let attributes):
                switch name.local {
                case "numFmt":
                    let id = attributes.first { $0.name.local == "numFmtId" }.flatMap { Int($0.value) }
                    let code = attributes.first { $0.name.local == "formatCode" }?.value ?? ""
                    if let id { customDates[id] = Self.isDateFormat(code) }
                case "cellXfs": inCellXfs = true
                case "xf" where inCellXfs:
                    formats.append(attributes.first { $0.name.local == "numFmtId" }.flatMap { Int($0.value) } ?? 0)
                default: break
                }
            case .end(let name):
                if name.local == "cellXfs" { inCellXfs = false }
            case .text: break
            }
        }
        dateStyles = formats.map { customDates[$0] ?? Self.builtInDateFormats.contains($0) }
    }

    /// Whether cells of style `index` show dates.
    func isDate(style index: Int) -> Bool {
        dateStyles.indices.contains(index) && dateStyles[index]
    }

    /// Whether a custom format code shows a date: after quoted text, escaped characters and
    /// bracketed parts (colours, locales, `[h]`) are skipped, its first section has a year (`y`)
    /// or day (`d`) code. `m` alone may be minutes, so it does not count; `General` and `0.00E+00`
    /// have neither.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuotes = false
        var inBracket = false
        var escaped = false
        for scalar in code.unicodeScalars {
            if escaped {
                escaped = false
                continue
            }
            if inQuotes {
                if scalar == "\"" { inQuotes = false }
                continue
            }
            if inBracket {
                if scalar == "]" { inBracket = false }
                continue
            }
            switch scalar {
            case "\"": inQuotes = true
            case "[": inBracket = true
            case "\\", "_", "*": escaped = true
            case ";": return false
            case "y", "Y", "d", "D":
                return true
            default: break
            }
        }
        return false
    }
}
