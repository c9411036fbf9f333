public import Matters

/// The names 《西城政务督查》's template may use (`Templates/西城政务督查.fodt`), and its data from a
/// ``PeriodReport``. Only the report's non-涉密 lists reach the document; 涉密 matters appear as counts.
public enum BulletinCatalogue {
    /// The counts of one row of the per-unit table (and of its 合计).
    static let unitCounts: [FieldSpec] = [
        FieldSpec("事项", "牵头事项数", .text),
        FieldSpec("已办结", "已办结", .text),
        FieldSpec("办理中", "办理中", .text),
        FieldSpec("逾期", "逾期", .text),
        FieldSpec("催办", "催办次数", .text),
        FieldSpec("退办", "退办次数", .text),
    ]

    /// A unit with what it is commended or criticised for.
    static let notice: [FieldSpec] = [
        FieldSpec("单位", "单位", .text, required: true),
        FieldSpec("事由", "事由", .text, required: true),
    ]

    /// Every name the template may use.
    public static let fields: [FieldSpec] = [
        FieldSpec("刊名", "刊名", .text, required: true, help: "机关配置 刊物.刊名"),
        FieldSpec("期号", "期号", .text, required: true, help: "如 第1期：按年度编号，取自登记簿"),
        FieldSpec("期数", "期数", .text, required: true),
        FieldSpec("年度", "年度", .text, required: true),
        FieldSpec("编印单位", "编印单位", .text, required: true),
        FieldSpec("印发日期", "印发日期", .date, required: true),
        FieldSpec("季度", "季度", .text, required: true, help: "如 2026年第一季度"),
        FieldSpec("截至日期", "数据截至日期", .date, required: true, help: "季度最后一天"),
        FieldSpec("标题", "标题", .text, required: true),
        FieldSpec("总体情况", "总体情况", .paragraphs, required: true),
        FieldSpec("各单位", "各主责单位的办理情况", .list(.record([FieldSpec("单位", "主责单位", .text)] + unitCounts))),
        FieldSpec("合计", "各单位合计", .record(unitCounts), required: true),
        FieldSpec("涉密说明", "涉密事项的说明", .text, help: "有涉密事项时：只计入总数，不列明细"),
        FieldSpec(
            "推进缓慢", "推进缓慢的事项",
            .list(
                .record([
                    FieldSpec("序号", "序号", .text), FieldSpec("编号", "事项编号", .identifier),
                    FieldSpec("事项名称", "事项名称", .text), FieldSpec("主责单位", "主责单位", .text),
                    FieldSpec("协办单位", "协办单位（顿号分隔）", .text), FieldSpec("滞后情况", "滞后情况", .text),
                ]))),
        FieldSpec("表扬", "落实成效明显的单位", .list(.record(notice))),
        FieldSpec("批评", "进展缓慢、落实不力的单位", .list(.record(notice))),
        FieldSpec(
            "屡次迟报", "屡次迟报的单位（第十五条）",
            .list(.record([FieldSpec("单位", "单位", .text), FieldSpec("迟报次数", "迟报次数", .text)]))),
        FieldSpec("屡次迟报次数", "屡次迟报的标准（机关配置 督查规则.屡次迟报次数）", .text, required: true),
        FieldSpec(
            "落实预案", "本季度报送的区级落实预案（11(六)）",
            .list(
                .record([
                    FieldSpec("序号", "序号", .text), FieldSpec("编号", "事项编号", .identifier),
                    FieldSpec("事项名称", "事项名称", .text), FieldSpec("主责单位", "主责单位", .text),
                    FieldSpec("协办单位", "协办单位（顿号分隔）", .text), FieldSpec("报送日期", "报送日期", .date),
                    FieldSpec("内容", "预案内容", .paragraphs),
                ]))),
        FieldSpec("报", "版记“报：”", .text, required: true),
        FieldSpec("送", "版记“送：”", .text, required: true),
        FieldSpec("发", "版记“发：”", .text, required: true),
        FieldSpec("印数", "共印份数", .text, required: true),
        FieldSpec("机关名称", "机关名称", .text, required: true),
    ]

    /// The data of one issue.
    /// - Parameters:
    ///   - issue: the issue's registered number; its serial is the 期数 of its year.
    ///   - date: 印发日期.
    public static func data(report: PeriodReport, issue: DocumentNumber, date: CivilDate, office: OfficeProfile)
        -> TemplateValue
    {
        let profile = office.publications
        func count(_ n: Int) -> TemplateValue { .text(String(n)) }
        func counts(_ t: Tally) -> TemplateRecord {
            [
                "事项": count(t.matters), "已办结": count(t.completed), "办理中": count(t.inProgress),
                "逾期": count(t.overdue), "催办": count(t.reminders), "退办": count(t.returns),
            ]
        }
        var fields: TemplateRecord = [
            "刊名": .text(profile.title), "期号": .text("第\(issue.serial)期"), "期数": count(issue.serial),
            "年度": count(issue.year), "编印单位": .text(profile.publisher ?? office.name), "印发日期": .date(date),
            "季度": .text(report.period.chinese), "截至日期": .date(report.asOf),
            "标题": .text("\(report.period.chinese)督查工作情况通报"),
            "总体情况": .list(BulletinOverview.paragraphs(report).map(TemplateValue.text)),
            "合计": .record(counts(report.listed)),
            "屡次迟报次数": count(report.repeatedLateThreshold),
            "报": .text(profile.reportTo), "送": .text(profile.sendTo), "发": .text(profile.issueTo),
            "印数": count(profile.copies), "机关名称": .text(office.name),
        ]
        fields["各单位"] = .list(
            report.units.map { unit in
                var row = counts(unit.tally)
                row["单位"] = .text(unit.unit)
                return .record(row)
            })
        if report.classified.matters > 0 {
            fields["涉密说明"] = .text("另有涉密事项\(report.classified.matters)项，按保密规定只计入总体情况，不列入本表和下图。")
        }
        // The two lists that grow with the year are made a row at a time as the issue is filled.
        let lagging = report.lagging
        fields["推进缓慢"] = .rows(
            TemplateRows(count: lagging.count) { n in
                let item = lagging[n]
                var entry: TemplateRecord = [
                    "序号": .text(String(n + 1)), "编号": .text(item.row.id), "事项名称": .text(item.row.title),
                    "主责单位": .text(item.row.leadUnit), "滞后情况": .text(item.what),
                ]
                entry["协办单位"] = coUnits(item.row.coUnits)
                return .record(entry)
            })
        fields["表扬"] = .list(report.commended.map { .record(["单位": .text($0.unit), "事由": .text(praise($0.tally))]) })
        fields["批评"] = .list(report.criticised.map { .record(["单位": .text($0.unit), "事由": .text(blame($0.tally))]) })
        fields["屡次迟报"] = .list(
            report.repeatedlyLate.map { .record(["单位": .text($0.unit), "迟报次数": count($0.tally.lateReports)]) })
        let plans = report.plans
        fields["落实预案"] = .rows(
            TemplateRows(count: plans.count) { n in
                let plan = plans[n]
                var entry: TemplateRecord = [
                    "序号": .text(String(n + 1)), "编号": .text(plan.matterID), "事项名称": .text(plan.title),
                    "主责单位": .text(plan.leadUnit), "报送日期": .date(plan.date),
                    "内容": .list(plan.content.map(TemplateValue.text)),
                ]
                entry["协办单位"] = coUnits(plan.coUnits)
                return .record(entry)
            })
        return .record(fields)
    }

    /// 协办单位 as one text, none when there are none.
    static func coUnits(_ units: [String]) -> TemplateValue? {
        units.isEmpty ? nil : .text(units.joined(separator: "、"))
    }

    /// Why a unit is commended.
    static func praise(_ t: Tally) -> String {
        "牵头的\(t.matters)项事项中已办结\(t.completed)项，均按时报送，无逾期、催办、退办"
    }

    /// Why a unit is criticised.
    static func blame(_ t: Tally) -> String {
        var parts: [String] = []
        if t.overdue > 0 { parts.append("\(t.overdue)项事项逾期未报") }
        if t.reminders > 0 { parts.append("被催办\(t.reminders)次") }
        if t.returns > 0 { parts.append("办理报告被退回重办\(t.returns)次") }
        return "牵头的\(t.matters)项事项中" + parts.joined(separator: "，")
    }
}
