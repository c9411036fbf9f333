import Foundation
import Testing

@testable import Intake
@testable import Matters

/// Hostile and absurd workbooks are refused with a clear Chinese message, without a crash and
/// without allocating what they ask for (`Fixtures/make-hostile-fixtures.py` makes them).
@Suite("Hostile workbooks")
struct HostileWorkbookTests {
    static func hostile(_ name: String) throws -> [UInt8] { try LedgerTestSupport.fixture("hostile/" + name) }

    /// The one diagnostic of a refused file, as printed.
    static func refusal(_ name: String, _ bytes: [UInt8]) -> String {
        let result = LedgerTestSupport.read(name, bytes)
        #expect(result.hasErrors)
        #expect(result.matters.matters.isEmpty && result.events.events.isEmpty)
        #expect(result.diagnostics.count == 1)
        return result.diagnostics.first?.description ?? ""
    }

    @Test("A zip bomb (40 MiB from 40 KB) is refused before it is inflated")
    func zipBomb() throws {
        let message = Self.refusal("炸弹.xlsx", try Self.hostile("bomb.xlsx"))
        #expect(message.hasPrefix("炸弹.xlsx: 超出安全限制，拒绝读取（xl/worksheets/sheet1.xml：压缩比 "))
        #expect(message.hasSuffix(":1 超过上限 200:1（疑似 ZIP 炸弹））"))
    }

    @Test("A bomb that declares a small size is stopped when its data runs past the declared size")
    func lyingBomb() throws {
        let message = Self.refusal("炸弹.xlsx", try Self.hostile("bomb-lying.xlsx"))
        #expect(message == "炸弹.xlsx: 超出安全限制，拒绝读取（xl/worksheets/sheet1.xml：解压后的数据超过声明的大小 2048 字节（疑似 ZIP 炸弹））")
    }

    @Test("An external entity in the shared strings is refused, and the entity is never read")
    func externalEntity() throws {
        let message = Self.refusal("台账.xlsx", try Self.hostile("xxe.xlsx"))
        #expect(message == "台账.xlsx: xl/sharedStrings.xml 第 2 行 含有 DOCTYPE 文档类型声明或实体引用，可能是恶意文件，出于安全原因拒绝读取")
        #expect(!message.contains("root:"))
    }

    @Test("A billion-laughs sheet is refused")
    func billionLaughs() throws {
        let message = Self.refusal("台账.xlsx", try Self.hostile("laughs.xlsx"))
        #expect(message.contains("xl/worksheets/sheet1.xml 第 2 行 含有 DOCTYPE"))
    }

    @Test("An entry named ../../etc/cron.d/ducha is refused")
    func dotDot() throws {
        let message = Self.refusal("台账.xlsx", try Self.hostile("dotdot.xlsx"))
        #expect(message.contains("压缩包条目名不安全"))
        #expect(message.contains("../../etc/cron.d/ducha"))
    }

    @Test("A truncated XLSX is refused as damaged, at every length")
    func truncated() throws {
        let whole = try LedgerTestSupport.fixture("excel-style.xlsx")
        for length in [whole.count / 2, whole.count - 30, 10] {
            let message = Self.refusal("台账.xlsx", Array(whole.prefix(length)))
            #expect(message.hasPrefix("台账.xlsx: 文件已损坏或不完整"), "\(length): \(message)")
        }
    }

    @Test("An old .xls (or a password-protected workbook) is refused with what to do")
    func oldExcel() {
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        let message = Self.refusal("台账.xls", ole)
        #expect(message.contains("Excel 97-2003"))
        #expect(message.contains("另存为 .xlsx"))
    }

    @Test("An ODS with an opening password is refused as encrypted")
    func encryptedODS() throws {
        #expect(Self.refusal("台账.ods", try Self.hostile("encrypted.ods")).contains("设有打开密码"))
    }

    @Test("1,048,576 repeated rows of 16,384 empty cells cost nothing")
    func repeatedEmptyCells() throws {
        let workbook = try ODSReader.read(try Self.hostile("repeated-empty.ods"))
        #expect(workbook.sheets.map(\.name) == ["空表"])
        #expect(try workbook.sheets.item(0).rows.isEmpty)
    }

    @Test("A value repeated over every cell of a sheet is refused before it is copied out")
    func repeatedFullCells() throws {
        let error = #expect(throws: SpreadsheetError.self) { try ODSReader.read(try Self.hostile("repeated.ods")) }
        #expect(error?.message == "工作表“满表”的数据超过 500000 个单元格的上限，拒绝读取（是否有整行整列填满了内容？）")
    }

    static func flatODS(_ rows: String) -> [UInt8] {
        Array(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body>\
            <office:spreadsheet><table:table table:name="事项">\(rows)</table:table></office:spreadsheet></office:body>\
            </office:document>
            """.utf8)
    }

    @Test("A value pushed past the last row by an absurd repeat count is refused")
    func pastTheLastRow() {
        let bytes = Self.flatODS(
            """
            <table:table-row table:number-rows-repeated="99999999999999999999"><table:table-cell/></table:table-row>
            <table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>
            """)
        let error = #expect(throws: SpreadsheetError.self) { try SpreadsheetReader.read(bytes, name: "台账.fods") }
        #expect(error?.message == "工作表“事项”的单元格超出表格范围（第 1048577 行第 1 列；最多 1048576 行、16384 列）")
    }

    @Test("A space run of two billion (text:s text:c) is cut to 10,000")
    func absurdSpaces() throws {
        let bytes = Self.flatODS(
            """
            <table:table-row><table:table-cell table:number-columns-repeated="16383"/>\
            <table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>
            <table:table-row><table:table-cell><text:p>a<text:s text:c="2000000000"/>b</text:p></table:table-cell></table:table-row>
            """)
        let sheet = try #require(try SpreadsheetReader.read(bytes, name: "台账.fods").sheets.first)
        #expect(sheet.rows.map(\.number) == [1, 2])
        #expect(try sheet.rows.item(0).cells.map(\.reference.description) == ["XFD1"])
        #expect(try sheet.rows.item(1).cells.first?.value == .text("a" + String(repeating: " ", count: 10_000) + "b"))
    }

    @Test("A cell beyond XFD1048576 is refused")
    func beyondTheSheet() {
        #expect(CellReference("XFD1048576") == CellReference(row: 1_048_576, column: 16_384))
        #expect(CellReference("XFE1") == nil)
        #expect(CellReference("A1048577") == nil)
        #expect(CellReference("A0") == nil)
        #expect(CellReference("1A") == nil)
    }

    @Test("A CSV in GBK is read as GB18030 with a warning naming the encoding, or refused naming it")
    func gbkCSV() throws {
        let gbk = LedgerTestSupport.read("台账.csv", try Self.hostile("台账-gbk.csv"))
        let utf8 = LedgerTestSupport.read("台账.csv", try Self.hostile("台账-utf8.csv"))
        #expect(utf8.diagnostics.map(\.description) == [])
        #expect(utf8.matters.matters.count == 1)
        if TextDecoding.gb18030([0xCA, 0xC2]) == "事" {
            #expect(gbk.matters.matters == utf8.matters.matters)
            #expect(
                gbk.diagnostics.map(\.description) == [
                    "台账.csv: （警告）文件编码是 GBK（GB18030），不是 UTF-8，已按 GB18030 读取；为免误读，请在 Excel/WPS 中“另存为”，保存类型选“CSV UTF-8（逗号分隔）”，再导入"
                ])
        } else {
            #expect(
                gbk.diagnostics.map(\.description) == [
                    "台账.csv: 文件编码是 GBK（GB18030），不是 UTF-8；请在 Excel/WPS 中“另存为”，保存类型选“CSV UTF-8（逗号分隔）”，再导入"
                ])
        }
    }

    @Test("Without a GB18030 converter, a GBK file is refused with its encoding named")
    func gbkWithoutConverter() throws {
        let gbk = try Self.hostile("台账-gbk.csv")
        let error = #expect(throws: SpreadsheetError.self) { try TextDecoding.decode(gbk) { _ in nil } }
        #expect(error?.message == "文件编码是 GBK（GB18030），不是 UTF-8；请在 Excel/WPS 中“另存为”，保存类型选“CSV UTF-8（逗号分隔）”，再导入")
        #expect(try TextDecoding.decode(gbk).encoding == .gb18030)
        #expect(try TextDecoding.decode(Self.hostile("台账-utf8.csv")) { _ in nil }.encoding == .utf8)
    }

    @Test("Bytes that are neither UTF-8 nor GB18030 are refused with the encodings named")
    func unknownEncoding() {
        let message = Self.refusal("台账.csv", Array("编号,名称\r\n".utf8) + [0x80, 0xFF, 0x2C, 0x0A])
        #expect(
            message == "台账.csv: 文件编码无法识别（不是 UTF-8，也不是 GBK/GB18030）；请在 Excel/WPS 中“另存为”，保存类型选“CSV UTF-8（逗号分隔）”，再导入")
    }

    @Test("GBK's byte shape is recognised without a converter")
    func gbkShape() {
        #expect(TextDecoding.looksLikeGBK([0xCA, 0xC2, 0xCF, 0xEE, 0x2C, 0x41]))
        #expect(!TextDecoding.looksLikeGBK([0xCA, 0x2C]))
        #expect(!TextDecoding.looksLikeGBK(Array("abc".utf8)))
    }
}
