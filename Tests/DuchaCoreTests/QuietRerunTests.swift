import Foundation
import Glibc
import Matters
import TestSupport
import Testing

@testable import DuchaCore

/// Every entry under `root` (the lock file left out) with what a write to it, or to a folder it is in, would
/// change: inode, size, modification and status-change times to the nanosecond.
private func entries(_ root: String) throws -> [String: [Int]] {
    var found: [String: [Int]] = [:]
    func visit(_ path: String, _ relative: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else { throw CocoaError(.fileReadUnknown) }
        found[relative] = [
            Int(status.st_ino), Int(status.st_size), status.st_mtim.tv_sec, status.st_mtim.tv_nsec,
            status.st_ctim.tv_sec, status.st_ctim.tv_nsec,
        ]
        guard (status.st_mode & S_IFMT) == S_IFDIR else { return }
        for name in try FileManager.default.contentsOfDirectory(atPath: path) where name != ".ducha.lock" {
            try visit(path + "/" + name, relative + "/" + name)
        }
    }
    try visit(root, ".")
    return found
}

@Suite("A run with nothing to do writes nothing; attachments are copied only for new events")
struct QuietRerunTests {
    @Test("the same batch again creates, changes and removes nothing: no staged copy, no marker, no folder touched")
    func sameBatchWritesNothing() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        let first = try archive.batch()
        #expect(first.problems.isEmpty, "\(first.problems)")
        let before = try entries(archive.archive)
        #expect(before.keys.contains { $0.hasSuffix("附件-2026-009-进展报告.pdf") }, "the example's attachment is filed")
        let again = try archive.batch()
        #expect(again.problems.isEmpty && again.slips.isEmpty && again.intake.eventsAdded == 0)
        let after = try entries(archive.archive)
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        #expect(changed.isEmpty, "written again: \(changed)")
    }

    @Test("an attachment changed after it was checked and before its event is recorded refuses its whole file")
    func attachmentChangedBeforeRecording() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        try archive.takeIn([TestArchive.example("重点任务-2026Q1.json")])
        let inbox = archive.path("来件")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        try Data("%PDF-1.4 签收".utf8).write(to: URL(fileURLWithPath: inbox + "/签收.pdf"))
        let events = inbox + "/事件.json"
        try Data(
            """
            [
              { "事项": "2026-001", "事件": "交办", "日期": "2026-01-05" },
              { "事项": "2026-001", "事件": "签收", "日期": "2026-01-06", "签收人": "郑文博", "附件": ["签收.pdf"] }
            ]
            """.utf8
        ).write(to: URL(fileURLWithPath: events))
        try archive.write { office in
            let inputs = try office.checkInputs([events], attachments: office.staging)
            #expect(inputs.eventDiagnostics.isEmpty, "\(inputs.eventDiagnostics)")
            let attachment = try #require(inputs.events.last?.attachments.first)
            guard case .inPlace = attachment.content else {
                Issue.record("checked attachments are hashed in place, not copied: \(attachment.content)")
                return
            }
            #expect(!FileManager.default.fileExists(atPath: office.store.stagingFolder), "nothing staged yet")
            // The sender's file changes between the check and the recording.
            try Data("%PDF-1.4 另一份".utf8).write(to: URL(fileURLWithPath: inbox + "/签收.pdf"))
            var planned = inputs.events
            var result = IntakeResult()
            let keep = try office.plannedAndStaged(&planned, files: [events], asOf: nil, into: &result)
            #expect(keep == [false, false], "no event of the file is recorded")
            #expect(
                result.problems.map(\.description).contains { $0.contains("在读取时被改动") && $0.contains("都未记录") },
                "\(result.problems)")
        }
        // Read again as it is now, the file is taken whole.
        let result = try archive.takeIn([events])
        #expect(result.eventsAdded == 2, "the file as it is now is taken whole: \(result.problems)")
    }

    @Test("a new event's attachment is staged, filed under its digest, and the staging folder is gone afterwards")
    func newEventStagedAndFiled() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        try archive.takeIn([TestArchive.example("重点任务-2026Q1.json")])
        let inbox = archive.path("来件")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let bytes = Data("%PDF-1.4 签收回执".utf8)
        try bytes.write(to: URL(fileURLWithPath: inbox + "/回执.pdf"))
        let events = inbox + "/事件.json"
        try Data(
            """
            [
              { "事项": "2026-001", "事件": "交办", "日期": "2026-01-05" },
              { "事项": "2026-001", "事件": "签收", "日期": "2026-01-06", "签收人": "郑文博", "附件": ["回执.pdf"] }
            ]
            """.utf8
        ).write(to: URL(fileURLWithPath: events))
        let result = try archive.takeIn([events])
        #expect(result.problems.isEmpty && result.eventsAdded == 2, "\(result.problems)")
        let filed = try archive.snapshot().first { $0.key.hasSuffix("002-附件-回执.pdf") }
        #expect(filed?.value == bytes)
        #expect(!FileManager.default.fileExists(atPath: archive.archive + "/.staging"))
    }
}
