import Foundation
import TestSupport
import Testing

@testable import Intake
@testable import Matters
@testable import Rendering

/// Workbooks made by real office software: LibreOffice converts, in the test's set-up, a CSV export
/// of the JSON examples to XLSX and ODS, and our templates to the other format.
@Suite(
    "Ledgers made by LibreOffice", .tags(.libreOffice), .unlessSkippingSlow, .needs("libreoffice-calc"))
struct LibreOfficeLedgerTests {
    @Test(
        "The JSON examples, exported to CSV and saved by LibreOffice as XLSX and ODS, read back the same",
        arguments: ["xlsx", "ods"])
    func examplesThroughLibreOffice(format: String) throws {
        let expected = try LedgerTestSupport.exampleMatters()
        let folder = try TestEnvironment.temporaryDirectory("ducha-ledger")
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("事项.csv")
        let ledger = Spreadsheet.ledger(matters: expected, events: [], help: false)
        try Data(CSVWriter.write(ledger.sheets[0])).write(to: csv)
        #expect(LedgerTestSupport.read("事项.csv", try bytes(of: csv)).matters.matters == expected)

        let converted = try LibreOffice.convert(csv, to: format)
        let workbook = try SpreadsheetReader.read(try bytes(of: converted), name: converted.lastPathComponent)
        #expect(workbook.sheets.map(\.name) == ["事项"])
        // LibreOffice typed the dates as dates and the mobile numbers as numbers.
        #expect(
            try workbook.sheets.item(0).rows.dropFirst().contains {
                $0.cells.contains { if case .date = $0.value { true } else { false } }
            })
        #expect(
            try workbook.sheets.item(0).rows.dropFirst().contains {
                $0.cells.contains { if case .number = $0.value { true } else { false } }
            })

        let result = LedgerTestSupport.read("台账.\(format)", try bytes(of: converted))
        #expect(result.diagnostics.map(\.description) == [])
        #expect(LedgerTestSupport.differences(result.matters.matters, expected) == [])
        #expect(result.matters.matters == expected)
    }

    @Test(
        "LibreOffice opens our templates: XLSX saved again as ODS and ODS as XLSX read back the same",
        arguments: [("xlsx", "ods"), ("ods", "xlsx")])
    func templatesThroughLibreOffice(from: String, to: String) throws {
        let folder = try TestEnvironment.temporaryDirectory("ducha-ledger")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("台账.\(from)")
        try Data(from == "xlsx" ? try LedgerTemplate.xlsx() : try LedgerTemplate.ods()).write(to: file)
        let converted = try LibreOffice.convert(file, to: to)
        let result = LedgerTestSupport.read(converted.lastPathComponent, try bytes(of: converted))
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.matters.matters == [LedgerTemplate.exampleMatter])
        #expect(result.events.events.map(\.event) == [LedgerTemplate.exampleEvent])
    }
}
