import Foundation
import Matters
import TestSupport
import Testing

@testable import Archive

/// Numbers given in a run: journalled one line each, folded into registry.xml once, never lost or given twice.
@Suite("The registry's journal and the run")
struct RegistryJournalTests {
    func entry(_ serial: Int, matter: String) -> Registry.Entry {
        Registry.Entry(
            form: Form.notice.rawValue, number: DocumentNumber(prefix: "西督通", year: 2026, serial: serial),
            matter: matter, date: CivilDate(year: 2026, month: 1, day: 5)!,
            file: "2026/\(matter)/data/交办/督查通知单-西督通〔2026〕\(serial)号.odt")
    }

    @Test("a journalled number is seen by the next load, and save folds it into registry.xml and empties the journal")
    func journalThenSave() throws {
        let root = try TestEnvironment.temporaryDirectory("ducha-registry").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        var registry = try Registry.load(root: root, year: 2026)
        try registry.append(entry(1, matter: "2026-001"))
        try registry.append(entry(2, matter: "2026-002"))
        #expect(!FileManager.default.fileExists(atPath: root + "/2026/registry.xml"))
        let reloaded = try Registry.load(root: root, year: 2026)
        #expect(reloaded.entries == [entry(1, matter: "2026-001"), entry(2, matter: "2026-002")])
        #expect(reloaded.journaled == 2)
        #expect(reloaded.next(prefix: "西督通").serial == 3)
        #expect(reloaded.existing(form: .notice, matter: "2026-002")?.number.serial == 2)
        var saving = reloaded
        try saving.save()
        #expect(!FileManager.default.fileExists(atPath: root + "/2026/.registry-journal"))
        let saved = try Registry.load(root: root, year: 2026)
        #expect(saved.entries == reloaded.entries && saved.journaled == 0)
    }

    @Test("a line cut short by a crash gave no number; a damaged whole line is an error naming the journal")
    func tornAndDamagedLines() throws {
        let root = try TestEnvironment.temporaryDirectory("ducha-registry").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        var registry = try Registry.load(root: root, year: 2026)
        try registry.append(entry(1, matter: "2026-001"))
        let journal = root + "/2026/.registry-journal"
        let handle = try #require(FileHandle(forWritingAtPath: journal))
        handle.seekToEndOfFile()
        handle.write(Data("<文号 单据=\"督查通知单\" 前缀=\"西督".utf8))
        try handle.close()
        let torn = try Registry.load(root: root, year: 2026)
        #expect(torn.entries == [entry(1, matter: "2026-001")])
        #expect(torn.next(prefix: "西督通").serial == 2)
        let damaged = try String(contentsOfFile: journal, encoding: .utf8) + "\n"
        try damaged.write(toFile: journal, atomically: false, encoding: .utf8)
        #expect {
            _ = try Registry.load(root: root, year: 2026)
        } throws: { error in
            (error as? ArchiveError)?.path == journal && (error as? ArchiveError)?.code == .damaged
        }
    }

    @Test("in a run, numbers follow on from registry.xml and the journal, and finish writes registry.xml once")
    func runGivesNumbersInMemory() throws {
        let root = try TestEnvironment.temporaryDirectory("ducha-registry").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        var first = try Registry.load(root: root, year: 2026)
        try first.append(entry(1, matter: "2026-001"))
        try first.save()
        let run = ArchiveRun(root: root)
        try run.give(entry(2, matter: "2026-002"), year: 2026)
        #expect(try run.registry(2026).next(prefix: "西督通").serial == 3)
        // Until the run ends, registry.xml holds the first number only; a reader sees both through the journal.
        #expect(try Registry.load(root: root, year: 2026).entries.count == 2)
        let before = try String(contentsOfFile: root + "/2026/registry.xml", encoding: .utf8)
        #expect(!before.contains("2026-002"))
        try run.finish()
        let after = try String(contentsOfFile: root + "/2026/registry.xml", encoding: .utf8)
        #expect(after.contains("2026-002"))
        #expect(!FileManager.default.fileExists(atPath: root + "/2026/.registry-journal"))
    }

    @Test("recovery writes a dead run's journalled numbers into registry.xml")
    func recoveryFoldsJournal() throws {
        let root = try TestEnvironment.temporaryDirectory("ducha-registry").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        var registry = try Registry.load(root: root, year: 2026)
        try registry.append(entry(1, matter: "2026-001"))
        _ = try ArchiveStore(root: root, office: office).recover()
        let xml = try String(contentsOfFile: root + "/2026/registry.xml", encoding: .utf8)
        #expect(xml.contains("西督通〔2026〕1号"))
        #expect(!FileManager.default.fileExists(atPath: root + "/2026/.registry-journal"))
    }
}
