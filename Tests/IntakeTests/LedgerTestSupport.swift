import Foundation
import TestSupport
import Testing

@testable import Intake
@testable import Matters

/// Fixtures and example data for the ledger (台账) tests.
enum LedgerTestSupport {
    static func fixture(_ name: String) throws -> [UInt8] { try TestEnvironment.fixture(name, in: "IntakeTests") }

    /// The matters of the JSON examples, in the order the example tests read them.
    static func exampleMatters() throws -> [Matter] {
        let result = try ExamplesTests.read()
        #expect(result.diagnostics.isEmpty)
        return result.matters
    }

    /// Reads one ledger; attachments are read from the file system.
    static func read(_ name: String, _ bytes: [UInt8]) -> LedgerReader.Result {
        LedgerReader.read(files: [(name, bytes)]) { path in
            FileManager.default.contents(atPath: path).map { [UInt8]($0) }
        }
    }

    /// One matter read from JSON text (an array of one record), which must be valid.
    static func matter(json: String) -> Matter? {
        let result = MatterReader.read(files: [("expected.json", Array(json.utf8))])
        #expect(result.diagnostics.map(\.description) == [])
        return result.matters.first
    }

    /// Every difference between two lists of matters, field by field, for a readable failure.
    static func differences(_ actual: [Matter], _ expected: [Matter]) -> [String] {
        var found: [String] = []
        if actual.count != expected.count { found.append("\(actual.count) matters, expected \(expected.count)") }
        for (a, e) in zip(actual, expected) where a != e {
            let keys = Set(a.values.entries.map(\.key) + e.values.entries.map(\.key))
            for key in keys.sorted() where a.values[key] != e.values[key] {
                found.append(
                    "\(e.id) \(key): \(String(describing: a.values[key])) ≠ \(String(describing: e.values[key]))")
            }
            if a.values.entries.map(\.key) != e.values.entries.map(\.key) { found.append("\(e.id): key order differs") }
        }
        return found
    }
}

/// LibreOffice Calc, to make workbooks the way an office suite does.
enum LibreOffice {
    /// Converts `file` to `format` (`xlsx`, `ods`, `csv`) into a folder beside it; a CSV is read as UTF-8 with
    /// commas. The converted file.
    static func convert(_ file: URL, to format: String) throws -> URL {
        try TestEnvironment.convertWithLibreOffice(
            file, to: format, inputFilter: file.pathExtension == "csv" ? "CSV:44,34,76,1" : nil)
    }
}

extension Array {
    /// The element at `index`, or a recorded failure — never the crash that would stop every test.
    func item(_ index: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> Element {
        try #require(indices.contains(index), "no element \(index) among \(count)", sourceLocation: sourceLocation)
        return self[index]
    }
}
