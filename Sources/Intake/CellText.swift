/// Cell values read as text, and the separators of list cells.
enum CellText {
    /// What a cell shows, as text: numbers without a needless `.0` (a telephone number typed as a
    /// number, 83291235, reads as 83291235), dates as `2026-03-05`, TRUE/FALSE as 是/否.
    static func plain(_ value: CellValue) -> String {
        switch value {
        case .empty: return ""
        case .text(let s): return s
        case .number(let n): return number(n)
        case .date(let d): return d.iso
        case .bool(let b): return b ? "是" : "否"
        case .error(let e): return e
        }
    }

    /// `83291235.0` → `83291235`, `1.5` → `1.5`.
    static func number(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int(n)) }
        return String(n)
    }

    /// The separators of a list cell (协办单位, 退办理由): 、，,；; and line breaks.
    static let listSeparators: Set<Character> = ["、", "，", ",", "；", ";", "\n"]

    /// The items of a list cell, each trimmed, blanks dropped.
    static func items(_ text: String) -> [String] {
        text.split(whereSeparator: { listSeparators.contains($0) }).map { $0.trimmingWhitespace() }.filter {
            !$0.isEmpty
        }
    }

    /// The items of a list cell that runs beside another, position by position (协办单位联系人 beside
    /// 协办单位): like ``items(_:)``, with `-`, `－`, `—` or `无` standing for "none" at that position.
    static func alignedItems(_ text: String) -> [String] {
        items(text).map { ["-", "－", "—", "无"].contains($0) ? "" : $0 }
    }

    /// Lines of a multi-line cell: CR LF and CR as LF, white space at the end of each line and
    /// blank lines dropped.
    static func lines(_ text: String) -> [String] {
        XLSXText.normalizeLineBreaks(text).split(separator: "\n").map { line -> String in
            var s = Substring(line)
            while let last = s.last, last.isWhitespace { s.removeLast() }
            return String(s)
        }.filter { !$0.isEmpty }
    }
}
