import Matters
import ODF
import Testing

@testable import Filling

@Suite("Template engine: tags, sections, formatters")
struct TemplateEngineTests {
    let units: TemplateValue = .list([
        .record(["名称": .text("区财政局"), "电话": .text("010-1")]),
        .record(["名称": .text("区教委"), "电话": .text("010-2")]),
        .record(["名称": .text("什刹海街道"), "电话": .text("010-3")]),
    ])

    @Test("a tag split across spans, as word processors save it, is found and filled")
    func splitTag() throws {
        let (root, report) = try fill(
            #"<text:p>事项：{<text:span text:style-name="T1">{事项</text:span>名<text:span>称}</text:span>}。</text:p>"#,
            .record(["事项名称": .text("老旧小区改造")]))
        #expect(paragraphTexts(root) == ["事项：老旧小区改造。"])
        #expect(report.isClean)
        // The spans survive (emptied), so formatting of the surrounding text is kept.
        #expect(elements("text:span", in: root).count == 2)
    }

    @Test("nested names and formatters: 日期 and 文号")
    func formatters() throws {
        let data: TemplateValue = .record([
            "主责单位": .record(["名称": .text("区民政局")]),
            "办理时限": .date(CivilDate(year: 2026, month: 3, day: 5)!),
            "文号": .number(DocumentNumber(prefix: "西督通", year: 2026, serial: 12)),
            "文字日期": .text("2026-10-01"),
        ])
        let (root, _) = try fill(
            "<text:p>{{主责单位.名称}}|{{办理时限|日期}}|{{文号|文号}}|{{文字日期|日期}}|{{办理时限}}</text:p>", data)
        #expect(paragraphTexts(root) == ["区民政局|2026年3月5日|西督通〔2026〕12号|2026年10月1日|2026年3月5日"])
    }

    @Test("a section whose tags sit in one table row repeats the row")
    func rowSection() throws {
        let body = """
            <table:table table:name="T"><table:table-column/>\
            <table:table-row><table:table-cell><text:p>单位</text:p></table:table-cell></table:table-row>\
            <table:table-row><table:table-cell><text:p>{{#协办单位}}{{名称}}</text:p></table:table-cell>\
            <table:table-cell><text:p>{{电话}}{{/协办单位}}</text:p></table:table-cell></table:table-row>\
            </table:table>
            """
        let (root, _) = try fill(body, .record(["协办单位": units]))
        let rows = elements("table:table-row", in: root)
        #expect(rows.count == 4)
        #expect(
            rows.dropFirst().map { paragraphTexts($0) } == [["区财政局", "010-1"], ["区教委", "010-2"], ["什刹海街道", "010-3"]])
        let (empty, _) = try fill(body, .record(["协办单位": .list([])]))
        #expect(elements("table:table-row", in: empty).count == 1)
    }

    @Test("a section whose tags stand alone in their paragraphs repeats the paragraphs between")
    func paragraphSection() throws {
        let body =
            "<text:p>前</text:p><text:p>{{#办理要求}}</text:p><text:p>{{.}}</text:p><text:p>{{/办理要求}}</text:p><text:p>后</text:p>"
        let (root, _) = try fill(body, .record(["办理要求": .list([.text("一"), .text("二"), .text("三")])]))
        #expect(paragraphTexts(root) == ["前", "一", "二", "三", "后"])
    }

    @Test("an inline section repeats inside the paragraph, even across span boundaries")
    func inlineSection() throws {
        let (root, _) = try fill(
            #"<text:p>协办：<text:span text:style-name="B">{{#协办单位}}{{名称}}</text:span>、{{/协办单位}}完</text:p>"#,
            .record(["协办单位": units]))
        #expect(paragraphTexts(root) == ["协办：区财政局、区教委、什刹海街道、完"])
        // Well-formed and the bold span wraps each name.
        #expect(elements("text:span", in: root).map(visibleText) == ["区财政局", "区教委", "什刹海街道"])
        let (none, _) = try fill(
            #"<text:p>协办：<text:span text:style-name="B">{{#协办单位}}{{名称}}</text:span>、{{/协办单位}}完</text:p>"#,
            .record(["协办单位": .list([])]))
        #expect(paragraphTexts(none) == ["协办：完"])
    }

    @Test("inverted sections show when a value is absent, empty or false")
    func invertedSection() throws {
        let body = "<text:p>{{#密级}}密级：{{密级}}{{/密级}}{{^密级}}非涉密{{/密级}}</text:p>"
        #expect(paragraphTexts(try fill(body, .record([:])).0) == ["非涉密"])
        #expect(paragraphTexts(try fill(body, .record(["密级": .text("")])).0) == ["非涉密"])
        #expect(paragraphTexts(try fill(body, .record(["密级": .text("秘密")])).0) == ["密级：秘密"])
        let flag = "<text:p>{{#媒体曝光}}媒体曝光事项{{/媒体曝光}}{{^媒体曝光}}一般事项{{/媒体曝光}}</text:p>"
        #expect(paragraphTexts(try fill(flag, .record(["媒体曝光": .flag(false)])).0) == ["一般事项"])
        #expect(paragraphTexts(try fill(flag, .record(["媒体曝光": .flag(true)])).0) == ["媒体曝光事项"])
    }

    @Test("names inside a section resolve against the item first, then outward")
    func scopes() throws {
        let (root, _) = try fill(
            "<text:p>{{#协办单位}}{{名称}}/{{机关名称}};{{/协办单位}}</text:p>",
            .record(["协办单位": units, "机关名称": .text("督查室")]))
        #expect(paragraphTexts(root) == ["区财政局/督查室;区教委/督查室;什刹海街道/督查室;"])
    }

    @Test("missing values are left empty and reported")
    func missing() throws {
        let (root, report) = try fill("<text:p>[{{备注}}]</text:p>", .record([:]))
        #expect(paragraphTexts(root) == ["[]"])
        #expect(report.missing == ["备注"])
    }

    @Test("one compiled template fills many times with identical results for identical data")
    func compileOnce() throws {
        let part = try CompiledPart.compile(
            try contentPart("<text:p>{{#a}}{{.}},{{/a}}</text:p>"), part: "content.xml", template: "t", schema: nil)
        var first: [UInt8] = []
        var second: [UInt8] = []
        var other: [UInt8] = []
        part.fill(.record(["a": .list([.text("1"), .text("2")])]), into: &first)
        part.fill(.record(["a": .list([.text("1"), .text("2")])]), into: &second)
        part.fill(.record(["a": .list([.text("3")])]), into: &other)
        #expect(first == second)
        #expect(first != other)
    }
}

@Suite("Sections inside table cells")
struct CellSectionTests {
    @Test("tags alone in their own paragraphs inside one cell repeat those paragraphs, not the row")
    func paragraphsInCell() throws {
        let body = """
            <table:table table:name="T"><table:table-column/><table:table-column/>\
            <table:table-row><table:table-cell><text:p>办理要求</text:p></table:table-cell>\
            <table:table-cell><text:p>{{#办理要求}}</text:p><text:p>{{.}}</text:p><text:p>{{/办理要求}}</text:p>\
            </table:table-cell></table:table-row></table:table>
            """
        let (root, _) = try fill(body, .record(["办理要求": .list([.text("一"), .text("二"), .text("三")])]))
        #expect(elements("table:table-row", in: root).count == 1)
        #expect(paragraphTexts(root) == ["办理要求", "一", "二", "三"])
    }
}
