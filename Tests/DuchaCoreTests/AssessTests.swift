import DuchaCore
import Foundation
import Matters
import TestSupport
import Testing

/// The 督考合一 sheet: per-unit figures as the ledger gives them, typed cells in the .ods, numbering, bytes.
@Suite("The 督考合一 sheet")
struct AssessTests {
    /// The figures of a line in the sheet's column order (after 序号 and 主责单位), rate as a fraction.
    func columns(_ f: Publications.Figures) -> [Double?] {
        [f.matters, f.due, f.completed, f.onTime].map { Double($0) }
            + [f.due == 0 ? nil : Double(f.onTime) / Double(f.due)]
            + [f.overdue, f.reminders, f.returns, f.late, f.extensions].map { Double($0) }
    }

    @Test(
        "the .ods has one line per unit with numbers typed float and the rate typed percentage, equal to the ledger's")
    func spreadsheetMatchesLedger() throws {
        let archive = try Publications.quarter()
        defer { archive.remove() }
        let paths = try Publications.assessment(archive).publication.paths
        let odt = try #require(paths.first)
        #expect(odt.hasSuffix("/2026/assessment/data/督考合一考评表-西督考〔2026〕1号.odt"))
        let ods = odt.replacingOccurrences(of: ".odt", with: ".ods")
        #expect(paths == [odt, ods])
        let rows = try Publications.ledger(archive, on: "2026-03-31")
        let (units, total) = Publications.figures(rows, asOf: "2026-03-31")
        let classified = Publications.figures(rows.filter(\.classified), asOf: "2026-03-31").total

        let cells = Publications.typedCells(try Publications.part("content.xml", of: ods))
        let lines = cells.filter { $0.count == 12 && $0[0].text != "序号" }
        #expect(lines.count == units.count + 2, "units, 涉密, 合计")
        var seen = Set<String>()
        for line in lines {
            let label = line[1].text
            let expected: Publications.Figures
            switch label {
            case "合计": expected = total
            case "涉密事项（不列单位）": expected = classified
            default:
                expected = try #require(units[label], "unknown unit \(label)")
                #expect(line[0].type == "float", "序号 of \(label)")
                seen.insert(label)
            }
            for (index, value) in columns(expected).enumerated() {
                let cell = line[index + 2]
                if let value {
                    #expect(cell.type == (index == 4 ? "percentage" : "float"), "\(label) column \(index + 3): \(cell)")
                    #expect(
                        cell.value.flatMap(Double.init).map { abs($0 - value) < 1e-9 } == true,
                        "\(label) column \(index + 3)")
                } else {
                    #expect(cell.type == nil && cell.text.isEmpty, "\(label): nothing due, no rate")
                }
            }
        }
        #expect(seen == Set(units.keys))

        // The printable .odt shows the same figures.
        let table = Publications.table("督考合一考评表", in: try Publications.part("content.xml", of: odt))
        #expect(table.first?.count == 12 && table.first?[1] == "主责单位")
        for line in table.dropFirst() {
            guard let f = units[line[1]] else { continue }
            #expect(Array(line[2...5]) == [f.matters, f.due, f.completed, f.onTime].map(String.init), "\(line[1])")
            #expect(Array(line[7...]) == [f.overdue, f.reminders, f.returns, f.late, f.extensions].map(String.init))
        }
        #expect(table.last?[1] == "合计" && table.last?[2] == String(total.matters))
    }

    @Test(
        "one number per year and day: a re-run writes nothing, another day is another sheet, a fresh archive the same bytes"
    )
    func numberingAndReproducibility() throws {
        let first = try Publications.quarter()
        let second = try Publications.quarter()
        defer {
            first.remove()
            second.remove()
        }
        #expect(try Publications.assessment(first).publication.changed)
        let once = try first.snapshot()
        let again = try Publications.assessment(first).publication
        #expect(!again.changed && again.number.description == "西督考〔2026〕1号")
        #expect(try first.snapshot() == once)
        #expect(try Publications.assessment(second).publication.changed)
        let fresh = try second.snapshot()
        let sheets = once.keys.filter { $0.hasPrefix("2026/assessment/") }
        #expect(sheets.count == 8, "bag files (two algorithms), .odt and .ods: \(sheets)")
        for key in sheets + ["2026/registry.xml"] { #expect(fresh[key] == once[key], "\(key) differs") }

        let interim = try Publications.assessment(first, asOf: "2026-02-28").publication
        #expect(interim.changed && interim.number.description == "西督考〔2026〕2号", "\(interim.number)")
        #expect(throws: DuchaError.self) { try Publications.assessment(first, asOf: "2027-01-01") }
    }

    @Test(
        "bagit.py validates the assessment bag",
        .enabled(if: TestEnvironment.shouldRun(needing: "bagit.py"), "bagit.py missing (pip install bagit)"))
    func bagValidates() throws {
        let bagit = try #require(TestEnvironment.which("bagit.py"), "bagit.py is required in CI")
        let archive = try Publications.quarter()
        defer { archive.remove() }
        _ = try Publications.assessment(archive)
        let result = try run(bagit, ["--validate", "--quiet", archive.archive + "/2026/assessment"])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
