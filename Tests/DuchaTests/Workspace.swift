import Foundation
import TestSupport

/// A temporary archive with the shipped templates and examples, driven through the `ducha` binary.
struct Workspace {
    let directory: URL
    var archive: String { directory.appendingPathComponent("Archive").path }
    static let templates = TestEnvironment.packageRoot.appendingPathComponent("Templates").path
    static let examples = ["重点任务-2026Q1.json", "领导批示-2026Q1.json"].map(example)
    /// The example quarter: the matter records and their events.
    static let quarter = examples + [example("事件-2026Q1.json")]
    /// Seven events the lifecycle refuses.
    static let forbidden = example("场景/不允许的事件.json")

    static func example(_ name: String) -> String {
        TestEnvironment.packageRoot.appendingPathComponent("Examples/\(name)").path
    }

    init() throws { directory = try TestEnvironment.temporaryDirectory("ducha-e2e") }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Runs `ducha` with `--archive` and `--templates` pointing here.
    @discardableResult
    func ducha(_ arguments: [String], archiveOptions: Bool = true) throws -> CommandResult {
        let extra = archiveOptions ? ["--archive", archive, "--templates", Self.templates] : []
        return try run(TestEnvironment.ducha, arguments + extra, in: directory)
    }

    /// The quarter-end batch as of 2026-03-31 on the example quarter (plus `extra` inputs).
    @discardableResult
    func batch(_ extra: [String] = []) throws -> CommandResult {
        try ducha(["batch", "--as-of", "2026-03-31", "--quiet"] + Self.quarter + extra)
    }

    /// The main job: intake the examples, issue every notice.
    func mainJob() throws -> (intake: CommandResult, notice: CommandResult) {
        (try ducha(["intake"] + Self.examples), try ducha(["notice", "--all"]))
    }

    /// Every file under the archive (relative path → bytes), the lock file left out.
    func snapshot() throws -> [String: Data] { try ArchiveFiles.snapshot(archive) }

    /// The issued documents (full paths).
    func documents(_ suffix: String = ".odt") throws -> [String] { try ArchiveFiles.documents(archive, suffix: suffix) }

    /// The matter folders (bags) of 2026.
    func bags() throws -> [String] { try ArchiveFiles.bags(archive) }
}
