public import Matters

/// 《西城政务督查》's 总体情况 in words: the totals of a ``PeriodReport`` (涉密 matters included, as counts).
public enum BulletinOverview {
    /// Three paragraphs: what is supervised (by kind and by 第七条 source), where it stands, and the
    /// matters' 催办, 退办, 迟报 and 延期 so far.
    public static func paragraphs(_ report: PeriodReport) -> [String] {
        let t = report.total
        var first = "截至\(report.asOf.chinese)，在督事项共\(t.matters)项"
        if report.classified.matters > 0 { first += "（含涉密事项\(report.classified.matters)项）" }
        first += "。"
        if !report.byKind.isEmpty {
            first += "按事项类型分：" + report.byKind.map { "\($0.key)\($0.count)项" }.joined(separator: "，") + "。"
        }
        if !report.bySource.isEmpty {
            first += "按事项来源分：" + report.bySource.map { "\($0.key)\($0.count)项" }.joined(separator: "，") + "。"
        }
        var second = "已办结\(t.completed)项，其中按时办结\(t.completedOnTime)项；办理中\(t.inProgress)项；逾期未报\(t.overdue)项"
        if t.other > 0 { second += "；尚未交办、转阅阅知或已置换\(t.other)项" }
        second += "。"
        let third =
            "上述事项累计催办\(t.reminders)次，退回重办\(t.returns)次（涉及\(t.returnedMatters)项事项），"
            + "迟报\(t.lateReports)次，申请延期\(t.extensions)次（涉及\(t.extendedMatters)项事项）。"
        return [first, second, third]
    }
}
