import DuchaCore
import Foundation
import Matters
import TestSupport
import Testing

/// The quarter-end run's implied 交办 (a record's 交办日期 with no 交办 in the input) and a 审定 of the same day.
@Suite("Implied 交办 and the day's 审定")
struct ImpliedAssignmentTests {
    @Test("a 审定 dated on the matter's own 交办日期 is recorded before the 交办 the batch adds")
    func approvalOnAssignmentDay() throws {
        let folder = try TestEnvironment.temporaryDirectory("ducha-implied")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = TestEnvironment.packageRoot.path
        // 2026-001's record says 交办日期 2026-01-05; the input approves it that same day.
        let events = folder.appendingPathComponent("审定.json")
        try Data(
            """
            [{"事项": "2026-001", "事件": "审定", "日期": "2026-01-05", "审定人": "区长"}]
            """.utf8
        ).write(to: events)
        let workspace = try Workspace(archive: folder.path + "/Archive", templates: root + "/Templates")
        let result = try workspace.write { office in
            try office.batch(
                inputs: [root + "/Examples/重点任务-2026Q1.json", events.path], asOf: CivilDate(iso: "2026-01-05")!)
        }
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.slips.contains { $0.matter == "2026-001" && $0.form == .notice })
        let log = try workspace.write { try $0.record(id: "2026-001")?.log ?? [] }
        #expect(log.map(\.event.kind) == [.approval, .assignment])
    }
}
