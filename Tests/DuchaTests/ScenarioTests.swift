import Foundation
import TestSupport
import Testing

/// The example quarter: matters, events, and a file of events the lifecycle must refuse.
@Suite("The example quarter through the lifecycle")
struct ScenarioTests {
    static let inputs = [
        "重点任务-2026Q1.json", "领导批示-2026Q1.json", "事件-2026Q1.json",
    ].map { TestEnvironment.packageRoot.appendingPathComponent("Examples/\($0)").path }
    static let forbidden = TestEnvironment.packageRoot.appendingPathComponent("Examples/场景/不允许的事件.json").path

    func batch(_ workspace: Workspace, _ files: [String]) throws -> CommandResult {
        try workspace.ducha(["batch", "--as-of", "2026-03-31", "--quiet"] + files)
    }

    /// The ledger as JSON on a day: id → (state shown, counts).
    func ledger(_ workspace: Workspace, on day: String) throws -> [String: [String: Any]] {
        let result = try workspace.ducha(["status", "--as-of", day, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let rows = (object?["事项"] as? [[String: Any]]) ?? []
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["编号"] as? String ?? "", $0) })
    }

    @Test("every forbidden transition is refused with its reason; everything else is recorded")
    func refusals() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try batch(workspace, Self.inputs + [Self.forbidden])
        #expect(result.status == 1)
        let expected = [
            ("2026-002", "尚未逾期（办理时限 2026-01-13），无需催办"),
            ("2026-010", "转阅事项应发《领导批示转阅（办）单》，不发《督查通知单》"),
            ("2026-019", "应先报送项目管理责任制和落实预案"),
            ("2026-009", "重点任务不适用延期申请"),
            ("2026-012", "最迟 2026-02-24"),
            ("2026-017", "待区领导审定期间不予催办"),
            ("2026-009", "办结须有审核通过的办理报告"),
        ]
        let lines = result.stderr.split(separator: "\n").filter { $0.contains("不允许的事件.json") }
        #expect(lines.count == expected.count, "\(result.stderr)")
        for (matter, reason) in expected {
            #expect(lines.contains { $0.contains("事项 \(matter)（当前状态：") && $0.contains(reason) }, "\(matter): \(reason)")
        }
        #expect(result.stdout.contains("问题：7 处"))
        #expect(result.stdout.contains("事件：新记录 78 个"))
    }

    @Test("a 重点任务 and a 领导批示 matter go through every state of their kind")
    func everyState() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        // Intake alone is 立项: every matter starts as 登记.
        #expect(try workspace.ducha(["intake"] + Self.inputs.prefix(2)).status == 0)
        var seen: [String: Set<String>] = [:]
        for (id, row) in try ledger(workspace, on: "2026-03-31") {
            seen[id, default: []].insert(row["状态"] as? String ?? "")
        }
        #expect(Set(seen.values.flatMap { $0 }) == ["登记"])
        #expect(try batch(workspace, Self.inputs).status == 0)
        var day = try #require(
            DateComponents(calendar: .init(identifier: .gregorian), year: 2026, month: 1, day: 5).date)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let end = try #require(
            DateComponents(calendar: .init(identifier: .gregorian), year: 2026, month: 4, day: 1).date)
        while day < end {
            for (id, row) in try ledger(workspace, on: formatter.string(from: day)) {
                let overdue = row["逾期"] as? Bool ?? false
                seen[id, default: []].insert(overdue ? "逾期" : (row["状态"] as? String ?? ""))
            }
            day = day.addingTimeInterval(86400)
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
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try batch(workspace, Self.inputs).status == 0)
        let rows = try ledger(workspace, on: "2026-03-31")
        let b = try #require(rows["2026-017"])
        #expect(b["催办次数"] as? Int == 1 && b["退办次数"] as? Int == 1 && b["迟报次数"] as? Int == 1)
        #expect(b["延期申请次数"] as? Int == 1 && b["办理时限"] as? String == "2026-03-27")
        let a = try #require(rows["2026-009"])
        #expect(a["退办次数"] as? Int == 1 && a["状态"] as? String == "已归档" && a["灯"] as? String == "—")
        // Overdue without an extension: red, and chased by the batch.
        let overdue = try #require(rows["2026-001"])
        #expect(overdue["逾期"] as? Bool == true && overdue["灯"] as? String == "红" && overdue["催办次数"] as? Int == 1)
        // 媒体曝光: due 7 days after 交办 even though the record allows longer.
        #expect(rows["2026-020"]?["办理时限"] as? String == "2026-02-09")
    }

    @Test(
        "after the example batch every bag validates, every slip is strictly valid, and a second batch changes no byte",
        .enabled(
            if: TestEnvironment.shouldRun(needing: "check-odt", "bagit.py"),
            "check-odt, xmllint, schema or bagit.py missing"))
    func archiveAfterBatch() throws {
        let bagit = try #require(TestEnvironment.which("bagit.py"), "bagit.py is required in CI")
        let workspace = try Workspace()
        defer { workspace.remove() }
        let first = try batch(workspace, Self.inputs)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try workspace.snapshot()
        for form in ["督查通知单", "督查催办单", "督查退办单", "领导批示转阅（办）单"] {
            #expect(before.keys.contains { $0.contains("/\(form)-") && $0.hasSuffix(".odt") }, "no \(form) issued")
        }
        #expect(before.keys.contains { $0.hasSuffix("附件-2026-009-进展报告.pdf") })
        #expect(before.keys.contains { $0.hasSuffix("附件-2026-009-现场督查.png") })
        let failures = try checkODTFailures(try workspace.documents())
        #expect(failures == nil, "\(failures ?? "")")
        for bag in try workspace.bags() {
            let result = try run(bagit, ["--validate", "--quiet", bag])
            #expect(result.status == 0, "\(bag): \(result.stderr)")
        }
        let second = try batch(workspace, Self.inputs)
        #expect(second.status == 0)
        #expect(second.stdout.contains("签发单据：0 份"))
        #expect(try workspace.snapshot() == before, "a second identical batch changed the archive")
    }
}
