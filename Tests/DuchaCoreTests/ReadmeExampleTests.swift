import DuchaCore
import Foundation
import Matters
import TestSupport
import Testing

/// The README's example of a program driving the core, run as it is written there.
@Suite("The README's in-process example")
struct ReadmeExampleTests {
    @Test("take in a record file and issue a 通知单")
    func example() throws {
        let folder = try TestEnvironment.temporaryDirectory("ducha-readme")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = TestEnvironment.packageRoot.path
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }

        // The README's lines, with its paths made absolute.
        let workspace = try Workspace(archive: folder.path + "/Archive", templates: root + "/Templates")
        try workspace.write { office in
            let intake = try office.takeIn(files: [root + "/Examples/重点任务-2026Q1.json"])
            for problem in intake.problems { print(problem) }
            let run = try office.assign(["2026-001"])
            for slip in run.slips { print(slip.number, slip.path) }
        }

        #expect(printed.count == 1, "\(printed)")
        let expected = folder.path + "/Archive/2026/2026-001/data/交办/督查通知单-西督通〔2026〕1号.odt"
        #expect(printed.first == "西督通〔2026〕1号 " + expected)
        #expect(FileManager.default.fileExists(atPath: expected))
        let ledger = try workspace.ledger(asOf: CivilDate(iso: "2026-01-05")!)
        #expect(ledger.rows.first { $0.id == "2026-001" }?.state == .assigned)
    }
}
