import Foundation
import TestSupport
import Testing

@Suite("Ledger workbooks through the command line")
struct LedgerIntakeTests {
    @Test("intake of Examples/台账-2026Q1.xlsx archives the same matter records, byte for byte, as the JSON examples")
    func workbookMatchesJSON() throws {
        let fromJSON = try Workspace()
        let fromWorkbook = try Workspace()
        defer {
            fromJSON.remove()
            fromWorkbook.remove()
        }
        #expect(try fromJSON.ducha(["intake"] + Workspace.examples).status == 0)
        let workbook = TestEnvironment.packageRoot.appendingPathComponent("Examples/台账-2026Q1.xlsx").path
        let result = try fromWorkbook.ducha(["intake", workbook])
        #expect(result.status == 0, "\(result.stderr)")
        let a = try fromJSON.snapshot().filter { $0.key.hasSuffix("/data/matter.xml") }
        let b = try fromWorkbook.snapshot().filter { $0.key.hasSuffix("/data/matter.xml") }
        #expect(a.count == 33)
        #expect(a == b)
    }

    @Test("template ledger writes a workbook whose example row intake accepts", arguments: ["xlsx", "ods", "csv"])
    func templateRoundTrip(format: String) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let path = workspace.directory.appendingPathComponent("台账模板.\(format)").path
        let written = try workspace.ducha(
            ["template", "ledger", "--format", format, "-o", path], archiveOptions: false)
        #expect(written.status == 0, "\(written.stderr)")
        let intake = try workspace.ducha(["intake", path])
        #expect(intake.status == 0, "\(intake.stderr)")
        #expect(intake.stdout.contains("新归档 1 个事项"))
    }

    @Test("a workbook error names its cell, and nothing of the workbook is archived")
    func cellErrors() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let csv = workspace.directory.appendingPathComponent("台账.csv").path
        let header = "编号,事项名称,事项类型,事项来源,立项依据,主责单位,办理要求,立项日期,办理时限,督查员"
        let good = "2026-501,测试事项,重点任务,其他,依据,区财政局,要求,2026-01-05,2026-03-31,李"
        let bad = "2026-502,测试事项二,重点任务,其他,依据,区财政局,要求,2026-01-05,2026-02-30,李"
        try Data(([header, good, bad].joined(separator: "\r\n") + "\r\n").utf8).write(to: URL(fileURLWithPath: csv))
        let result = try workspace.ducha(["intake", csv])
        #expect(result.status == 1)
        #expect(result.stderr.contains("台账.csv!I3: 办理时限: 日期无效"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.archive + "/2026"), "nothing may be archived")
    }
}
