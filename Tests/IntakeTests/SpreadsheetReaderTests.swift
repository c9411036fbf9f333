import Foundation
import Testing

@testable import Intake
@testable import Matters
@testable import Rendering

@Suite("Spreadsheet readers: CSV, ODS cells, dates, references")
struct SpreadsheetReaderTests {
    static func csv(_ text: String) throws -> [[String]] {
        let sheet = try CSVReader.read(Array(text.utf8), name: "a.csv").sheets.item(0)
        return sheet.rows.map { row in row.cells.map { "\($0.reference)=\(CellText.plain($0.value))" } }
    }

    @Test("CSV: quotes, doubled quotes, separators and line breaks inside quotes (RFC 4180)")
    func csvQuoting() throws {
        #expect(
            try Self.csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"x\r\ny\",,z\r\n") == [
                ["A1=a", "B1=b,c", "C1=say \"hi\""], ["A2=x\ny", "C2=z"],
            ])
    }

    @Test("CSV: LF, CR LF and CR end records; empty lines keep the row numbers; a final line break adds no row")
    func csvLines() throws {
        #expect(try Self.csv("a\nb\r\n\r\nc\rd\n") == [["A1=a"], ["A2=b"], ["A4=c"], ["A5=d"]])
    }

    @Test("CSV: tab- and semicolon-separated files are recognised by their first line")
    func csvSeparators() throws {
        #expect(try Self.csv("a\tb,c\td\n1\t2\n") == [["A1=a", "B1=b,c", "C1=d"], ["A2=1", "B2=2"]])
        #expect(try Self.csv("a;b;c\n1;2,5;3\n") == [["A1=a", "B1=b", "C1=c"], ["A2=1", "B2=2,5", "C2=3"]])
    }

    @Test("CSV: a BOM is dropped; UTF-16 with a BOM is read; the sheet is named after the file")
    func csvEncodings() throws {
        let withBOM = try CSVReader.read([0xEF, 0xBB, 0xBF] + Array("编号,x".utf8), name: "data/台账.csv")
        #expect(try withBOM.sheets.item(0).name == "台账")
        #expect(try withBOM.sheets.item(0).rows.item(0).cells.first?.value == .text("编号"))
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "编号\t名称\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let sheet = try CSVReader.read(utf16, name: "x.csv").sheets.item(0)
        #expect(try sheet.rows.item(0).cells.map(\.value) == [.text("编号"), .text("名称")])
    }

    @Test("CSV: an unclosed quote is refused with the row it opened on")
    func csvUnclosedQuote() {
        let error = #expect(throws: SpreadsheetError.self) {
            try CSVReader.read(Array("a,b\n1,\"2\n3,4\n".utf8), name: "a.csv")
        }
        #expect(error?.message == "第 2 行有一个双引号没有闭合（文件不完整，或引号没有成对）")
    }

    @Test("ODS: value types, multi-line cells, spans and covered cells, annotations left out")
    func odsCells() throws {
        let rows = """
            <table:table-header-rows><table:table-row>\
            <table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>主责单位</text:p></table:table-cell>\
            <table:covered-table-cell/>\
            <table:table-cell office:value-type="float" office:value="83291235"><text:p>83,291,235</text:p></table:table-cell>\
            <table:table-cell office:value-type="percentage" office:value="0.5"><text:p>50%</text:p></table:table-cell>\
            </table:table-row></table:table-header-rows>
            <table:table-row>\
            <table:table-cell office:value-type="date" office:date-value="2026-03-05T10:30:00"><text:p>2026年3月5日</text:p></table:table-cell>\
            <table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>\
            <table:table-cell office:value-type="string"><office:annotation><text:p>批注</text:p></office:annotation>\
            <text:p>第一行<text:line-break/>第<text:span>二</text:span>行</text:p>
              <text:p>  第三行<text:s text:c="2"/>末<text:tab/>尾</text:p></table:table-cell>\
            <table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>同</text:p></table:table-cell>\
            </table:table-row>
            """
        let sheet = try SpreadsheetReader.read(HostileWorkbookTests.flatODS(rows), name: "a.fods").sheets.item(0)
        #expect(sheet.merges == [CellRange("A1:B1")!])
        #expect(try sheet.rows.item(0).cells.map(\.value) == [.text("主责单位"), .number(83_291_235), .number(0.5)])
        #expect(try sheet.rows.item(0).cells.map(\.reference.description) == ["A1", "C1", "D1"])
        #expect(
            try sheet.rows.item(1).cells.map(\.value) == [
                .date(CivilDate(year: 2026, month: 3, day: 5)!), .bool(true), .text("第一行\n第二行\n第三行  末\t尾"), .text("同"),
                .text("同"),
            ])
    }

    @Test(
        "Excel serial days, 1900 and 1904 systems, Lotus's 1900-02-29 refused",
        arguments: [
            (1.0, false, "1900-01-01"), (59.0, false, "1900-02-28"), (61.0, false, "1900-03-01"),
            (46086.0, false, "2026-03-05"),
            (46086.75, false, "2026-03-05"), (2_958_465.0, false, "9999-12-31"), (0.0, true, "1904-01-01"),
            (44624.0, true, "2026-03-05"),
        ])
    func excelSerials(serial: Double, uses1904: Bool, iso: String) {
        #expect(ExcelDate.date(fromSerial: serial, uses1904: uses1904)?.iso == iso)
        if !uses1904, serial == serial.rounded() {
            let date = CivilDate(iso: iso)!
            #expect(Double(XLSXWorksheet.serial(year: date.year, month: date.month, day: date.day)) == serial)
        }
    }

    @Test("Serials that are no day are refused")
    func badSerials() {
        #expect(ExcelDate.date(fromSerial: 60, uses1904: false) == nil)
        #expect(ExcelDate.date(fromSerial: 0, uses1904: false) == nil)
        #expect(ExcelDate.date(fromSerial: -1, uses1904: true) == nil)
        #expect(ExcelDate.date(fromSerial: 2_958_466, uses1904: false) == nil)
        #expect(ExcelDate.date(fromSerial: .infinity, uses1904: false) == nil)
    }

    @Test(
        "Custom number formats: dates are told from numbers and times",
        arguments: [
            ("yyyy\\-mm\\-dd", true), ("yyyy\"年\"m\"月\"d\"日\";@", true), ("[$-804]yyyy/m/d", true),
            ("m/d/yy h:mm", true),
            ("General", false), ("0.00E+00", false), ("h:mm:ss", false), ("[h]:mm", false), ("\"day\" 0", false),
            ("0;[Red]-0", false),
            ("#,##0.00_);(#,##0.00)", false), ("mm:ss", false),
        ])
    func dateFormats(code: String, isDate: Bool) {
        #expect(XLSXStyles.isDateFormat(code) == isDate)
    }

    @Test("Cell references and ranges")
    func references() {
        #expect(CellReference("AB12") == CellReference(row: 12, column: 28))
        #expect(CellReference("$C$3")?.description == "C3")
        #expect(CellReference.columnName(16_384) == "XFD")
        #expect(CellRange("C3:A1")?.description == "A1:C3")
        #expect(CellRange("A1:C3")?.contains(CellReference("B2")!) == true)
        #expect(CellRange("A1:C3")?.contains(CellReference("D2")!) == false)
    }

    @Test("OOXML _xHHHH_ escapes are undone, and written back so that they survive")
    func ooxmlEscapes() {
        #expect(XLSXText.decode("a_x000D_\nb_x0009_c") == "a\nb\tc")
        #expect(XLSXText.decode("_x005F_x0041_") == "_x0041_")
        #expect(XLSXText.decode(SharedStringTable.escaped("x_x0041_y")) == "x_x0041_y")
        #expect(XLSXText.decode("_x12_ and _xZZZZ_") == "_x12_ and _xZZZZ_")
    }

    @Test("A renamed file is read for what it is; a damaged .xlsx that is no zip is refused")
    func sniffing() throws {
        let xlsx = try LedgerTemplate.xlsx()
        #expect(try SpreadsheetReader.read(xlsx, name: "台账.csv").format == .xlsx)
        #expect(try SpreadsheetReader.read(try LedgerTemplate.ods(), name: "台账.xlsx").format == .ods)
        let error = #expect(throws: SpreadsheetError.self) {
            try SpreadsheetReader.read(Array("编号\n".utf8), name: "台账.xlsx")
        }
        #expect(error?.message.hasPrefix("文件已损坏或不完整：不是 ZIP 压缩包") == true)
    }
}
