import Foundation
import Testing

@testable import Intake
@testable import Matters

@Suite("Ledger intake: header scheme and values")
struct LedgerReaderTests {
    static func read(_ csv: LedgerCSV, name: String = "台账.csv") -> LedgerReader.Result {
        LedgerTestSupport.read(name, csv.bytes)
    }

    static func errors(_ result: LedgerReader.Result) -> [String] {
        result.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test("Rows give the same matters as the same records in JSON")
    func sameAsJSON() {
        let result = Self.read(LedgerCSV.sample)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(LedgerTestSupport.differences(result.matters.matters, LedgerCSV.sampleMatters) == [])
        #expect(result.matters.matters == LedgerCSV.sampleMatters)
        #expect(result.matters.files == ["台账.csv", "台账.csv"])
    }

    @Test("Headers may be the JSON keys and the columns may come in any order")
    func keysInAnyOrder() {
        var csv = LedgerCSV.sample.reversed
        for column in LedgerColumns.matters where csv.header.contains(column.header) {
            csv = csv.renaming(column.header, to: column.key)
        }
        #expect(csv.header.contains("主责单位.联系人") && csv.header.contains("领导批示.内容") && csv.header.contains("编号"))
        let result = Self.read(csv)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.matters.matters == LedgerCSV.sampleMatters)
    }

    @Test(
        "Every documented header of a group field is accepted",
        arguments: [
            ("主责单位", "主责单位名称"), ("主责单位", "主责单位.名称"), ("主责单位电话", "主责单位联系电话"),
            ("主责单位联系人", "主责单位.联系人"), ("协办单位", "协办单位名称"), ("协办单位电话", "协办单位联系电话"),
            ("督查员", "督查员姓名"), ("督查员", "督查员.姓名"), ("督查员电话", "督查员.电话"), ("批示领导", "领导批示.领导"),
            ("批示日期", "领导批示日期"), ("批示内容", "领导批示内容"), ("事项编号", "编号"), ("新闻媒体曝光事项", "媒体曝光"),
            ("事项来源（第七条）", "事项来源"), ("事项来源（第七条）", "事项来源(第七条)"), ("督查事项名称", " 督查事项名称* "),
            ("办理时限", "办理时限（必填）"), ("督查事项名称", "督查事项\n名称"),
        ])
    func headerForms(template: String, alternative: String) {
        let result = Self.read(LedgerCSV.sample.renaming(template, to: alternative))
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.matters.matters == LedgerCSV.sampleMatters)
    }

    @Test(
        "Dates may be spreadsheet serials or text in the usual forms",
        arguments: [
            "2026-03-05", "2026-3-5", "2026/3/5", "2026/03/05", "2026.3.5", "2026年3月5日", "20260305", "46086",
            "2026-03-05 00:00:00", " 2026年3月5日 ",
        ])
    func dateForms(text: String) throws {
        let result = Self.read(LedgerCSV.sample.setting("办理时限", row: 0, to: text))
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.matters.matters.first?.deadline == CivilDate(year: 2026, month: 3, day: 5))
    }

    @Test(
        "A date that is not one is reported at its cell",
        arguments: ["2026-02-30", "2026/13/1", "3月5日", "26-3-5", "明天", "2026-3/5", "60"])
    func badDates(text: String) {
        let result = Self.read(LedgerCSV.sample.setting("办理时限", row: 1, to: text))
        #expect(Self.errors(result) == ["台账.csv!S3: 办理时限: 日期无效“\(text)”（应为有效日期，如 2026-03-05 或 2026年3月5日）"])
        #expect(result.matters.matters.isEmpty)
    }

    @Test("Every problem of the sheet comes back at once, each with its cell, and nothing is taken")
    func allProblemsAtOnce() {
        let csv = LedgerCSV.sample
            .setting("事项类型", row: 0, to: "重要任务")
            .setting("主责单位电话", row: 0, to: "八三二九")
            .setting("事项编号", row: 1, to: "2026 302")
            .setting("督查事项名称", row: 1, to: "")
            .setting("新闻媒体曝光事项", row: 1, to: "也许")
        let result = Self.read(csv)
        #expect(
            Self.errors(result) == [
                "台账.csv!C2: 事项类型: 取值“重要任务”不在可选范围内（应为“重点任务”、“领导批示”之一）",
                "台账.csv!L2: 主责单位.电话: 电话号码格式不对“八三二九”（应为电话号码，如 010-83291234）",
                "台账.csv!A3: 编号: 编号格式不对“2026 302”（应为只含字母、数字和连字符（-）的编号，如 2026-001）",
                "台账.csv!B3: 事项名称: 必填项为空（应为一行文字（单元格内不换行））",
                "台账.csv!U3: 媒体曝光: “也许”不是是或否（应为“是”或“否”）",
            ])
        #expect(result.matters.matters.isEmpty)
        #expect(result.matters.filesWithErrors == ["台账.csv"])
        #expect(result.events.filesWithErrors == ["台账.csv"])
    }

    @Test("Rules across fields are reported at the cell of the field they name")
    func crossFieldRules() {
        let csv = LedgerCSV.sample
            .setting("办理时限", row: 0, to: "2026-01-10")
            .setting("批示领导", row: 1, to: "").setting("批示日期", row: 1, to: "").setting("批示内容", row: 1, to: "")
        #expect(
            Self.errors(Self.read(csv)) == [
                "台账.csv!S2: 办理时限: 办理时限 2026-01-10 早于立项日期 2026-01-20（应为不早于立项日期的日期）",
                "台账.csv!S2: 办理时限: 办理时限 2026-01-10 早于交办日期 2026-01-21（应为不早于交办日期的日期）",
                "台账.csv!G3: 领导批示: 领导批示事项缺少“领导批示”（第十二条）（应为含 领导、日期、内容 的对象）",
            ])
        let noColumns = LedgerCSV.sample.dropping("批示领导").dropping("批示日期").dropping("批示内容")
        #expect(
            Self.errors(Self.read(noColumns)) == [
                "台账.csv!第 3 行: 领导批示: 领导批示事项缺少“领导批示”（第十二条）（应为含 领导、日期、内容 的对象）"
            ])
    }

    @Test("Part of a group is reported at the cell left blank")
    func partOfAGroup() {
        let csv = LedgerCSV.sample.setting("批示日期", row: 1, to: "")
        #expect(Self.errors(Self.read(csv)) == ["台账.csv!H3: 领导批示.日期: 必填项为空（应为有效日期，如 2026-03-05 或 2026年3月5日）"])
    }

    @Test("A required column missing from the header is reported once, at the header row")
    func missingColumn() {
        let result = Self.read(LedgerCSV.sample.dropping("办理时限").dropping("督查员"))
        #expect(
            Self.errors(result) == [
                "台账.csv!第 1 行: 办理时限: 表头缺少必填的列“办理时限”（应为表头含“办理时限”列）",
                "台账.csv!第 1 行: 督查员.姓名: 表头缺少必填的列“督查员”（应为表头含“督查员”列（或“督查员.姓名”））",
            ])
    }

    @Test("Unknown columns are warnings at their header cells; 序号 is passed over; rows still come in")
    func unknownColumns() {
        var csv = LedgerCSV.sample
        csv.header += ["序号", "牵头领导"]
        csv.rows = csv.rows.enumerated().map { $0.element + [String($0.offset + 1), "王副区长"] }
        let result = Self.read(csv)
        #expect(result.diagnostics.map(\.description) == ["台账.csv!Z1: （警告）未知的列“牵头领导”，此列不读取"])
        #expect(!result.hasErrors)
        #expect(result.matters.matters == LedgerCSV.sampleMatters)
    }

    @Test("A header that names no single column, and a column given twice, are errors")
    func ambiguousHeaders() {
        let csv = LedgerCSV(
            header: LedgerCSV.sample.header + ["领导批示", "事项编号"],
            rows: LedgerCSV.sample.rows.map { $0 + ["", ""] })
        #expect(
            Self.errors(Self.read(csv)) == [
                "台账.csv!Y1: 列名“领导批示”不明确：领导批示应分为“批示领导”“批示日期”“批示内容”三列",
                "台账.csv!Z1: 列“事项编号”与 A1 的列重复（都是“编号”）（应为每个字段只占一列）",
            ])
    }

    @Test("协办单位 splits on 、，,；; and line breaks; contacts line up by position, - for none")
    func coUnits() throws {
        let csv = LedgerCSV.sample
            .setting("协办单位", row: 0, to: "区城管执法局，区应急局,什刹海街道")
            .setting("协办单位联系人", row: 0, to: "施海涛\n无\n郑文博")
        let result = Self.read(csv)
        #expect(result.diagnostics.map(\.description) == [])
        let matter = try #require(result.matters.matters.first)
        #expect(matter.coUnits == ["区城管执法局", "区应急局", "什刹海街道"])
        #expect(matter == LedgerCSV.sampleMatters[0])
    }

    @Test("Contacts that do not line up with the units are refused at their cell")
    func coUnitsMisaligned() {
        let csv = LedgerCSV.sample.setting("协办单位联系人", row: 0, to: "施海涛、郑文博")
        #expect(
            Self.errors(Self.read(csv)) == [
                "台账.csv!N2: 协办单位.联系人: 有 2 项，而协办单位有 3 个（应为每个协办单位一项，次序相同；没有的写“-”）"
            ])
        let orphan = LedgerCSV.sample.setting("协办单位联系人", row: 1, to: "张敏")
        #expect(Self.errors(Self.read(orphan)) == ["台账.csv!N3: 协办单位.联系人: 填了联系人，但没有协办单位（应为先在“协办单位”列写单位名称）"])
    }

    @Test("Multi-line cells keep their line breaks; one-line fields refuse them")
    func lineBreaks() throws {
        let result = Self.read(LedgerCSV.sample)
        let matter = try #require(result.matters.matters.last)
        #expect(matter.values["领导批示"]?.record?["内容"] == .text("请住建委牵头抓紧推进。\n每月报我。"))
        #expect(result.matters.matters.first?.values["办理要求"] == .list([.text("加强巡逻管控。"), .text("做好宣传引导。")]))
        let broken = LedgerCSV.sample.setting("督查事项名称", row: 0, to: "做好春节期间\n烟花爆竹禁放管控工作")
        #expect(Self.errors(Self.read(broken)) == ["台账.csv!B2: 事项名称: 不能含换行（应为一行文字（单元格内不换行））"])
    }

    @Test("A duplicate id is reported with both cells; across files too, JSON included")
    func duplicates() {
        let twice = LedgerCSV.sample.setting("事项编号", row: 1, to: "2026-301")
        #expect(Self.errors(Self.read(twice)) == ["台账.csv!A3: 编号: 编号“2026-301”重复：台账.csv!A2 已用此编号（应为每个事项唯一的编号）"])

        let json = MatterReader.read(files: [("事项.json", Array(LedgerCSV.sampleJSON[0].utf8))])
        let result = LedgerReader.read(files: [("台账.csv", LedgerCSV.sample.bytes)], after: json) { _ in nil }
        #expect(Self.errors(result) == ["台账.csv!A2: 编号: 编号“2026-301”重复：事项.json 已用此编号（应为每个事项唯一的编号）"])

        let other = LedgerReader.read(files: [("甲.csv", LedgerCSV.sample.bytes), ("乙.csv", LedgerCSV.sample.bytes)]) {
            _ in nil
        }
        #expect(other.matters.matters.count == 2)
        #expect(other.matters.filesWithErrors == ["乙.csv"])
        #expect(Self.errors(other).first == "乙.csv!A2: 编号: 编号“2026-301”重复：甲.csv!A2 已用此编号（应为每个事项唯一的编号）")
    }

    @Test("Empty rows are passed over; a row with only unknown columns filled is a warning")
    func emptyRows() {
        var csv = LedgerCSV.sample
        csv.header.append("附注")
        csv.rows = [csv.rows[0] + [""], Array(repeating: "", count: csv.header.count), csv.rows[1] + [""]]
        csv.rows.append(Array(repeating: "", count: csv.header.count - 1) + ["以上共两项"])
        csv.rows.append(Array(repeating: " ", count: csv.header.count))
        let result = Self.read(csv)
        #expect(
            result.diagnostics.map(\.description) == [
                "台账.csv!Y1: （警告）未知的列“附注”，此列不读取", "台账.csv!第 5 行: （警告）此行只有未知列有内容，不读取",
            ])
        #expect(result.matters.matters == LedgerCSV.sampleMatters)
    }

    @Test("A sheet without a recognisable header is an error naming what a header looks like")
    func noHeader() {
        let result = LedgerTestSupport.read("台账.csv", Array("甲,乙\r\n1,2\r\n".utf8))
        #expect(
            Self.errors(result) == [
                "台账.csv: 找不到表头：前 10 行中没有一行含有两个以上的字段名（应为第一行是“事项编号”“督查事项名称”等列名（ducha template ledger 可生成模板））"
            ])
    }
}
