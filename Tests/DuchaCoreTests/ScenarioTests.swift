import DuchaCore
import Foundation
import Matters
import TestSupport
import Testing

/// The example quarter: matters, events, and a file of events the lifecycle must refuse.
@Suite("The example quarter through the lifecycle")
struct ScenarioTests {
    @Test("every forbidden transition is refused with its reason; everything else is recorded")
    func refusals() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        let result = try archive.batch(TestArchive.quarter + [TestArchive.forbidden])
        let expected = [
            ("2026-002", "尚未逾期（办理时限 2026-01-13），无需催办"),
            ("2026-010", "转阅事项应发《领导批示转阅（办）单》，不发《督查通知单》"),
            ("2026-019", "应先报送项目管理责任制和落实预案"),
            ("2026-009", "重点任务不适用延期申请"),
            ("2026-012", "最迟 2026-02-24"),
            ("2026-017", "待区领导审定期间不予催办"),
            ("2026-009", "办结须有审核通过的办理报告"),
        ]
        let refused = result.problems.filter { $0.place.contains("不允许的事件.json") }
        #expect(refused.count == expected.count, "\(result.problems)")
        for (matter, reason) in expected {
            let found = refused.contains { problem in
                guard case .refusal(let refusal) = problem.cause else { return false }
                return problem.matter == matter && refusal.matter == matter && refusal.reason.contains(reason)
                    && problem.description.contains("事项 \(matter)（当前状态：\(refusal.state.rawValue)）")
            }
            #expect(found, "\(matter): \(reason)")
        }
        #expect(result.problems.count == 7)
        #expect(result.intake.eventsAdded == 78)
    }

    @Test("a 重点任务 and a 领导批示 matter go through every state of their kind")
    func everyState() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        // Intake alone is 立项: every matter starts as 登记.
        let intake = try archive.takeIn(Array(TestArchive.quarter.prefix(2)))
        #expect(intake.problems.isEmpty, "\(intake.problems)")
        var seen: [String: Set<String>] = [:]
        for (id, row) in try archive.ledger(on: "2026-03-31") {
            seen[id, default: []].insert(row.state.rawValue)
        }
        #expect(Set(seen.values.flatMap { $0 }) == ["登记"])
        let batch = try archive.batch()
        #expect(batch.problems.isEmpty, "\(batch.problems)")
        var day = try CivilDate.on("2026-01-05")
        let end = try CivilDate.on("2026-04-01")
        while day < end {
            for (id, row) in try archive.ledger(on: day.iso) {
                seen[id, default: []].insert(row.overdue ? "逾期" : row.state.rawValue)
            }
            day = day.adding(days: 1)
        }
        let kindA: Set = [
            "登记", "已审定", "已交办", "待报预案", "办理中", "调整申请中", "已报送", "退回重办", "审核通过", "已办结", "已归档",
            "再督查中",
        ]
        let kindB: Set = [
            "登记", "已审定", "已交办", "已签收", "办理中", "延期申请中", "逾期", "已报送", "退回重办", "审核通过", "已办结",
            "已归档", "再督查中",
        ]
        #expect(seen["2026-009"] == kindA)
        #expect(seen["2026-017"] == kindB)
        #expect(seen["2026-019"]?.isSuperset(of: ["待报预案", "办理中", "调整申请中", "已置换", "已归档"]) == true)
        #expect(seen["2026-010"] == ["登记", "已转阅", "已归档"])
        #expect(seen["2026-018"]?.isSuperset(of: ["已转阅", "已签收", "逾期"]) == true)
    }

    @Test("the ledger counts 催办, 退办 and 迟报, and lights overdue matters red")
    func ledgerCounts() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        #expect(try archive.batch().problems.isEmpty)
        let rows = try archive.ledger(on: "2026-03-31")
        let b = try #require(rows["2026-017"])
        #expect(b.reminders == 1 && b.returns == 1 && b.lateReports == 1)
        #expect(b.extensions == 1 && b.deadline.iso == "2026-03-27")
        let a = try #require(rows["2026-009"])
        #expect(a.returns == 1 && a.state == .archived && a.light == .none && a.light.rawValue == "—")
        // Overdue without an extension: red, and chased by the batch.
        let overdue = try #require(rows["2026-001"])
        #expect(overdue.overdue && overdue.light == .red && overdue.reminders == 1)
        // 媒体曝光: due 7 days after 交办 even though the record allows longer.
        #expect(rows["2026-020"]?.deadline.iso == "2026-02-09")
    }

    @Test(
        "after the example batch every bag validates, every slip is strictly valid, and a second batch changes no byte",
        .tags(.slow), .unlessSkippingSlow,
        .enabled(
            if: TestEnvironment.shouldRun(needing: "check-odt", "bagit.py"),
            "check-odt, xmllint, schema or bagit.py missing"))
    func archiveAfterBatch() throws {
        let bagit = try #require(TestEnvironment.which("bagit.py"), "bagit.py is required in CI")
        let archive = try TestArchive()
        defer { archive.remove() }
        let first = try archive.batch()
        #expect(first.problems.isEmpty, "\(first.problems)")
        let before = try archive.snapshot()
        for form in Form.allCases {
            #expect(
                before.keys.contains { $0.contains("/\(form.rawValue)-") && $0.hasSuffix(".odt") },
                "no \(form.rawValue) issued")
            #expect(first.slips.contains { $0.form == form }, "the batch reports no \(form.rawValue)")
        }
        #expect(before.keys.contains { $0.hasSuffix("附件-2026-009-进展报告.pdf") })
        #expect(before.keys.contains { $0.hasSuffix("附件-2026-009-现场督查.png") })
        let failures = try TestEnvironment.checkODTFailures(try archive.documents())
        #expect(failures == nil, "\(failures ?? "")")
        for bag in try archive.bags() {
            let result = try run(bagit, ["--validate", "--quiet", bag])
            #expect(result.status == 0, "\(bag): \(result.stderr)")
        }
        let second = try archive.batch()
        #expect(second.problems.isEmpty, "\(second.problems)")
        #expect(second.slips.isEmpty, "a second batch issued \(second.slips.map(\.number))")
        #expect(try archive.snapshot() == before, "a second identical batch changed the archive")
    }
}
