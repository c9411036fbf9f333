import Foundation
import TestSupport

/// A temporary archive with the shipped templates and examples, driven through the `ducha` binary.
struct Workspace {
    let directory: URL
    var archive: String { directory.appendingPathComponent("Archive").path }
    static let templates = ShippedFiles.templates
    static let examples = ShippedFiles.examples
    static let quarter = ShippedFiles.quarter
    static let forbidden = ShippedFiles.forbidden
    static func example(_ name: String) -> String { ShippedFiles.example(name) }

    init() throws { directory = try TestEnvironment.temporaryDirectory("ducha-e2e") }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Runs `ducha` with `--archive` and `--templates` pointing here, and without PDF/A copies
    /// (`DUCHA_PDFA=off`) unless `archivalCopies` (then the commands' own defaults hold); `environment` adds to
    /// (or overrides) the environment it runs in.
    @discardableResult
    func ducha(
        _ arguments: [String], archiveOptions: Bool = true, archivalCopies: Bool = false,
        environment: [String: String] = [:]
    ) throws -> CommandResult {
        let extra = archiveOptions ? ["--archive", archive, "--templates", Self.templates] : []
        return try TestEnvironment.run(
            TestEnvironment.ducha, arguments + extra, in: directory,
            environment: ["DUCHA_PDFA": archivalCopies ? "" : "off"].merging(environment) { $1 })
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
