import Foundation
import ODF
import TestSupport
import Testing

@testable import Rendering

@Suite("Chart, spreadsheet and publication packages")
struct PublicationPartsTests {
    let chart = BarChart(
        title: "各单位 & 办理情况",
        series: [BarChart.Series(name: "已办结", color: "#2e7d32"), BarChart.Series(name: "逾期", color: "#c62828")],
        categories: [
            BarChart.Category(label: "区城市管理委", values: [3, 1]), BarChart.Category(label: "金融街<街道>", values: [0, 2]),
        ])

    let sheet = Spreadsheet(sheets: [
        Spreadsheet.Sheet(
            name: "表", title: "标题", columnWidths: [40, 20, 20], header: [["单位", "事项", "率"]],
            rows: [[.text("区财政局"), .number(12), .percentage(0.875)], [.text("合计"), .number(0), .empty]],
            notes: ["说明"])
    ])

    let sheetMeta = DocumentMeta(title: "表", subject: "", matterID: "", date: (2026, 3, 31))

    @Test("the chart is well-formed SVG with every label, total and colour, and the same bytes every time")
    func chartSVG() throws {
        let bytes = chart.svg()
        #expect(chart.svg() == bytes)
        let root = try XMLDocumentParser.parse(bytes, source: "chart.svg")
        #expect(
            root.name == "svg" && root.attribute("width") == "156mm" && root.attribute("viewBox") == "0 0 1560 1000")
        let text = String(decoding: bytes, as: UTF8.self)
        for expected in [
            ">区城市管理委</text>", ">金融街&lt;街道&gt;</text>", ">已办结</text>", ">4</text>", ">2</text>",
            "<title>各单位 &amp; 办理情况</title>", "fill=\"#2e7d32\"", "fill=\"#c62828\"", "font-family=\"黑体\"",
        ] {
            #expect(text.contains(expected), "chart lacks \(expected)")
        }
        // A zero value draws no segment: one green bar, two red ones (plus the legend's two swatches).
        #expect(text.components(separatedBy: "fill=\"#2e7d32\"").count - 1 == 2)
        #expect(text.components(separatedBy: "fill=\"#c62828\"").count - 1 == 3)
    }

    @Test("bars are as long as their values; an empty chart says so")
    func chartGeometry() throws {
        let root = try XMLDocumentParser.parse(chart.svg(), source: "chart.svg")
        let rects = root.childElements.flatMap(\.childElements).filter { $0.name == "rect" }
        let widths = rects.filter { $0.attribute("fill") == "#c62828" && $0.attribute("height") != "30" }
            .compactMap { $0.attribute("width").flatMap { Int($0) } }
        #expect(widths.count == 2 && abs(widths[1] - 2 * widths[0]) <= 2, "\(widths)")
        let empty = BarChart(title: "空", series: chart.series, categories: []).svg()
        #expect(String(decoding: empty, as: UTF8.self).contains(">没有可列出的事项</text>"))
    }

    @Test(
        "tick steps are 1, 2 or 5 times a power of ten, at most six of them",
        arguments: [
            (1, 1), (6, 1), (7, 2), (12, 2), (13, 5), (30, 5), (31, 10), (60, 10), (61, 20), (250, 50), (301, 100),
        ])
    func ticks(largest: Int, step: Int) {
        #expect(BarChart.step(for: largest) == step)
    }

    @Test("spreadsheet cells carry their types; the rate is a percentage shown to one decimal")
    func spreadsheetCells() throws {
        let content = String(decoding: ODSWriter.content(sheet), as: UTF8.self)
        #expect(content.contains(#"office:value="12" office:value-type="float""#))
        #expect(content.contains(#"office:value="0.875" office:value-type="percentage""#))
        #expect(content.contains("<text:p>87.5%</text:p>") && content.contains(#"style:data-style-name="N1""#))
        #expect(content.contains(#"table:number-columns-spanned="3""#))
        #expect(!content.contains(#"office:value-type="string"><text:p>12<"#))
        let bytes = try ODSWriter.write(sheet, meta: sheetMeta)
        #expect(try ODSWriter.write(sheet, meta: sheetMeta) == bytes)
        let package = try ODFPackageReader(bytes: bytes, source: "表.ods")
        #expect(package.mimetype == "application/vnd.oasis.opendocument.spreadsheet")
        let meta = String(decoding: try #require(package.part("meta.xml")).data, as: UTF8.self)
        #expect(!meta.contains("事项编号"), "a publication's meta names no matter")
    }

    @Test("the spreadsheet package is strictly valid ODF 1.3 (check-odt)", .needs("check-odt"))
    func validSpreadsheet() throws {
        let directory = try TestEnvironment.temporaryDirectory("ducha-rendering")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("表.ods")
        try Data(try ODSWriter.write(sheet, meta: sheetMeta)).write(to: file)
        let failures = try TestEnvironment.checkODTFailures([file.path], extraArguments: ["--mimetype", "any"])
        #expect(failures == nil, "\(failures ?? "")")
    }

    @Test(
        "percentages round half up to one decimal",
        arguments: [
            (0.875, "87.5%"), (1.0, "100.0%"), (0.0, "0.0%"), (2.0 / 3.0, "66.7%"), (1.0 / 6.0, "16.7%"),
            (0.00049, "0.0%"),
        ])
    func percent(fraction: Double, text: String) {
        #expect(Spreadsheet.percent(fraction) == text)
    }
}
