import Foundation
import Matters
import TestSupport
import Testing

@testable import Archive

@Suite("A run's durability: one syncfs at its end, copies made again by recovery")
struct RunDurabilityTests {
    func event(_ kind: EventKind, _ day: String, sequence: Int) throws -> StoredEvent {
        let values = FieldRecord([
            ("事项", .text("2026-001")), ("事件", .text(kind.rawValue)), ("日期", .date(try #require(CivilDate(iso: day)))),
        ])
        return StoredEvent(sequence: sequence, event: MatterEvent(kind: kind, values: values), digests: [])
    }

    @Test("event records torn or lost in a marked bag are written again from matter.xml, and the bag validates")
    func recoveryRewritesEventRecords() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = directory.path
        let run = ArchiveRun(root: root)
        let store = ArchiveStore(root: root, office: office, run: run)
        let record = matter("2026-001")
        _ = try store.register(record)
        let log = [try event(.assignment, "2026-01-05", sequence: 1), try event(.receipt, "2026-01-06", sequence: 2)]
        try store.saveLog(log, of: record)
        try run.finish()
        let bag = root + "/2026/2026-001"
        let assignment = bag + "/data/交办/001-交办-2026-01-05.xml"
        let receipt = bag + "/data/交办/002-签收-2026-01-06.xml"
        let good = try AtomicFile.read(receipt)
        #expect(BagVerifier.verify(bag).isEmpty)
        // A run dies with the bag marked: one copy is torn (its bytes were not yet synced), one never got there.
        try ChangeJournal(root: root).begin("2026/2026-001")
        try Data(good.prefix(10)).write(to: URL(fileURLWithPath: receipt))
        try FileManager.default.removeItem(atPath: assignment)
        #expect(try ArchiveStore(root: root, office: office).recover() == ["2026/2026-001"])
        #expect(try AtomicFile.read(receipt) == good)
        #expect(FileManager.default.fileExists(atPath: assignment))
        #expect(BagVerifier.verify(bag).isEmpty, "\(BagVerifier.verify(bag))")
        #expect(try ChangeJournal(root: root).pending().isEmpty)
    }

    @Test("bags a run writes stay marked and unsealed until it finishes, then are sealed and unmarked")
    func finishSyncsOnce() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = directory.path
        let run = ArchiveRun(root: root)
        let store = ArchiveStore(root: root, office: office, run: run)
        for n in 1...3 { _ = try store.register(matter("2026-00\(n)")) }
        #expect(try ChangeJournal(root: root).pending().count == 3, "every bag marked until the run ends")
        #expect(
            !FileManager.default.fileExists(atPath: root + "/2026/2026-001/manifest-sha256.txt"), "sealed at the end")
        try run.finish()
        #expect(try ChangeJournal(root: root).pending().isEmpty)
        for n in 1...3 { #expect(BagVerifier.verify(root + "/2026/2026-00\(n)").isEmpty) }
    }
}
