import DuchaCore
import Foundation
import Matters
import TestSupport
import Testing

@Suite("Ledger workbooks taken in by the office")
struct LedgerIntakeTests {
    @Test("taking in Examples/台账-2026Q1.xlsx archives the same matter records, byte for byte, as the JSON examples")
    func workbookMatchesJSON() throws {
        let fromJSON = try TestArchive()
        let fromWorkbook = try TestArchive()
        defer {
            fromJSON.remove()
            fromWorkbook.remove()
        }
        let json = try fromJSON.takeIn(TestArchive.examples)
        #expect(json.problems.isEmpty, "\(json.problems)")
        let result = try fromWorkbook.takeIn([TestArchive.example("台账-2026Q1.xlsx")])
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.mattersAdded == json.mattersAdded)
        let a = try fromJSON.snapshot().filter { $0.key.hasSuffix("/data/matter.xml") }
        let b = try fromWorkbook.snapshot().filter { $0.key.hasSuffix("/data/matter.xml") }
        #expect(a.count == 33)
        #expect(a == b)
    }

    @Test(
        "the blank ledger workbook's example row is taken in",
        arguments: [TemplateTools.LedgerFormat.xlsx, .ods, .csv])
    func templateRoundTrip(format: TemplateTools.LedgerFormat) throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        let path = archive.path("台账模板.\(format.rawValue)")
        try Files.write(try TemplateTools.blankLedger(format), to: path)
        let intake = try archive.takeIn([path])
        #expect(intake.problems.isEmpty, "\(intake.problems)")
        #expect(intake.mattersAdded == 1)
    }

    @Test("a workbook error names its cell, and nothing of the workbook is archived")
    func cellErrors() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        let csv = archive.path("台账.csv")
        let header = "编号,事项名称,事项类型,事项来源,立项依据,主责单位,办理要求,立项日期,办理时限,督查员"
        let good = "2026-501,测试事项,重点任务,其他,依据,区财政局,要求,2026-01-05,2026-03-31,李"
        let bad = "2026-502,测试事项二,重点任务,其他,依据,区财政局,要求,2026-01-05,2026-02-30,李"
        try Data(([header, good, bad].joined(separator: "\r\n") + "\r\n").utf8).write(to: URL(fileURLWithPath: csv))
        let result = try archive.takeIn([csv])
        #expect(!result.problems.isEmpty)
        let cell = result.problems.compactMap(\.diagnostic).first { $0.isCell && $0.field == "办理时限" }
        #expect(cell?.file.hasSuffix("台账.csv") == true && cell?.location == "I3", "\(result.problems)")
        #expect(cell?.problem.hasPrefix("日期无效") == true)
        #expect(result.problems.contains { $0.description.contains("台账.csv!I3: 办理时限: 日期无效") })
        #expect(result.mattersAdded == 0)
        #expect(!FileManager.default.fileExists(atPath: archive.archive + "/2026"), "nothing may be archived")
    }
}
