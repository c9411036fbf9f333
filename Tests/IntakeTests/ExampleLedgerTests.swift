import Foundation
import TestSupport
import Testing

@testable import Intake
@testable import Matters

/// `Examples/台账-2026Q1.xlsx`, made by LibreOffice from a CSV export of the JSON examples
/// (`Fixtures/make-example-ledger.py`), is the same quarter as the JSON records.
@Suite("The example ledger")
struct ExampleLedgerTests {
    static let file = TestEnvironment.packageRoot.appendingPathComponent("Examples/台账-2026Q1.xlsx")

    @Test("Examples/台账-2026Q1.xlsx imports to exactly the matters of the JSON examples")
    func sameMattersAsJSON() throws {
        let expected = try LedgerTestSupport.exampleMatters()
        #expect(expected.count == 33)
        let result = LedgerTestSupport.read("台账-2026Q1.xlsx", try bytes(of: Self.file))
        #expect(result.diagnostics.map(\.description) == [])
        #expect(LedgerTestSupport.differences(result.matters.matters, expected) == [])
        #expect(result.matters.matters == expected)
        #expect(result.events.events.isEmpty)
    }

    @Test("It was written by LibreOffice, with real date cells")
    func madeByLibreOffice() throws {
        #expect(try TestEnvironment.zipEntry(Self.file, "docProps/app.xml").contains("<Application>LibreOffice/"))
        let workbook = try XLSXReader.read(try bytes(of: Self.file))
        #expect(workbook.sheets.map(\.name) == ["事项"])
        let dates = try workbook.sheets.item(0).rows.flatMap(\.cells).filter {
            if case .date = $0.value { true } else { false }
        }
        #expect(dates.count >= 33 * 3)
    }
}
