import Foundation
import TestSupport
import Testing

@testable import Intake
@testable import Matters

@Suite("Ledger templates (ducha template ledger)")
struct LedgerTemplateTests {
    /// What a template reads back as.
    static func readBack(_ name: String, _ bytes: [UInt8]) -> LedgerReader.Result {
        let result = LedgerTestSupport.read(name, bytes)
        #expect(result.diagnostics.map(\.description) == [])
        return result
    }

    @Test("The example row is the README's 2026-001 and its 审定")
    func example() {
        let matter = LedgerTemplate.exampleMatter
        #expect(matter.id == "2026-001")
        #expect(matter.coUnits == ["区文化和旅游局", "区城市管理委"])
        #expect(LedgerTemplate.exampleEvent.kind == .approval)
    }

    @Test("The XLSX template reads back as exactly its example matter and event")
    func xlsxRoundTrip() throws {
        let result = Self.readBack("台账.xlsx", try LedgerTemplate.xlsx())
        #expect(result.matters.matters == [LedgerTemplate.exampleMatter])
        #expect(result.events.events.map(\.event) == [LedgerTemplate.exampleEvent])
    }

    @Test("The ODS template reads back as exactly its example matter and event")
    func odsRoundTrip() throws {
        let result = Self.readBack("台账.ods", try LedgerTemplate.ods())
        #expect(result.matters.matters == [LedgerTemplate.exampleMatter])
        #expect(result.events.events.map(\.event) == [LedgerTemplate.exampleEvent])
    }

    @Test("The CSV template is UTF-8 with BOM and CR LF, and reads back as its example matter")
    func csvRoundTrip() throws {
        let bytes = LedgerTemplate.csv()
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix(LedgerColumns.matters.map(\.header).joined(separator: ",") + "\r\n"))
        #expect(text.contains("\"请什刹海街道牵头，会同各协办单位于1月9日前制定冰场开放运营安全保障工作方案。\n严格执行"))
        let result = Self.readBack("台账.csv", bytes)
        #expect(result.matters.matters == [LedgerTemplate.exampleMatter])
    }

    @Test("Templates are reproducible: the same bytes every time")
    func reproducible() throws {
        #expect(try LedgerTemplate.xlsx() == LedgerTemplate.xlsx())
        #expect(try LedgerTemplate.ods() == LedgerTemplate.ods())
    }

    @Test("The XLSX has Excel's parts; dates are serials under a date style; text columns are text")
    func xlsxParts() throws {
        let workbook = try XLSXReader.read(try LedgerTemplate.xlsx())
        #expect(workbook.sheets.map(\.name) == ["事项", "事件", "填表说明"])
        let header = try workbook.sheets.item(0).rows.item(0).cells.map { CellText.plain($0.value) }
        #expect(header == LedgerColumns.matters.map(\.header))
        let deadline = LedgerColumns.matters.firstIndex { $0.key == "办理时限" }! + 1
        #expect(
            try workbook.sheets.item(0).rows.item(1).value(inColumn: deadline) == .date(CivilDate(iso: "2026-02-27")!))

        let folder = try TestEnvironment.temporaryDirectory("ducha-ledger")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("台账.xlsx")
        try Data(try LedgerTemplate.xlsx()).write(to: file)
        let names = try TestEnvironment.zipNames(file)
        #expect(
            names == [
                "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
                "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/styles.xml",
                "xl/sharedStrings.xml",
            ])
        let styles = try TestEnvironment.zipEntry(file, "xl/styles.xml")
        #expect(styles.contains(#"<numFmt numFmtId="176" formatCode="yyyy\-mm\-dd"/>"#))
        let sheet = try TestEnvironment.zipEntry(file, "xl/worksheets/sheet1.xml")
        // 办理时限 2026-02-27 as a serial with the date style.
        #expect(sheet.contains(#"<c r="S2" s="2"><v>46080</v></c>"#))
        #expect(sheet.contains(#"<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="C2:C1001">"#))
        #expect(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
    }

    @Test("The ODS template is strictly valid ODF 1.3", .needs("check-odt"))
    func odsIsValid() throws {
        let folder = try TestEnvironment.temporaryDirectory("ducha-ledger")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("台账.ods")
        try Data(try LedgerTemplate.ods()).write(to: file)
        let failures = try TestEnvironment.checkODTFailures([file.path], extraArguments: ["--mimetype", "any"])
        #expect(failures == nil, "\(failures ?? "")")
    }

    @Test("The header scheme: every catalogue field has a column; no header names two columns")
    func scheme() {
        for sheet in [LedgerColumns.matters, LedgerColumns.events] {
            var owner: [String: String] = [:]
            for column in sheet {
                for name in column.accepted {
                    #expect(
                        owner[name] == nil || owner[name] == column.key,
                        "\(name): \(owner[name] ?? "") and \(column.key)")
                    owner[name] = column.key
                }
            }
        }
        let leaves = MatterCatalogue.fields.flatMap { spec -> [String] in
            switch spec.type {
            case .record(let fields), .list(.record(let fields)): return fields.map { spec.key + "." + $0.key }
            default: return [spec.key]
            }
        }
        #expect(LedgerColumns.matters.map(\.key) == leaves)
        let eventKeys = Set(EventKind.allCases.flatMap { EventCatalogue.allFields(of: $0).map(\.key) })
        #expect(Set(LedgerColumns.events.map(\.key)) == eventKeys)
        #expect(
            LedgerColumns.matters.filter { $0.path.count > 1 }.map(\.header) == [
                "批示领导", "批示日期", "批示内容", "主责单位", "主责单位联系人", "主责单位电话", "协办单位", "协办单位联系人", "协办单位电话",
                "督查员", "督查员电话",
            ])
    }
}
