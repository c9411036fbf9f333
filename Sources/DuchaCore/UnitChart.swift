public import Matters
import Rendering

/// The chart of 《西城政务督查》's 二、各单位办理情况: one stacked bar per 主责单位 with its matters 已办结, 办理中
/// and 逾期, drawn as SVG — the picture the bulletin embeds (`Pictures/chart-units.svg`), for any front end that
/// shows the same figures. It is drawn from a ``PeriodReport``'s units, so 涉密 matters are in no bar.
public enum UnitChart {
    /// The picture's size in millimetres: the bulletin template's frame (the 版心's width).
    static let size = (width: 156, height: 80)

    /// The chart of `units` (by default every unit of the report), titled with the report's day.
    static func chart(_ report: PeriodReport, units: [UnitTally]? = nil) -> BarChart {
        BarChart(
            title: "各单位督查事项办理情况（截至\(report.asOf.chinese)）",
            series: [
                BarChart.Series(name: "已办结", color: "#2e7d32"), BarChart.Series(name: "办理中", color: "#1565c0"),
                BarChart.Series(name: "逾期", color: "#c62828"),
            ],
            categories: (units ?? report.units).map {
                BarChart.Category(label: $0.unit, values: [$0.tally.completed, $0.tally.inProgress, $0.tally.overdue])
            }, width: size.width, height: size.height)
    }

    /// The chart as an SVG 1.1 document: of `units` when given (a subset of the report's, e.g. one unit's own
    /// bar), else of every unit of the report.
    public static func svg(_ report: PeriodReport, units: [UnitTally]? = nil) -> [UInt8] {
        chart(report, units: units).svg()
    }
}
