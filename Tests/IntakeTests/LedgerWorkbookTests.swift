import Foundation
import TestSupport
import Testing

@testable import Intake
@testable import Matters
@testable import Rendering

@Suite("Ledger intake: workbooks, sheets and events")
struct LedgerWorkbookTests {
    /// A sheet of text cells from a test CSV (dates given as real dates where they parse).
    static func sheet(_ name: String, _ csv: LedgerCSV, realDates: Bool = true) -> Spreadsheet.Sheet {
        LedgerSheet.sheet(
            name, columns: csv.header.map { ($0, Spreadsheet.Column(width: .characters(10))) },
            rows: csv.rows.map { row in
                row.map { text in
                    if text.isEmpty { return .empty }
                    if realDates, text.count == 10, let date = CivilDate(iso: text) { return .date(date) }
                    return .text(text)
                }
            })
    }

    static func xlsx(_ sheets: Spreadsheet.Sheet...) throws -> [UInt8] {
        try XLSXWriter.write(Spreadsheet(look: .entry, sheets: sheets))
    }

    static let events = LedgerCSV(
        header: ["事项编号", "事件", "日期", "审定人", "签收人", "结论", "退办理由", "重新报送时限", "方式", "附件"],
        rows: [
            ["2026-301", "审定", "2026-01-20", "区政府常务会议", "", "", "", "", "", ""],
            ["2026-302", "签收", "2026年2月4日", "", "钱晓峰", "", "", "", "", ""],
        ])

    @Test("The issue's example: a bad date in C12 of 事项 is reported as 台账.xlsx!事项!C12")
    func issueExample() throws {
        var csv = LedgerCSV.sample
        let deadline = csv.header.firstIndex(of: "办理时限")!
        csv.header.swapAt(2, deadline)
        csv.rows = (0..<11).map { index in
            var row = LedgerCSV.sample.rows[0]
            row.swapAt(2, deadline)
            row[0] = "2026-3\(String(format: "%02d", index + 10))"
            return row
        }
        csv.rows[10][2] = "2026-02-30"
        let result = LedgerTestSupport.read("台账.xlsx", try Self.xlsx(Self.sheet("事项", csv)))
        #expect(
            result.diagnostics.map(\.description) == [
                "台账.xlsx!事项!C12: 办理时限: 日期无效“2026-02-30”（应为有效日期，如 2026-03-05 或 2026年3月5日）"
            ])
        #expect(result.matters.matters.isEmpty)
    }

    @Test("事项 and 事件 sheets are found by name in any tab order; other sheets are warned about")
    func sheetRoles() throws {
        let bytes = try Self.xlsx(
            Self.sheet("汇总", LedgerCSV(header: ["合计"], rows: [["2"]])), Self.sheet("事件", Self.events),
            Self.sheet("事项", LedgerCSV.sample), Self.sheet("填表说明", LedgerCSV(header: ["说明"], rows: [["…"]])))
        let result = LedgerTestSupport.read("台账.xlsx", bytes)
        #expect(result.diagnostics.map(\.description) == ["台账.xlsx!汇总: （警告）工作表“汇总”不读取（只读取“事项”和“事件”两张表）"])
        #expect(result.matters.matters == LedgerCSV.sampleMatters)
        #expect(result.events.events.map(\.event.kind) == [.approval, .receipt])
        #expect(result.events.events.map(\.event.matterID) == ["2026-301", "2026-302"])
        #expect(result.events.events.map(\.location) == ["事件!第 2 行", "事件!第 3 行"])
    }

    @Test("Without a 事项 sheet the first sheet holds matters, or events when its header has 事件")
    func firstSheet() throws {
        let matters = LedgerTestSupport.read("台账.xlsx", try Self.xlsx(Self.sheet("Sheet1", LedgerCSV.sample)))
        #expect(matters.matters.matters == LedgerCSV.sampleMatters)
        let events = LedgerTestSupport.read("事件.csv", Self.events.bytes)
        #expect(events.diagnostics.map(\.description) == [])
        #expect(events.events.events.count == 2)
        #expect(events.matters.matters.isEmpty)
    }

    @Test("Every problem of the events sheet comes back at its cell, the lifecycle's own rules included")
    func eventProblems() throws {
        var csv = Self.events
        csv.rows += [
            ["2026-301", "批准", "2026-01-21", "", "", "", "", "", "", ""],
            ["2026-301", "签收", "2026-01-22", "", "", "", "", "", "电话", ""],
            ["2026-301", "审核", "2026-02-01", "", "", "退办", "数字不准确、文风不好", "", "", ""],
            ["2026-301", "审核", "2026-02-02", "", "", "退办", "数字不准确", "", "", ""],
            ["", "审定", "2026-02-03", "区长", "", "", "", "", "", ""],
        ]
        let result = LedgerTestSupport.read("台账.xlsx", try Self.xlsx(Self.sheet("事件", csv, realDates: false)))
        #expect(
            result.diagnostics.map(\.description) == [
                "台账.xlsx!事件!B4: 事件: “批准”不是可记录的事件（应为" + FieldType.choice(EventKind.allCases.map(\.rawValue)).expectation
                    + "）",
                "台账.xlsx!事件!I5: 方式: “签收”事件没有这一项（应为此事件可填的列：事项、事件、日期、经办人、说明、附件、签收人、主管领导、责任科室、责任人）",
                "台账.xlsx!事件!E5: 签收人: 必填项为空（应为一行文字（单元格内不换行））",
                "台账.xlsx!事件!G6: 退办理由: 取值“文风不好”不在可选范围内（应为" + FieldType.choice(EventCatalogue.returnReasons).expectation
                    + "）",
                "台账.xlsx!事件!H7: 重新报送时限: 退办须写明重新报送时限（应为日期）",
                "台账.xlsx!事件!A8: 事项: 必填项为空（应为只含字母、数字和连字符（-）的编号，如 2026-001）",
            ])
        #expect(result.events.events.isEmpty)
        #expect(result.events.filesWithErrors == ["台账.xlsx"])
    }

    @Test("A required field of an event whose column the sheet lacks is reported at the row")
    func missingEventColumn() {
        let csv = Self.events.dropping("签收人")
        #expect(
            LedgerTestSupport.read("事件.csv", csv.bytes).diagnostics.map(\.description) == [
                "事件.csv!第 3 行: 签收人: “签收”事件缺少必填的“签收人”（表中没有此列）（应为一行文字（单元格内不换行））"
            ])
    }

    @Test("An error in the events sheet keeps the workbook's matters out too")
    func oneWorkbookOneVerdict() throws {
        let events = Self.events.setting("日期", row: 0, to: "2026-01-32")
        let result = LedgerTestSupport.read(
            "台账.xlsx", try Self.xlsx(Self.sheet("事项", LedgerCSV.sample), Self.sheet("事件", events)))
        #expect(
            result.events.diagnostics.map(\.description) == [
                "台账.xlsx!事件!C2: 日期: 日期无效“2026-01-32”（应为有效日期，如 2026-03-05 或 2026年3月5日）"
            ])
        #expect(result.matters.matters.isEmpty)
        #expect(result.matters.filesWithErrors == ["台账.xlsx"])
        #expect(result.hasErrors)
    }

    @Test("Attachments are read relative to the workbook's folder and checked as for JSON events")
    func attachments() throws {
        let folder = try TestEnvironment.temporaryDirectory("ducha-ledger")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("附件"), withIntermediateDirectories: true)
        try Data("%PDF-1.4 报告".utf8).write(to: folder.appendingPathComponent("附件/报告.pdf"))
        var csv = Self.events.setting("附件", row: 0, to: "附件/报告.pdf")
        csv = csv.setting("附件", row: 1, to: "附件/没有.pdf\n../外面.pdf")
        let path = folder.appendingPathComponent("台账.csv").path
        let result = LedgerTestSupport.read(path, csv.bytes)
        #expect(
            result.diagnostics.map(\.description) == [
                "\(path)!J3: 附件[1]: 找不到或无法读取附件“附件/没有.pdf”（应为相对于记录文件所在文件夹的路径）",
                "\(path)!J3: 附件[2]: 附件路径“../外面.pdf”不能是绝对路径或含 ..（应为相对于记录文件所在文件夹的路径）",
            ])
        let good = LedgerTestSupport.read(path, Self.events.setting("附件", row: 0, to: "附件/报告.pdf").bytes)
        #expect(good.diagnostics.isEmpty)
        #expect(good.events.events.first?.attachments.map(\.name) == ["报告.pdf"])
        #expect(good.events.events.first?.attachments.first?.bytes == Array("%PDF-1.4 报告".utf8))
    }

    @Test("An event row gives the same event as the same record in JSON")
    func eventSameAsJSON() throws {
        let json = """
            [{"事项": "2026-301", "事件": "审核", "日期": "2026-02-01", "结论": "退办", "退办理由": ["数字不准确", "内容不完整"],
              "重新报送时限": "2026-02-10", "重办要求": ["补充数据来源。", "重新核对。"], "说明": "电话通知。"}]
            """
        let expected = EventReader.read(files: [("事件.json", Array(json.utf8))]) { _ in nil }.events.map(\.event)
        let csv = LedgerCSV(
            header: ["事项编号", "事件", "日期", "结论", "退办理由", "重新报送时限", "重办要求", "说明"],
            rows: [["2026-301", "审核", "2026/2/1", "退办", "数字不准确；内容不完整", "20260210", "补充数据来源。\n重新核对。", "电话通知。"]])
        let result = LedgerTestSupport.read("事件.csv", csv.bytes)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.events.events.map(\.event) == expected)
        #expect(expected.count == 1)
    }

    @Test("A header cell merged across two columns is no group: the row below is data, not a second header")
    func mergedHeaderCellIsNoGroup() throws {
        let header = ["事项编号", "督查事项名称", "事项类型", "事项来源", "立项依据", "主责单位", "办理要求", "立项日期", "办理时限", "督查员"]
        func cell(_ text: String) -> String {
            "<table:table-cell office:value-type=\"string\"><text:p>\(text)</text:p></table:table-cell>"
        }
        let remark =
            "<table:table-cell table:number-columns-spanned=\"2\" office:value-type=\"string\"><text:p>备注</text:p>"
            + "</table:table-cell><table:covered-table-cell/>"
        let values = ["2026-401", "甲", "重点任务", "其他", "会议", "西城公安分局", "要求", "2026-01-05", "2026-02-05", "刘晓梅"]
        let rows =
            "<table:table-row>" + header.map(cell).joined() + remark + "</table:table-row>"
            + "<table:table-row>" + values.map(cell).joined() + cell("甲备注") + "</table:table-row>"
        let result = LedgerTestSupport.read("台账.fods", HostileWorkbookTests.flatODS(rows))
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.matters.matters.map { $0.values["备注"] } == [.text("甲备注")])
    }

    @Test("Merged cells count for every row they cover")
    func mergedCells() throws {
        let header = ["事项编号", "督查事项名称", "事项类型", "事项来源", "立项依据", "主责单位", "办理要求", "立项日期", "办理时限", "督查员"]
        func cell(_ text: String) -> String {
            text.isEmpty
                ? "<table:table-cell/>"
                : "<table:table-cell office:value-type=\"string\"><text:p>\(text)</text:p></table:table-cell>"
        }
        let shared =
            "<table:table-cell table:number-rows-spanned=\"2\" office:value-type=\"string\"><text:p>西城公安分局</text:p></table:table-cell>"
        let rows = [
            "<table:table-row>" + header.map(cell).joined() + "</table:table-row>",
            "<table:table-row>"
                + ["2026-401", "甲", "重点任务", "其他", "会议", "", "要求", "2026-01-05", "2026-02-05", "刘晓梅"].enumerated()
                .map { $0.offset == 5 ? shared : cell($0.element) }.joined() + "</table:table-row>",
            "<table:table-row>"
                + ["2026-402", "乙", "重点任务", "其他", "会议", "", "要求", "2026-01-05", "2026-02-05", "刘晓梅"].enumerated()
                .map { $0.offset == 5 ? "<table:covered-table-cell/>" : cell($0.element) }.joined()
                + "</table:table-row>",
        ]
        let bytes = HostileWorkbookTests.flatODS(rows.joined())
        let result = LedgerTestSupport.read("台账.fods", bytes)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.matters.matters.map(\.leadUnit) == ["西城公安分局", "西城公安分局"])
    }
}
