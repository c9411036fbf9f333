import Foundation
import TestSupport

/// A temporary archive with the shipped templates and examples, driven through the `ducha` binary.
struct Workspace {
    let directory: URL
    var archive: String { directory.appendingPathComponent("Archive").path }
    static let templates = TestEnvironment.packageRoot.appendingPathComponent("Templates").path
    static let examples = ["重点任务-2026Q1.json", "领导批示-2026Q1.json"].map {
        TestEnvironment.packageRoot.appendingPathComponent("Examples/\($0)").path
    }

    init() throws { directory = try TestEnvironment.temporaryDirectory("ducha-e2e") }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Runs `ducha` with `--archive` and `--templates` pointing here.
    @discardableResult
    func ducha(_ arguments: [String], archiveOptions: Bool = true) throws -> CommandResult {
        let extra = archiveOptions ? ["--archive", archive, "--templates", Self.templates] : []
        return try run(TestEnvironment.ducha, arguments + extra, in: directory)
    }

    /// The main job: intake the examples, issue every notice.
    func mainJob() throws -> (intake: CommandResult, notice: CommandResult) {
        (try ducha(["intake"] + Self.examples), try ducha(["notice", "--all"]))
    }

    /// Every file under the archive (relative path → bytes).
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = URL(fileURLWithPath: archive)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [:] }
        for case let url as URL in walker
        where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let relative = String(url.path.dropFirst(root.path.count + 1))
            if relative == ".ducha.lock" { continue }
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }

    /// The issued documents.
    func documents(_ suffix: String = ".odt") throws -> [String] {
        try snapshot().keys.filter { $0.hasSuffix(suffix) }.sorted().map { archive + "/" + $0 }
    }

    /// The matter folders (bags).
    func bags() throws -> [String] {
        let year = archive + "/2026"
        return try FileManager.default.contentsOfDirectory(atPath: year).filter { $0.hasPrefix("2026-") }.sorted().map {
            year + "/" + $0
        }
    }
}
