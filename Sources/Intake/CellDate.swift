import Matters

/// Dates as clerks type them into cells.
enum CellDate {
    /// What a date cell should hold, in the words of the error messages.
    static let expectation = "有效日期，如 2026-03-05 或 2026年3月5日"

    /// The date in a cell: a spreadsheet date; a number, as an Excel serial day; or text written
    /// `2026-03-05`, `2026-3-5`, `2026/3/5`, `2026.3.5`, `2026年3月5日`, `20260305`, or a serial
    /// such as `46086` (what a CSV of unformatted dates holds), optionally followed by a time of
    /// day. `nil` when it is none of these or the day does not exist.
    static func date(_ value: CellValue, uses1904: Bool) -> CivilDate? {
        switch value {
        case .date(let date): return date
        case .number(let n): return ExcelDate.date(fromSerial: n, uses1904: uses1904)
        case .text(let s): return parse(s.trimmingWhitespace(), uses1904: uses1904)
        default: return nil
        }
    }

    static func parse(_ text: String, uses1904: Bool) -> CivilDate? {
        // A time of day after the date (`2026-03-05 00:00:00`) is dropped.
        let day = text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? text
        let bytes = Array(day.utf8)
        if !bytes.isEmpty, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            if bytes.count == 8, let n = Int(day) {
                return CivilDate(year: n / 10000, month: n / 100 % 100, day: n % 100)
            }
            if (5...7).contains(bytes.count), let n = Int(day) {
                return ExcelDate.date(fromSerial: Double(n), uses1904: uses1904)
            }
            return nil
        }
        var numbers: [Int] = []
        var current: Int?
        var separators: [Character] = []
        for character in day {
            if let digit = character.wholeNumberValue, character.isASCII {
                let value = (current ?? 0) * 10 + digit
                if value > 9999 { return nil }
                current = value
            } else {
                guard let value = current else { return nil }
                numbers.append(value)
                separators.append(character)
                current = nil
            }
        }
        if let current { numbers.append(current) }
        guard numbers.count == 3 else { return nil }
        let chinese = separators == ["年", "月", "日"] || separators == ["年", "月"]
        let plain = separators.count == 2 && separators[0] == separators[1] && ["-", "/", "."].contains(separators[0])
        guard chinese || plain, numbers[0] >= 1000 else { return nil }
        return CivilDate(year: numbers[0], month: numbers[1], day: numbers[2])
    }
}
