import DuchaCore
import Foundation
import Matters
import TestSupport
import Testing

/// 《西城政务督查》: figures, sections, numbering, the office profile, and the quarter-end hook.
@Suite("The quarterly bulletin")
struct BulletinTests {
    /// Publishes `quarter` in `archive`; returns the path and its content.xml.
    func publish(_ archive: TestArchive, _ quarter: String = "2026Q1") throws -> (path: String, content: String) {
        let path = try #require(try Publications.bulletin(archive, quarter).publication.paths.first)
        return (path, try Publications.part("content.xml", of: path))
    }

    @Test("the per-unit table and the overview agree with the ledger of the quarter's last day")
    func figuresMatchLedger() throws {
        let archive = try Publications.quarter()
        defer { archive.remove() }
        let (path, content) = try publish(archive)
        #expect(path.hasSuffix("/2026/bulletins/data/西城政务督查-2026年第1期.odt"))
        let rows = try Publications.ledger(archive, on: "2026-03-31")
        let (units, total) = Publications.figures(rows, asOf: "2026-03-31")
        #expect(units.count >= 5 && total.matters == rows.count && total.overdue > 0 && total.completed > 0)

        let table = Publications.table("各单位办理情况", in: content)
        #expect(table.first == ["主责单位", "事项", "已办结", "办理中", "逾期", "催办", "退办"])
        let body = table.dropFirst().dropLast()
        #expect(Set(body.map { $0[0] }) == Set(units.keys), "the table lists exactly the non-涉密 lead units")
        for line in body {
            let f = try #require(units[line[0]])
            #expect(
                line.dropFirst().map { Int($0) } == [
                    f.matters, f.completed, f.inProgress, f.overdue, f.reminders, f.returns,
                ],
                "\(line[0])")
        }
        let listed = units.values.reduce(into: Publications.Figures()) {
            $0.matters += $1.matters
            $0.overdue += $1.overdue
        }
        #expect(table.last?[0] == "合计" && table.last?[1] == String(listed.matters))
        #expect(table.last?[4] == String(listed.overdue))

        let text = Publications.text(content)
        let expected: [(String, Int)] = [
            ("在督事项共", total.matters), ("含涉密事项", rows.filter(\.classified).count), ("已办结", total.completed),
            ("按时办结", total.onTime), ("办理中", total.inProgress), ("逾期未报", total.overdue),
            ("累计催办", total.reminders), ("退回重办", total.returns), ("迟报", total.late),
            ("申请延期", total.extensions), ("重点任务", rows.filter { $0.kind == .keyTask }.count),
            ("领导批示", rows.filter { $0.kind == .instruction }.count),
        ]
        for (label, value) in expected {
            #expect(Publications.number(after: label, in: text) == value, "\(label) should be \(value)")
        }

        // 推进缓慢: exactly the non-涉密 matters lit red (overdue, or a periodic report missed).
        let section = try #require(
            text.components(separatedBy: "三、推进缓慢事项").last?.components(separatedBy: "四、情况通报").first)
        for row in rows {
            let red = row.light == .red && !row.classified
            let adjusting = row.state == .adjustmentRequested
            #expect(section.contains("（\(row.id)）") == (red || adjusting), "\(row.id) in 推进缓慢: \(red || adjusting)")
        }
        // The chart draws the same units with completed + in progress + overdue.
        let svg = String(
            decoding: try #require(try Publications.entries(path)["Pictures/chart-units.svg"]), as: UTF8.self)
        for (unit, f) in units {
            #expect(svg.contains(">\(unit)</text>"), "chart lacks \(unit)")
            #expect(svg.contains(">\(f.completed + f.inProgress + f.overdue)</text>"))
        }
    }

    @Test("the 区级 落实预案 filed in the quarter are published; 市级 ones and other quarters' are not")
    func districtPlans() throws {
        let archive = try Publications.quarter()
        defer { archive.remove() }
        let text = Publications.text(try publish(archive).content)
        let plans = try #require(text.components(separatedBy: "五、区级重点任务落实预案").last)
        #expect(plans.contains("（2026-009）") && plans.contains("一季度：制定稳就业促增长措施实施细则"))
        #expect(plans.contains("（2026-019）") && plans.contains("3月底前完成燃气管线隐患排查。"))
        #expect(plans.contains("2026年1月26日报送"))
        // In the second quarter: a 区级 plan and a 市级 one.
        let events = archive.path("二季度事件.json")
        try Data(
            """
            [
              {"事项": "2026-003", "事件": "签收", "日期": "2026-04-02", "签收人": "甲"},
              {"事项": "2026-003", "事件": "落实预案", "日期": "2026-04-08", "级别": "区级", "内容": ["二季度区级预案甲乙。"]},
              {"事项": "2026-004", "事件": "签收", "日期": "2026-04-02", "签收人": "乙"},
              {"事项": "2026-004", "事件": "落实预案", "日期": "2026-04-09", "级别": "市级", "内容": ["二季度市级预案丙丁。"]}
            ]
            """.utf8
        ).write(to: URL(fileURLWithPath: events))
        let intake = try archive.takeIn([events])
        #expect(intake.problems.isEmpty && intake.eventsAdded == 4, "\(intake.problems)")
        func planSection(_ quarter: String) throws -> String {
            let text = Publications.text(try publish(archive, quarter).content)
            return try #require(text.components(separatedBy: "五、区级重点任务落实预案").last)
        }
        let q2 = try planSection("2026Q2")
        #expect(q2.contains("（2026-003）") && q2.contains("二季度区级预案甲乙。"))
        #expect(!q2.contains("二季度市级预案丙丁。") && !q2.contains("（2026-004）") && !q2.contains("（2026-009）"))
        #expect(try planSection("2026Q3").contains("本季度没有新报送的区级重点任务落实预案。"))
        #expect(!(try planSection("2026Q1")).contains("二季度区级预案甲乙。"))
    }

    @Test("情况通报 names 屡次迟报 units by the profile's threshold; 报、送、发 and 印数 come from the profile")
    func profileDriven() throws {
        let archive = try Publications.quarter()
        defer { archive.remove() }
        let (units, _) = Publications.figures(try Publications.ledger(archive, on: "2026-03-31"), asOf: "2026-03-31")
        let late = Set(units.filter { $0.value.late >= 1 }.keys)
        #expect(!late.isEmpty)
        // Shipped profile: threshold 3, nobody reaches it.
        let shipped = Publications.text(try publish(archive).content)
        #expect(shipped.contains("本期无迟报达到3次的单位。"))
        #expect(shipped.contains("报：区委、区政府领导。") && shipped.contains("（共印40份）"))

        // A profile with threshold 1 and its own 版记, in a fresh archive.
        let templates = archive.directory.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: TestArchive.templates, toPath: templates.path)
        let profilePath = templates.appendingPathComponent("office-profile.json")
        var profile = try String(contentsOf: profilePath, encoding: .utf8)
        profile = profile.replacingOccurrences(of: "\"屡次迟报次数\": 3", with: "\"屡次迟报次数\": 1")
            .replacingOccurrences(of: "\"印数\": 40", with: "\"印数\": 25")
            .replacingOccurrences(of: "\"报\": \"区委、区政府领导。\"", with: "\"报\": \"测试报送的领导。\"")
        try profile.write(to: profilePath, atomically: true, encoding: .utf8)
        let other = try Publications.quarter(templates: templates.path)
        defer { other.remove() }
        #expect(other.workspace.profile.policy.repeatedLateThreshold == 1)
        let text = Publications.text(try publish(other).content)
        let section = try #require(text.components(separatedBy: "（三）屡次迟报的单位").last?.components(separatedBy: "五、").first)
        for unit in units.keys {
            #expect(section.contains("\(unit)：牵头事项累计迟报") == late.contains(unit), "\(unit)")
        }
        #expect(section.contains("达到屡次迟报标准（1次）"))
        #expect(text.contains("报：测试报送的领导。") && text.contains("（共印25份）"))
    }

    @Test("issues are numbered 第1期, 第2期 … per year; a re-run changes no byte; a fresh archive gives the same bytes")
    func numberingAndReproducibility() throws {
        let first = try Publications.quarter()
        let second = try Publications.quarter()
        defer {
            first.remove()
            second.remove()
        }
        for (n, quarter) in ["2026Q1", "2026Q2", "2026Q3"].enumerated() {
            #expect(try Publications.bulletin(first, quarter).publication.number.serial == n + 1)
        }
        let once = try first.snapshot()
        let published = once.keys.filter { $0.hasPrefix("2026/bulletins/data/") }.sorted()
        #expect(published == (1...3).map { "2026/bulletins/data/西城政务督查-2026年第\($0)期.odt" })
        func modified() throws -> Date? {
            try FileManager.default.attributesOfItem(atPath: first.archive + "/" + published[0])[.modificationDate]
                as? Date
        }
        let before = try modified()
        let again = try Publications.bulletin(first, "2026Q1", date: "2026-04-03").publication
        #expect(again.number.serial == 1 && !again.changed && again.date.iso == "2026-03-31")
        #expect(try first.snapshot() == once, "publishing again changed the archive")
        #expect(try modified() == before && before != nil, "the issue was rewritten")
        for (n, quarter) in ["2026Q1", "2026Q2", "2026Q3"].enumerated() {
            #expect(try Publications.bulletin(second, quarter).publication.number.serial == n + 1)
        }
        let fresh = try second.snapshot()
        for key in once.keys where key.hasPrefix("2026/bulletins/") || key == "2026/registry.xml" {
            #expect(fresh[key] == once[key], "\(key) differs in a fresh archive")
        }
        // Refused: a malformed quarter, a year, an issue date before the figures' day.
        #expect(throws: DuchaError.self) { try Publications.bulletin(first, "2026Q1", date: "2026-03-30") }
        #expect(ReportPeriod(parsing: "2026Q5") == nil)
        #expect(throws: DuchaError.self) { try first.write { try $0.publishBulletin(Publications.year) } }
        #expect(try first.snapshot() == once, "a refused issue changed the archive")
    }

    @Test(
        "bagit.py validates the bulletins bag",
        .enabled(if: TestEnvironment.shouldRun(needing: "bagit.py"), "bagit.py missing (pip install bagit)"))
    func bagValidates() throws {
        let bagit = try #require(TestEnvironment.which("bagit.py"), "bagit.py is required in CI")
        let archive = try Publications.quarter()
        defer { archive.remove() }
        _ = try publish(archive)
        let result = try run(bagit, ["--validate", "--quiet", archive.archive + "/2026/bulletins"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("the quarter-end batch publishes the bulletin, once; it does not on other days or again")
    func quarterEndHook() throws {
        // The batch as of 2026-03-31, a quarter's last day, has published 第1期 itself.
        let archive = try TestArchive()
        defer { archive.remove() }
        let first = try archive.batch()
        let issued = try #require(first.bulletin, "the quarter-end batch should publish the bulletin")
        #expect(issued.number.serial == 1 && issued.changed)
        #expect(issued.paths.first?.hasSuffix("/2026/bulletins/data/西城政务督查-2026年第1期.odt") == true)
        #expect(try archive.snapshot().keys.contains("2026/bulletins/data/西城政务督查-2026年第1期.odt"))
        let before = try archive.snapshot()
        let again = try #require(try archive.batch().bulletin)
        #expect(again.number == issued.number && again.paths == issued.paths && !again.changed)
        #expect(try archive.snapshot() == before)
        let direct = try Publications.bulletin(archive).publication
        #expect(direct.number == issued.number && !direct.changed)
        #expect(try archive.snapshot() == before)
        // Not a quarter's last day: no bulletin.
        let midQuarter = try TestArchive()
        defer { midQuarter.remove() }
        let result = try midQuarter.batch(TestArchive.examples, asOf: "2026-03-30")
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.bulletin == nil)
        #expect(!FileManager.default.fileExists(atPath: midQuarter.archive + "/2026/bulletins"))
    }
}
