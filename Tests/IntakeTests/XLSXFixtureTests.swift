import Foundation
import Testing

@testable import Intake
@testable import Matters

@Suite("A ledger written the way Excel writes it")
struct XLSXFixtureTests {
    static func workbook() throws -> Workbook {
        try XLSXReader.read(try LedgerTestSupport.fixture("excel-style.xlsx"))
    }

    @Test("Sheets come in tab order with their names; empty styled rows are left out")
    func sheets() throws {
        let workbook = try Self.workbook()
        #expect(workbook.sheets.map(\.name) == ["事项", "事件", "填表说明"])
        let matters = try workbook.sheets.item(0)
        #expect(matters.rows.map(\.number) == [1, 2, 3, 4, 5])
        #expect(matters.merges.contains(CellRange("K2:M2")!))
        #expect(matters.merges.contains(CellRange("B2:B3")!))
    }

    @Test("Cells are typed: shared, rich and inline strings, numbers, booleans, dates under every style")
    func cellTypes() throws {
        let sheet = try Self.workbook().sheets.item(0)
        func value(_ reference: String) -> CellValue {
            let cell = CellReference(reference)!
            return sheet.rows.first { $0.number == cell.row }?.value(inColumn: cell.column) ?? .empty
        }
        #expect(value("B4") == .text("2026-101"))
        #expect(value("C4") == .text("全年启动老旧小区综合整治30个、完成改造15个"))  // inline string
        #expect(value("G4") == .text("《北京市西城区2026年政府工作报告》重点任务分解（西政发〔2026〕2号）第12项"))  // runs, no rPh
        #expect(value("B5") == .text("2026-102"))  // a formula's cached string
        #expect(value("A4") == .number(1))
        #expect(value("M5") == .number(83_292_512))
        #expect(value("V4") == .bool(false))
        #expect(value("V5") == .bool(true))
        #expect(value("R4") == .date(CivilDate(year: 2026, month: 1, day: 5)!))  // built-in format 14
        #expect(value("S4") == .date(CivilDate(year: 2026, month: 1, day: 6)!))  // Chinese built-in 31
        #expect(value("T4") == .date(CivilDate(year: 2026, month: 6, day: 30)!))  // custom yyyy"年"m"月"d"日"
        #expect(value("S5") == .number(46_028))  // a date typed as a plain number
        #expect(value("I5") == .text("2026年1月5日"))
        #expect(value("J5") == .text("请卫健委抓紧落实市领导批示精神。\n情况及时报我。"))  // _x000D_ + LF → LF
        #expect(value("P4") == .text("010-83292841\n139 1001 2345转8"))
    }

    @Test("The ledger gives the same matters as the same records in JSON")
    func sameAsJSON() throws {
        let result = LedgerTestSupport.read("台账.xlsx", try LedgerTestSupport.fixture("excel-style.xlsx"))
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let expected = [Self.kindA, Self.kindB].compactMap { LedgerTestSupport.matter(json: "[\($0)]") }
        #expect(LedgerTestSupport.differences(result.matters.matters, expected) == [])
        #expect(result.matters.matters == expected)
        #expect(result.matters.files == ["台账.xlsx", "台账.xlsx"])
    }

    @Test("The unknown column is a warning at its header cell; 序号 and 填表说明 are passed over silently")
    func warnings() throws {
        let result = LedgerTestSupport.read("台账.xlsx", try LedgerTestSupport.fixture("excel-style.xlsx"))
        #expect(result.diagnostics.map(\.description) == ["台账.xlsx!事项!Z2: （警告）未知的列“经办科室”，此列不读取"])
        #expect(!result.hasErrors)
    }

    @Test("The events sheet gives events, dates typed as serials or text alike")
    func events() throws {
        let result = LedgerTestSupport.read("台账.xlsx", try LedgerTestSupport.fixture("excel-style.xlsx"))
        let events = result.events.events
        #expect(events.map(\.event.kind) == [.approval, .receipt])
        #expect(events.map(\.event.date.iso) == ["2026-01-05", "2026-01-07"])
        #expect(try events.item(1).event.values["说明"] == .text("电话签收。\n已转医政科。"))
        #expect(try events.item(1).event.values["主管领导"] == .text("区卫生健康委主任 王建华"))
        #expect(events.map(\.location) == ["事件!第 2 行", "事件!第 3 行"])
        #expect(events.allSatisfy { $0.file == "台账.xlsx" })
    }

    @Test("A workbook with prefixed elements, inline strings only and no package relationships is read")
    func prefixedWorkbook() throws {
        let bytes = try LedgerTestSupport.fixture("prefixed.xlsx")
        let workbook = try XLSXReader.read(bytes)
        #expect(workbook.sheets.map(\.name) == ["登记"])
        #expect(
            try workbook.sheets.item(0).rows.map { $0.cells.map(\.reference.description) } == [
                ["A1", "B1", "C1", "D1"], ["A2", "B2", "C2", "D2"],
            ])
        let result = LedgerTestSupport.read("登记.xlsx", bytes)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.events.events.map(\.event.values["签收人"]) == [.text("钱晓峰")])
        #expect(result.events.events.map(\.event.date.iso) == ["2026-01-06"])
    }

    static let kindA = """
        {"编号": "2026-101", "事项名称": "全年启动老旧小区综合整治30个、完成改造15个", "事项类型": "重点任务", "办理方式": "督办",
         "事项来源": "重大决策和重要事项", "立项依据": "《北京市西城区2026年政府工作报告》重点任务分解（西政发〔2026〕2号）第12项",
         "主责单位": {"名称": "区住房城市建设委", "联系人": "钱晓峰", "电话": "010-83292235"},
         "协办单位": [{"名称": "区财政局", "联系人": "冯雪梅", "电话": "010-83292841"}, {"名称": "德胜街道", "电话": "139 1001 2345转8"}],
         "办理要求": ["请于2026年1月30日前报送方案。", "此后每月5日前报送进展。"],
         "立项日期": "2026-01-05", "交办日期": "2026-01-06", "办理时限": "2026-06-30", "紧急程度": "加急", "媒体曝光": false,
         "督查员": {"姓名": "刘晓梅", "电话": "+86 (10) 8329-1235"}}
        """

    static let kindB = """
        {"编号": "2026-102", "事项名称": "关于做好流感高发期医疗机构门急诊服务保障工作的批示", "事项类型": "领导批示", "办理方式": "督办",
         "事项来源": "领导批示和交办事项", "立项依据": "市政府督查室《领导批示件转办单》（京政督转〔2026〕5号）",
         "领导批示": {"领导": "孙立平区长", "日期": "2026-01-05", "内容": "请卫健委抓紧落实市领导批示精神。\\n情况及时报我。"},
         "主责单位": {"名称": "区卫生健康委", "联系人": "周丽萍", "电话": "83292512"},
         "协办单位": [{"名称": "区医保局", "联系人": "张敏", "电话": "010-83294253"}],
         "办理要求": ["请区卫生健康委立即组织辖区二级以上医院优化门急诊流程。"],
         "立项日期": "2026-01-06", "交办日期": "2026-01-06", "办理时限": "2026-01-13", "紧急程度": "特急", "媒体曝光": true,
         "督查员": {"姓名": "刘晓梅", "电话": "010-83291235"}, "备注": "市领导批示件"}
        """
}
