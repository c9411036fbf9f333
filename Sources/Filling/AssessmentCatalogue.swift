public import Matters

/// The 督考合一 sheet (13(九); 11(三) and 12(四): 催办、退办情况均纳入年底绩效考核): per 主责单位, the matters,
/// completed on time (count and rate), 催办, 退办, 迟报 and extension requests. One set of lines feeds both the
/// printable .odt (`Templates/督考合一考评表.fodt`, names below) and the .ods.
public enum AssessmentCatalogue {
    /// One line of the sheet: a unit, the 涉密 matters together, or the total.
    public struct Line: Sendable, Equatable {
        /// 1, 2 … for units; `nil` for the 涉密 and 合计 lines.
        public var serial: Int?
        public var label: String
        public var tally: Tally
    }

    /// The column headings, in order.
    public static let columns = [
        "序号", "主责单位", "事项", "应办结", "已办结", "按时办结", "按时办结率", "逾期", "催办", "退办", "迟报", "延期申请",
    ]

    /// The lines: every unit (non-涉密 matters), then the 涉密 matters as one line when there are any, then
    /// the total of all.
    public static func lines(_ report: PeriodReport) -> [Line] {
        var lines = report.units.enumerated().map {
            Line(serial: $0.offset + 1, label: $0.element.unit, tally: $0.element.tally)
        }
        if report.classified.matters > 0 {
            lines.append(Line(serial: nil, label: "涉密事项（不列单位）", tally: report.classified))
        }
        lines.append(Line(serial: nil, label: "合计", tally: report.total))
        return lines
    }

    /// How the figures are counted, printed under the table.
    public static func notes(_ report: PeriodReport) -> [String] {
        var notes = [
            "统计截至\(report.asOf.chinese)，取自督查台账；各事项计入其主责单位（第九条）。",
            "应办结：已办结，或办理时限（含延期、退办后的新时限）已到的在办事项；按时办结：已办结且办理报告均未迟报；按时办结率＝按时办结÷应办结。",
            "催办、退办、迟报、延期申请为次数；迟报含逾期报送的办理报告和缺报的季度进展、月报。",
        ]
        if report.classified.matters > 0 { notes.append("涉密事项按保密规定只列合计，不列单位和事项。") }
        return notes
    }

    /// The counts of one line, by heading.
    static let counts: [FieldSpec] = columns.dropFirst(2).map { FieldSpec($0, $0, .text) }

    /// Every name the .odt template may use.
    public static let fields: [FieldSpec] = [
        FieldSpec("标题", "标题", .text, required: true, help: "如 2026年度督查事项督考合一考评表"),
        FieldSpec("年度", "年度", .text, required: true),
        FieldSpec("文号", "文号", .documentNumber, required: true, help: "取自登记簿，前缀见机关配置 考评表.文号前缀"),
        FieldSpec("截至日期", "数据截至日期", .date, required: true),
        FieldSpec("编制日期", "编制日期", .date, required: true),
        FieldSpec("机关名称", "编制单位", .text, required: true),
        FieldSpec(
            "各单位", "各主责单位",
            .list(.record([FieldSpec("序号", "序号", .text), FieldSpec("单位", "主责单位", .text)] + counts))),
        FieldSpec("涉密", "涉密事项合计（不列单位）", .record(counts)),
        FieldSpec("合计", "合计", .record(counts), required: true),
        FieldSpec("说明", "说明", .paragraphs, required: true),
    ]

    /// The .odt's data.
    public static func data(report: PeriodReport, number: DocumentNumber, date: CivilDate, office: OfficeProfile)
        -> TemplateValue
    {
        func record(_ tally: Tally) -> TemplateRecord {
            var fields: TemplateRecord = [:]
            for (column, value) in zip(columns.dropFirst(2), cells(tally)) { fields[column] = .text(value) }
            return fields
        }
        var fields: TemplateRecord = [
            "标题": .text("\(report.period.year)年度督查事项督考合一考评表"), "年度": .text(String(report.period.year)),
            "文号": .number(number), "截至日期": .date(report.asOf), "编制日期": .date(date), "机关名称": .text(office.name),
            "合计": .record(record(report.total)), "说明": .list(notes(report).map(TemplateValue.text)),
        ]
        fields["各单位"] = .list(
            report.units.enumerated().map { n, unit in
                var line = record(unit.tally)
                line["序号"] = .text(String(n + 1))
                line["单位"] = .text(unit.unit)
                return .record(line)
            })
        if report.classified.matters > 0 { fields["涉密"] = .record(record(report.classified)) }
        return .record(fields)
    }

    /// The counts of a line as printed: numbers, and the rate as `87.5%` (— when nothing was due).
    public static func cells(_ t: Tally) -> [String] {
        let rate = t.onTimeRate.map(percent) ?? "—"
        return [t.matters, t.due, t.completed, t.completedOnTime].map(String.init) + [rate]
            + [t.overdue, t.reminders, t.returns, t.lateReports, t.extensions].map(String.init)
    }

    /// 0.875 → `87.5%` (rounded half up to one decimal).
    public static func percent(_ fraction: Double) -> String {
        let tenths = Int((fraction * 1000).rounded(.toNearestOrAwayFromZero))
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
