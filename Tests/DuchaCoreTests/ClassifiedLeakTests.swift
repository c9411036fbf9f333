import DuchaCore
import Foundation
import TestSupport
import Testing

/// DESIGN 10: a 涉密 matter is counted in the bulletin's and the sheet's totals, but nothing of it — title,
/// units, text, attachment — is in any byte of any file they are made of.
@Suite("涉密 matters never reach a publication")
struct ClassifiedLeakTests {
    /// Words that belong to the test matter only (no example matter has them).
    static let title = "关于青鸾七号保密工程推进情况的批示落实（测试专用）"
    static let leadUnit = "区青鸾保密测试办公室"
    static let coUnit = "区玄武密码测试中心"
    static let requirement = "请按青鸾七号工程保密方案逐项落实。"
    static let planText = "青鸾七号一季度节点：完成玄武机房改造。"
    static let attachmentName = "青鸾七号工程计划书.pdf"
    static let attachmentBytes = "%PDF-1.4 青鸾七号附件内容 QX7-UNIQUE-PAYLOAD"
    static var needles: [String] {
        [title, leadUnit, coUnit, requirement, planText, "青鸾七号工程计划书", "QX7-UNIQUE-PAYLOAD", "2026-901"]
    }

    /// A 机密 重点任务 matter, overdue at the quarter's end, with a 区级 落实预案 and an attachment.
    static func inputs(in directory: URL) throws -> [String] {
        let matter = """
            [{
              "编号": "2026-901", "事项名称": "\(title)", "事项类型": "重点任务", "事项来源": "重大决策和重要事项",
              "立项依据": "区政府专题会议纪要", "主责单位": {"名称": "\(leadUnit)", "联系人": "张三", "电话": "010-83290001"},
              "协办单位": [{"名称": "\(coUnit)"}], "办理要求": ["\(requirement)"],
              "立项日期": "2026-01-08", "交办日期": "2026-01-09", "办理时限": "2026-02-27", "密级": "机密",
              "督查员": {"姓名": "刘晓梅", "电话": "010-83291235"}
            }]
            """
        let events = """
            [
              {"事项": "2026-901", "事件": "签收", "日期": "2026-01-12", "签收人": "李四"},
              {"事项": "2026-901", "事件": "项目管理责任制", "日期": "2026-01-14", "内容": ["\(leadUnit)主任负总责。"]},
              {"事项": "2026-901", "事件": "落实预案", "日期": "2026-01-15", "级别": "区级", "内容": ["\(planText)"],
               "附件": ["附件/\(attachmentName)"]}
            ]
            """
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("附件"), withIntermediateDirectories: true)
        try Data(attachmentBytes.utf8).write(to: directory.appendingPathComponent("附件/\(attachmentName)"))
        let matterFile = directory.appendingPathComponent("涉密事项.json")
        let eventFile = directory.appendingPathComponent("涉密事件.json")
        try Data(matter.utf8).write(to: matterFile)
        try Data(events.utf8).write(to: eventFile)
        return [matterFile.path, eventFile.path]
    }

    /// Every file under `folder`, and every entry of each zip package in it: (where, bytes).
    static func everyByte(under folder: String) throws -> [(String, Data)] {
        var found: [(String, Data)] = []
        let root = URL(fileURLWithPath: folder)
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let bytes = try Data(contentsOf: url)
            found.append((url.path, bytes))
            if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                for (name, entry) in try Publications.entries(url.path) { found.append((url.path + "!" + name, entry)) }
            }
        }
        return found
    }

    @Test(
        "a 机密 matter counts in the totals, and its title, units, text and attachment are in no byte of the bulletin or the sheet"
    )
    func noLeak() throws {
        let setup = try TestEnvironment.temporaryDirectory("ducha-secret")
        defer { try? FileManager.default.removeItem(at: setup) }
        let archive = try Publications.quarter(extra: try Self.inputs(in: setup))
        defer { archive.remove() }
        // The matter is archived and known to the ledger: 涉密, overdue, in its unit.
        let rows = try Publications.ledger(archive, on: "2026-03-31")
        let secret = try #require(rows.first { $0.id == "2026-901" })
        #expect(secret.classified && secret.overdue)
        #expect(secret.title == Self.title && secret.leadUnit == Self.leadUnit)
        #expect(
            try Self.everyByte(under: archive.archive + "/2026/2026-901").contains {
                $0.1.range(of: Data(Self.attachmentBytes.utf8)) != nil
            }, "the attachment was not archived with the matter")

        let bulletin = try Publications.bulletin(archive)
        let sheet = try Publications.assessment(archive)
        // What a front end shows of the two: their paths and the report's per-unit parts.
        for published in [bulletin, sheet] {
            let report = published.report
            let shown =
                published.publication.paths + report.units.map(\.unit) + report.lagging.map(\.row.leadUnit)
                + report.plans.flatMap { [$0.leadUnit, $0.matterID] + $0.coUnits }
            #expect(!shown.contains { $0.contains(Self.leadUnit) || $0.contains("2026-901") }, "\(shown)")
        }

        // Counted: three 涉密 matters now (the examples have two).
        #expect(bulletin.report.classified.matters == 3)
        let content = try Publications.part("content.xml", of: try #require(bulletin.publication.paths.first))
        #expect(Publications.number(after: "含涉密事项", in: Publications.text(content)) == 3)
        #expect(Publications.number(after: "在督事项共", in: Publications.text(content)) == rows.count)

        let files =
            try Self.everyByte(under: archive.archive + "/2026/bulletins")
            + Self.everyByte(under: archive.archive + "/2026/assessment")
        #expect(
            files.contains { $0.0.hasSuffix(".odt!content.xml") }
                && files.contains { $0.0.hasSuffix(".ods!content.xml") })
        #expect(files.contains { $0.0.hasSuffix("!Pictures/chart-units.svg") })
        // The scan does find what is there: a non-涉密 unit and matter.
        #expect(files.contains { $0.1.range(of: Data("区城市管理委".utf8)) != nil })
        #expect(files.contains { $0.1.range(of: Data("老旧小区燃气安全专项整治".utf8)) != nil })
        for needle in Self.needles {
            let hits = files.filter { $0.1.range(of: Data(needle.utf8)) != nil }.map(\.0)
            #expect(hits.isEmpty, "“\(needle)” found in \(hits)")
        }
    }
}
