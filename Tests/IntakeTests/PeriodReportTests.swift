import Foundation
import Matters
import Testing

/// The figures of the bulletin and the 督考合一 sheet (``PeriodReport``), on the shipped working-day calendar.
@Suite("Period report figures")
struct PeriodReportTests {
    static func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    func matter(
        _ id: String, kind: String = "领导批示", unit: String, registered: String, deadline: String,
        classified: Bool = false
    ) -> Matter {
        var values = FieldRecord([
            ("编号", .text(id)), ("事项名称", .text("事项\(id)")), ("事项类型", .text(kind)),
            ("事项来源", .text(kind == "重点任务" ? "重大决策和重要事项" : "领导批示和交办事项")), ("立项依据", .text("测试")),
            ("主责单位", .record(FieldRecord([("名称", .text(unit))]))),
            ("协办单位", .list([.record(FieldRecord([("名称", .text("协办\(unit)"))]))])),
            ("办理要求", .list([.text("办理")])), ("立项日期", .date(Self.day(registered))),
            ("办理时限", .date(Self.day(deadline))), ("督查员", .record(FieldRecord([("姓名", .text("李"))]))),
        ])
        if classified { values["密级"] = .text("机密") }
        return Matter(values: values)
    }

    func event(_ id: String, _ kind: EventKind, _ date: String, _ fields: [(String, FieldValue)] = []) -> MatterEvent {
        var values = FieldRecord([("事项", .text(id)), ("事件", .text(kind.rawValue)), ("日期", .date(Self.day(date)))])
        for (key, value) in fields { values[key] = value }
        return MatterEvent(kind: kind, values: values)
    }

    /// 交办, 签收, 办理报告 on `reported`, 审核通过 and 办结 the next days.
    func completed(_ id: String, assigned: String, reported: String, next: [String]) -> [MatterEvent] {
        [
            event(id, .assignment, assigned), event(id, .receipt, next[0], [("签收人", .text("王"))]),
            event(id, .report, reported, [("标题", .text("报告")), ("报告类型", .text("其他"))]),
            event(id, .review, next[1], [("结论", .text("通过"))]), event(id, .completion, next[2]),
        ]
    }

    /// Seven matters: overdue, on time, late, 涉密, finished last year, open since last year, planned next quarter.
    func records() -> [(matter: Matter, events: [MatterEvent])] {
        let plan: (String, String, String, String) -> MatterEvent = { id, date, level, text in
            self.event(id, .plan, date, [("内容", .list([.text(text)])), ("级别", .text(level))])
        }
        let kindA: (String, [String]) -> [MatterEvent] = { id, days in
            [
                self.event(id, .assignment, days[0]), self.event(id, .receipt, days[1], [("签收人", .text("王"))]),
                self.event(id, .responsibility, days[2], [("内容", .list([.text("负责")]))]),
            ]
        }
        return [
            (
                matter("2026-101", kind: "重点任务", unit: "区甲局", registered: "2026-01-05", deadline: "2026-02-27"),
                kindA("2026-101", ["2026-01-05", "2026-01-06", "2026-01-07"]) + [
                    plan("2026-101", "2026-01-08", "区级", "区级预案内容"), plan("2026-101", "2026-01-09", "市级", "市级预案内容"),
                ]
            ),
            (
                matter("2026-102", unit: "区乙局", registered: "2026-01-05", deadline: "2026-02-10"),
                completed(
                    "2026-102", assigned: "2026-01-05", reported: "2026-01-20",
                    next: ["2026-01-06", "2026-01-22", "2026-01-23"])
            ),
            (
                matter("2026-103", unit: "区丁局", registered: "2026-01-05", deadline: "2026-01-15"),
                completed(
                    "2026-103", assigned: "2026-01-05", reported: "2026-01-20",
                    next: ["2026-01-06", "2026-01-22", "2026-01-23"])
            ),
            (
                matter("2026-104", unit: "区丙密局", registered: "2026-01-05", deadline: "2026-02-10", classified: true),
                [event("2026-104", .assignment, "2026-01-05")]
            ),
            (
                matter("2025-201", unit: "区乙局", registered: "2025-11-03", deadline: "2025-11-28"),
                completed(
                    "2025-201", assigned: "2025-11-04", reported: "2025-11-20",
                    next: ["2025-11-05", "2025-11-21", "2025-11-25"])
            ),
            (
                matter("2025-202", unit: "区甲局", registered: "2025-12-01", deadline: "2026-06-30"),
                [event("2025-202", .assignment, "2025-12-02")]
            ),
            (
                matter("2026-105", kind: "重点任务", unit: "区乙局", registered: "2026-03-01", deadline: "2026-09-30"),
                kindA("2026-105", ["2026-03-02", "2026-03-03", "2026-03-04"]) + [
                    plan("2026-105", "2026-04-02", "区级", "二季度预案")
                ]
            ),
        ]
    }

    func report(threshold: Int = 3, asOf: String = "2026-03-31") throws -> PeriodReport {
        var policy = LifecyclePolicy()
        policy.repeatedLateThreshold = threshold
        let calendar = LifecycleTests.calendar
        return try PeriodReport(
            period: ReportPeriod(parsing: "2026Q1")!, asOf: Self.day(asOf), records: records(),
            lifecycle: Lifecycle(policy: policy, calendar: calendar), ledger: Ledger(policy: policy, calendar: calendar)
        )
    }

    @Test("涉密 matters count in the totals only; last year's finished matters are out, its open ones in")
    func scopeAndClassified() throws {
        let r = try report()
        #expect(r.counted == ["2026-101", "2026-102", "2026-103", "2026-104", "2025-202", "2026-105"])
        #expect(r.total.matters == 6 && r.classified.matters == 1 && r.classified.overdue == 1)
        #expect(r.units.map(\.unit) == ["区乙局", "区甲局", "区丁局"])
        #expect(r.listed.matters == 5 && r.total.overdue == 2 && r.listed.overdue == 1)
        #expect(r.byKind.map(\.key) == ["重点任务", "领导批示"] && r.byKind.map(\.count) == [2, 4])
        #expect(!r.lagging.contains { $0.row.classified } && !r.plans.contains { $0.matterID == "2026-104" })
    }

    @Test("completed on time means no report was late; 应办结 counts what is completed or past its deadline")
    func onTime() throws {
        let r = try report()
        let b = try #require(r.units.first { $0.unit == "区乙局" }?.tally)
        #expect(b.matters == 2 && b.completed == 1 && b.completedOnTime == 1 && b.inProgress == 1 && b.due == 1)
        #expect(b.onTimeRate == 1)
        let d = try #require(r.units.first { $0.unit == "区丁局" }?.tally)
        #expect(d.completed == 1 && d.completedOnTime == 0 && d.lateReports == 1 && d.onTimeRate == 0)
        let a = try #require(r.units.first { $0.unit == "区甲局" }?.tally)
        #expect(a.overdue == 1 && a.inProgress == 1 && a.due == 1 && a.completed == 0 && a.lateReports == 2)
    }

    @Test("推进缓慢: overdue first, then periodic reports missed, with what is late in words")
    func lagging() throws {
        let r = try report()
        #expect(r.lagging.map(\.row.id) == ["2026-101", "2025-202"])
        #expect(r.lagging[0].what == "超过办理时限（2026年2月27日）32天未报送办理报告")
        #expect(r.lagging[1].what == "缺报月报2次" && r.lagging[1].missedPeriodic == 2)
    }

    @Test("only 区级 plans dated in the quarter, and known by the day, are published")
    func plans() throws {
        let r = try report()
        #expect(r.plans.map(\.content) == [["区级预案内容"]])
        #expect(r.plans.first?.coUnits == ["协办区甲局"] && r.plans.first?.date == Self.day("2026-01-08"))
    }

    @Test("commend, criticise, and 屡次迟报 by the threshold (0 turns it off)")
    func notices() throws {
        let r = try report()
        #expect(r.commended.map(\.unit) == ["区乙局"])
        #expect(r.criticised.map(\.unit) == ["区甲局"])
        #expect(r.repeatedlyLate.isEmpty)
        #expect(try report(threshold: 1).repeatedlyLate.map(\.unit) == ["区甲局", "区丁局"])
        #expect(try report(threshold: 2).repeatedlyLate.map(\.unit) == ["区甲局"])
        #expect(try report(threshold: 0).repeatedlyLate.isEmpty)
    }

    @Test("events after the day are not known: as of 2026-01-10 nothing is completed or overdue yet")
    func asOfDay() throws {
        let r = try report(asOf: "2026-01-10")
        #expect(r.total.completed == 0 && r.total.overdue == 0 && r.counted.count == 5)
        #expect(r.plans.map(\.content) == [["区级预案内容"]])
    }
}
