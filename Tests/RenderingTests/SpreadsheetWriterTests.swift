import Foundation
import ODF
import TestSupport
import Testing

@testable import Rendering

@Suite("One spreadsheet model, written as ODS, XLSX and CSV")
struct SpreadsheetWriterTests {
    /// A sheet with every kind of cell, a title, two header rows, choices, a text column and notes.
    static func sheet(_ widths: [Spreadsheet.Width]) -> Spreadsheet.Sheet {
        Spreadsheet.Sheet(
            name: "表", title: "标题",
            columns: [
                Spreadsheet.Column(width: widths[0], isText: true),
                Spreadsheet.Column(width: widths[1], choices: ["是", "否"]), Spreadsheet.Column(width: widths[2]),
            ],
            header: [["单位", "办结", "日期"], ["", "", "截至"]],
            rows: [
                [.text("区财政局\n 第二行  两空格"), .text("是"), .date(year: 2026, month: 2, day: 27)],
                [.number(12), .percentage(0.875), .bool(true)], [.number(1.5), .empty, .empty],
            ], notes: ["说明"])
    }

    static let printed = Spreadsheet(sheets: [sheet([.millimetres(40), .millimetres(20), .characters(20)])])
    static let entry = Spreadsheet(
        look: .entry, title: "测试", sheets: [sheet([.characters(10), .characters(6), .characters(10)])])

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test(
        "ODFText writes the same content as bytes and as nodes",
        arguments: ["a b", " a", "a ", "a  b", "a\tb", "a \t b", "x\ny", "", "  ", "a\r\nb", "<&>", "甲 乙\n\n丙"])
    func textRuns(value: String) {
        var bytes: [UInt8] = []
        ODFText.append(value, into: &bytes)
        var fromNodes: [UInt8] = []
        for node in ODFText.nodes(value) {
            switch node {
            case .text(let text): XMLWriter.appendEscapedText(text, into: &fromNodes)
            case .element(let element): XMLWriter.serialize(element, into: &fromNodes)
            }
        }
        #expect(Self.text(fromNodes) == Self.text(bytes))
        #expect(Self.text(bytes).contains("  ") == false, "ODF collapses runs of spaces")
    }

    @Test("an entry sheet: typed cells, lines as paragraphs, spaces kept, drop-downs, text columns")
    func entryContent() throws {
        let content = Self.text(ODSWriter.content(Self.entry))
        #expect(content.contains(#"xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2""#))
        #expect(
            content.contains(
                #"<table:table-cell table:style-name="ceDate" office:value-type="date" office:date-value="2026-02-27">"#
            ))
        #expect(content.contains("<text:p>区财政局</text:p><text:p><text:s/>第二行<text:s text:c=\"2\"/>两空格</text:p>"))
        #expect(content.contains(#"table:default-cell-style-name="ceText""#))
        #expect(content.contains(#"table:condition="of:cell-content-is-in-list(&quot;是&quot;;&quot;否&quot;)""#))
        #expect(content.contains(#"table:number-rows-repeated="997""#))
        // Percentages get a style of their own in an entry sheet, which has none otherwise.
        #expect(content.contains(#"style:name="cePercent""#) && content.contains(#"style:data-style-name="N3""#))
        let root = try XMLDocumentParser.parse(ODSWriter.content(Self.entry), source: "content.xml")
        #expect(root.name == "office:document-content")
        let meta = try ODFPackageReader(bytes: try ODSWriter.write(Self.entry), source: "x.ods").part("meta.xml")
        #expect(Self.text(try #require(meta).data).contains("<dc:title>测试</dc:title>"))
    }

    @Test("a printed table gets a date style when it has dates, and the namespace of its drop-downs")
    func printedExtras() {
        let content = Self.text(ODSWriter.content(Self.printed))
        #expect(content.contains(#"<number:date-style style:name="N2">"#))
        #expect(content.contains(#"style:data-style-name="N2" style:family="table-cell" style:name="ceDate""#))
        #expect(content.contains(#"xmlns:of="#))
        #expect(content.contains(#"table:number-columns-spanned="3""#))
        // Widths in characters are 4 mm a character and 2 mm to spare.
        #expect(content.contains(#"style:name="co20ch"><style:table-column-properties style:column-width="82mm"/>"#))
        #expect(content.contains(#"style:name="co20"><style:table-column-properties style:column-width="20mm"/>"#))
        let plain = Self.text(
            ODSWriter.content(
                Spreadsheet(sheets: [Spreadsheet.Sheet(name: "表", columnWidths: [9], header: [], rows: [[.number(1)]])])
            ))
        #expect(!plain.contains("N2") && !plain.contains("xmlns:of="), "what is not used is not declared")
    }

    @Test(
        "both looks, with every kind of cell, are strictly valid ODF 1.3 (check-odt)", .needs("check-odt"))
    func strictlyValid() throws {
        let directory = try TestEnvironment.temporaryDirectory("ducha-rendering")
        defer { try? FileManager.default.removeItem(at: directory) }
        let meta = DocumentMeta(title: "表", subject: "", date: (2026, 3, 31))
        var files: [String] = []
        for (name, bytes) in [
            ("printed.ods", try ODSWriter.write(Self.printed, meta: meta)),
            ("entry.ods", try ODSWriter.write(Self.entry)),
        ] {
            let file = directory.appendingPathComponent(name)
            try Data(bytes).write(to: file)
            files.append(file.path)
        }
        let failures = try TestEnvironment.checkODTFailures(files, extraArguments: ["--mimetype", "any"])
        #expect(failures == nil, "\(failures ?? "")")
    }

    @Test("XLSX: the title and notes span the width, title and header rows are frozen, types have their styles")
    func xlsx() throws {
        var strings = SharedStringTable()
        let sheet = Self.text(XLSXWorksheet.bytes(Self.entry.sheets[0], selected: true, strings: &strings))
        #expect(sheet.contains(#"<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="A7:C7"/></mergeCells>"#))
        #expect(sheet.contains(#"<c r="C4" s="2"><v>46080</v></c>"#))
        #expect(
            sheet.contains(#"<c r="B5" s="4"><v>0.875</v></c>"#) && sheet.contains(#"<c r="C5" t="b"><v>1</v></c>"#))
        #expect(sheet.contains(#"<c r="A6"><v>1.5</v></c>"#))
        #expect(sheet.contains(#"sqref="B4:B1003""#))
        #expect(sheet.contains(#"<col min="1" max="1" width="21" style="3" customWidth="1"/>"#))
        #expect(
            Self.text(XLSXStyleSheet.bytes(percentages: true)).contains(#"<numFmt numFmtId="177" formatCode="0.0%"/>"#))
        #expect(XLSXWorksheet.serial(year: 1900, month: 3, day: 1) == 61)
        #expect(XLSXWorksheet.columnName(28) == "AB" && XLSXWorksheet.columnName(16_384) == "XFD")
        let workbook = try XLSXWriter.write(Self.entry)
        #expect(try XLSXWriter.write(Self.entry) == workbook)
    }

    @Test("CSV holds the header rows and the data rows, each cell as it shows")
    func csv() {
        let text = Self.text(CSVWriter.write(Self.entry.sheets[0]))
        #expect(
            text == "\u{FEFF}单位,办结,日期\r\n,,截至\r\n\"区财政局\n 第二行  两空格\",是,2026-02-27\r\n12,87.5%,是\r\n1.5,,\r\n")
    }
}
