import Intake
public import Matters

/// The ledger for spreadsheets (CSV) and programs (JSON); the same columns a front end shows.
public enum LedgerExport {
    public static let headers = [
        "编号", "事项名称", "事项类型", "办理方式", "主责单位", "协办单位", "办理时限", "状态", "灯", "逾期天数", "下次报送", "催办", "退办", "迟报",
        "延期",
    ]

    /// A row's cells under ``headers``.
    public static func cells(_ row: LedgerRow) -> [String] {
        [
            row.id, row.title, row.kind.rawValue, row.handling.rawValue, row.leadUnit,
            row.coUnits.joined(separator: "、"),
            row.deadline.iso,
            row.displayState, row.light.rawValue, row.overdue ? String(row.daysOverdue) : "",
            row.nextDue.map { "\($0.iso) \(row.nextDueWhat ?? "")" } ?? "", String(row.reminders), String(row.returns),
            String(row.lateReports), String(row.extensions),
        ]
    }

    /// RFC 4180 CSV with a UTF-8 byte order mark, so that Excel and WPS read the Chinese correctly.
    public static func csv(_ rows: [LedgerRow]) -> String {
        func quote(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacing("\"", with: "\"\"") + "\"" : s
        }
        let lines = [headers] + rows.map(cells)
        return "\u{FEFF}" + lines.map { $0.map(quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// The ledger as a JSON object: `截至` and one object per matter.
    public static func json(_ rows: [LedgerRow], asOf: CivilDate) -> String {
        var out = "{\n  \"截至\": \(string(asOf.iso)),\n  \"事项\": ["
        for (n, row) in rows.enumerated() {
            let fields: [(String, String)] = [
                ("编号", string(row.id)), ("事项名称", string(row.title)), ("事项类型", string(row.kind.rawValue)),
                ("办理方式", string(row.handling.rawValue)), ("主责单位", string(row.leadUnit)),
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
}
