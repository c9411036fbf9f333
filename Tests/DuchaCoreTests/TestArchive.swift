import Archive
import DuchaCore
import Foundation
import Matters
import TestSupport
import Testing

/// A temporary archive with the shipped templates (or others), driven in-process through DuchaCore.
struct TestArchive {
    static let templates = ShippedFiles.templates
    static let examples = ShippedFiles.examples
    static let quarter = ShippedFiles.quarter
    static let forbidden = ShippedFiles.forbidden
    static func example(_ name: String) -> String { ShippedFiles.example(name) }

    /// The folder holding the archive and whatever else a test writes.
    let directory: URL
    let workspace: Workspace
    var archive: String { workspace.archive }

    /// - Parameter threads: how many threads its runs use (``Workspace/threads``); by default the setting's.
    init(templates: String = Self.templates, threads: Int? = nil) throws {
        directory = try TestEnvironment.temporaryDirectory("ducha-core")
        var workspace = try Workspace(
            archive: directory.appendingPathComponent("Archive").path, templates: templates)
        if let threads { workspace.threads = threads }
        self.workspace = workspace
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// A path in ``directory``.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Runs `body` with the archive open for writing (under its lock).
    @discardableResult
    func write<T>(format: DocumentFormat = .odt, _ body: (Office) throws -> T) throws -> T {
        try workspace.write(format: format, body)
    }

    /// The quarter-end batch on `inputs` as of `day`.
    @discardableResult
    func batch(_ inputs: [String] = quarter, asOf day: String = "2026-03-31") throws -> BatchResult {
        let asOf = try CivilDate.on(day)
        return try write { try $0.batch(inputs: inputs, asOf: asOf) }
    }

    /// Takes in record files.
    @discardableResult
    func takeIn(_ files: [String]) throws -> IntakeResult {
        try write { try $0.takeIn(files: files) }
    }

    /// The ledger rows as they stood on `day`, by matter id; a ledger with problems fails the test.
    func ledger(on day: String) throws -> [String: LedgerRow] {
        let view = try workspace.ledger(asOf: try CivilDate.on(day))
        #expect(view.problems.isEmpty, "\(view.problems)")
        return Dictionary(uniqueKeysWithValues: view.rows.map { ($0.id, $0) })
    }

    /// Every file under the archive (relative path → bytes), the lock file left out.
    func snapshot() throws -> [String: Data] { try ArchiveFiles.snapshot(archive) }

    /// The issued documents (full paths).
    func documents(_ suffix: String = ".odt") throws -> [String] { try ArchiveFiles.documents(archive, suffix: suffix) }

    /// The matter folders (bags) of 2026.
    func bags() throws -> [String] { try ArchiveFiles.bags(archive) }

    /// The folder of the ODF 1.3 schemas for `ducha check` (``TestEnvironment/schemaDirectory``), or one that does
    /// not exist when they are missing, so that no schema installed elsewhere on the machine is used.
    static var odfSchema: String { TestEnvironment.schemaDirectory ?? "/nonexistent/ducha-odf-schema" }

    /// Seals a bag again from what is in it now (as someone who rewrote its manifests would).
    func reseal(_ bag: String) throws {
        let info = try String(contentsOfFile: bag + "/bag-info.txt", encoding: .utf8).split(separator: "\n")
            .compactMap { line -> (String, String)? in
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0] != "Payload-Oxum", parts[0] != "Bag-Software-Agent" else { return nil }
                return (String(parts[0]), String(parts[1].dropFirst()))
            }
        try Bag(root: bag).seal(info: info)
    }
}

extension CivilDate {
    /// The date of `YYYY-MM-DD`; a test fails on a malformed one.
    static func on(_ iso: String) throws -> CivilDate { try #require(CivilDate(iso: iso), "not a date: \(iso)") }
}
