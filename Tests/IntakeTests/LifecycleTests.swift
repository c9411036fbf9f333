import Foundation
import Matters
import Testing

@testable import Intake

/// Lifecycle and ledger rules, on the shipped working-day calendar.
@Suite("Lifecycle and ledger rules")
struct LifecycleTests {
    static let calendar: WorkingCalendar = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Templates/calendar").path
        return (try? CalendarReader.load(folder: folder)) ?? WorkingCalendar(years: [])
    }()
    let lifecycle = Lifecycle(policy: LifecyclePolicy(), calendar: LifecycleTests.calendar)
    let ledger = Ledger(policy: LifecyclePolicy(), calendar: LifecycleTests.calendar)

    static func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    func matter(kind: String = "领导批示", deadline: String, media: Bool = false) -> Matter {
        Matter(
            values: FieldRecord([
                ("编号", .text("2026-900")), ("事项名称", .text("测试事项")), ("事项类型", .text(kind)),
                ("事项来源", .text("其他")), ("立项依据", .text("测试")),
                ("主责单位", .record(FieldRecord([("名称", .text("区财政局"))]))), ("办理要求", .list([.text("办理")])),
                ("立项日期", .date(Self.day("2026-01-05"))), ("办理时限", .date(Self.day(deadline))),
                ("媒体曝光", .flag(media)), ("督查员", .record(FieldRecord([("姓名", .text("李"))]))),
            ]))
    }

    func event(_ kind: EventKind, _ date: String, _ fields: [(String, FieldValue)] = []) -> MatterEvent {
        var values = FieldRecord([
            ("事项", .text("2026-900")), ("事件", .text(kind.rawValue)), ("日期", .date(Self.day(date))),
        ])
        for (k, v) in fields { values[k] = v }
        return MatterEvent(kind: kind, values: values)
    }

    func fold(_ m: Matter, _ events: [MatterEvent]) throws -> MatterStatus { try lifecycle.fold(m, events: events) }

    @Test("the calendar is loaded")
    func calendarLoaded() { #expect(Self.calendar.years == [2024, 2025, 2026]) }

    @Test("a 媒体曝光 matter is due 7 days after 交办 even when its record allows longer")
    func mediaDeadline() throws {
        let status = try fold(matter(deadline: "2026-03-31", media: true), [event(.assignment, "2026-02-02")])
        #expect(status.deadline == Self.day("2026-02-09"))
        let ordinary = try fold(matter(deadline: "2026-03-31"), [event(.assignment, "2026-02-02")])
        #expect(ordinary.deadline == Self.day("2026-03-31"))
    }

    @Test("an extension request is accepted up to the 3rd working day before the deadline, counting 调休")
    func extensionLatestDate() throws {
        let m = matter(deadline: "2026-02-25")
        let base = [event(.assignment, "2026-01-06"), event(.receipt, "2026-01-07", [("签收人", .text("王"))])]
        let request: (String) -> MatterEvent = {
            self.event(
                .extensionRequest, $0,
                [("理由", .text("原因")), ("申请时限", .date(Self.day("2026-03-10"))), ("主要领导同意", .text("张"))])
        }
        #expect(try fold(m, base + [request("2026-02-13")]).state == .extensionRequested)
        let refusal = try #require(throws: LifecycleRefusal.self) { try fold(m, base + [request("2026-02-14")]) }
        #expect(refusal.reason.contains("最迟 2026-02-13"))
        #expect(refusal.state == .accepted)
    }

    @Test("a pending extension suppresses 催办; once decided, 催办 waits for the new deadline")
    func extensionSuppressesReminder() throws {
        let m = matter(deadline: "2026-03-13")
        var events = [
            event(.assignment, "2026-01-06"), event(.receipt, "2026-01-07", [("签收人", .text("王"))]),
            event(
                .extensionRequest, "2026-03-05",
                [("理由", .text("原因")), ("申请时限", .date(Self.day("2026-03-31"))), ("主要领导同意", .text("张"))]),
        ]
        let remind = event(.reminder, "2026-03-16", [("方式", .text("催办单"))])
        #expect(throws: LifecycleRefusal.self) { try fold(m, events + [remind]) }
        events.append(
            event(
                .extensionDecision, "2026-03-16",
                [("结论", .text("同意")), ("新时限", .date(Self.day("2026-03-20"))), ("审定领导", .text("副区长"))]))
        #expect(throws: LifecycleRefusal.self) { try fold(m, events + [remind]) }
        let later = event(.reminder, "2026-03-23", [("方式", .text("催办单"))])
        #expect(try fold(m, events + [later]).reminders == 1)
    }

    @Test("the ledger lights red when overdue, yellow within 3 working days, green otherwise")
    func lights() throws {
        let m = matter(deadline: "2026-02-25")
        let status = try fold(m, [event(.assignment, "2026-01-06")])
        func light(_ d: String) throws -> LedgerRow.Light { try ledger.row(m, status: status, asOf: Self.day(d)).light }
        #expect(try light("2026-02-10") == .green)
        // 2026-02-13 (Fri) → 02-25: 02-14 (调休 Sat), 02-24, 02-25 are three working days.
        #expect(try light("2026-02-13") == .yellow)
        #expect(try light("2026-02-12") == .green)
        #expect(try light("2026-02-26") == .red)
        #expect(try ledger.row(m, status: status, asOf: Self.day("2026-02-26")).daysOverdue == 1)
    }

    @Test("a 重点任务 that misses a quarter's progress report counts it as late and shows red")
    func quarterlyProgress() throws {
        let m = matter(kind: "重点任务", deadline: "2026-12-15")
        let events = [
            event(.assignment, "2026-01-06"), event(.receipt, "2026-01-07", [("签收人", .text("王"))]),
            event(.responsibility, "2026-01-10", [("内容", .list([.text("责任")]))]),
            event(.plan, "2026-01-12", [("内容", .list([.text("预案")]))]),
        ]
        let status = try fold(m, events)
        #expect(status.state == .inProgress)
        // Q1 is the quarter of assignment; Q2 (April–June) passes with no report.
        let row = try ledger.row(m, status: status, asOf: Self.day("2026-07-15"))
        #expect(row.lateReports == 1 && row.light == .red && row.nextDueWhat == "季度进展")
        let reported = try fold(m, events + [event(.progress, "2026-05-20", [("开展情况", .text("进展"))])])
        #expect(try ledger.row(m, status: reported, asOf: Self.day("2026-07-15")).lateReports == 0)
    }

    @Test("a question about a year with no calendar names the file to add")
    func missingYear() throws {
        let m = matter(deadline: "2027-03-01")
        let events = [
            event(.assignment, "2026-12-01"), event(.receipt, "2026-12-02", [("签收人", .text("王"))]),
            event(
                .extensionRequest, "2026-12-20",
                [("理由", .text("原因")), ("申请时限", .date(Self.day("2027-04-01"))), ("主要领导同意", .text("张"))]),
        ]
        let error = try #require(throws: CalendarError.self) { try fold(m, events) }
        #expect(error.description.contains("2027.json"))
    }

    @Test("events must come in date order")
    func order() throws {
        let m = matter(deadline: "2026-03-31")
        let refusal = try #require(throws: LifecycleRefusal.self) {
            try fold(m, [event(.assignment, "2026-02-02"), event(.receipt, "2026-02-01", [("签收人", .text("王"))])])
        }
        #expect(refusal.reason.contains("时间顺序"))
    }
}
