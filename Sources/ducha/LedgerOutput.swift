import Intake
import Matters

/// The ledger as a table for people, CSV for spreadsheets, or JSON for programs.
enum LedgerOutput {
    static let headers = [
        "编号", "事项名称", "事项类型", "办理方式", "主责单位", "协办单位", "办理时限", "状态", "灯", "逾期天数", "下次报送", "催办", "退办", "迟报",
        "延期",
    ]

    static func cells(_ row: LedgerRow) -> [String] {
        [
            row.id, row.title, row.kind, row.handling, row.leadUnit, row.coUnits.joined(separator: "、"),
            row.deadline.iso,
            row.displayState, row.light.rawValue, row.overdue ? String(row.daysOverdue) : "",
            row.nextDue.map { "\($0.iso) \(row.nextDueWhat ?? "")" } ?? "", String(row.reminders), String(row.returns),
            String(row.lateReports), String(row.extensions),
        ]
    }

    /// Aligned columns; the title and co-units are left out to keep a line readable on a terminal.
    static func table(_ rows: [LedgerRow]) -> String {
        let shown = [0, 2, 4, 6, 7, 8, 9, 10, 11, 12, 13]
        let lines = [shown.map { headers[$0] }] + rows.map { row in shown.map { cells(row)[$0] } }
        var widths = Array(repeating: 0, count: shown.count)
        for line in lines { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], width(cell)) } }
        return lines.map { line in
            line.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - width(cell)) }
                .joined(separator: "  ").replacingTrailingSpaces()
        }.joined(separator: "\n")
    }

    /// RFC 4180 CSV with a UTF-8 byte order mark, so that Excel and WPS read the Chinese correctly.
    static func csv(_ rows: [LedgerRow]) -> String {
        func quote(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        let lines = [headers] + rows.map(cells)
        return "\u{FEFF}" + lines.map { $0.map(quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func json(_ rows: [LedgerRow], asOf: CivilDate) -> String {
        var out = "{\n  \"截至\": \(string(asOf.iso)),\n  \"事项\": ["
        for (n, row) in rows.enumerated() {
            let fields: [(String, String)] = [
                ("编号", string(row.id)), ("事项名称", string(row.title)), ("事项类型", string(row.kind)),
                ("办理方式", string(row.handling)), ("主责单位", string(row.leadUnit)),
                ("协办单位", "[" + row.coUnits.map(string).joined(separator: ", ") + "]"),
                ("涉密", row.classified ? "true" : "false"), ("状态", string(row.state.rawValue)),
                ("逾期", row.overdue ? "true" : "false"), ("逾期天数", String(row.daysOverdue)),
                ("办理时限", string(row.deadline.iso)), ("下次报送", row.nextDue.map { string($0.iso) } ?? "null"),
                ("下次报送事项", row.nextDueWhat.map(string) ?? "null"), ("灯", string(row.light.rawValue)),
                ("催办次数", String(row.reminders)), ("退办次数", String(row.returns)), ("迟报次数", String(row.lateReports)),
                ("延期申请次数", String(row.extensions)), ("办结日期", row.completedOn.map { string($0.iso) } ?? "null"),
            ]
            out +=
                (n == 0 ? "\n" : ",\n") + "    {" + fields.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ")
                + "}"
        }
        return out + (rows.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    }

    /// A JSON string literal.
    static func string(_ s: String) -> String { JSONString.literal(s) }

    /// Terminal columns: East Asian wide characters take two.
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { total, scalar in
            let v = scalar.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return total + (wide ? 2 : 1)
        }
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
