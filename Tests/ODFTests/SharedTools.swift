import Foundation
import Testing

/// Locates the project's shared validation tools (`../shared` beside the package root, or the
/// schema directory named by `$ODF_SCHEMA_DIR`) and runs them.
///
/// Tests that need them use ``SharedTools/enabled``: when the tools are missing the test is
/// skipped with a message, except in CI (`$CI` set), where it runs and fails on `#require`.
enum SharedTools {
    static let environment = ProcessInfo.processInfo.environment

    /// Whether this run is a CI run.
    static var isCI: Bool { !(environment["CI"] ?? "").isEmpty }

    /// The package root, from this file's path (`<root>/Tests/ODFTests/SharedTools.swift`).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/ODFTests/Fixtures/<name>`.
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = packageRoot.appendingPathComponent("Tests/ODFTests/Fixtures").appendingPathComponent(
            name)
        return [UInt8](try Data(contentsOf: url))
    }

    /// The ODF schema directory.
    static var schemaDirectory: URL {
        if let dir = environment["ODF_SCHEMA_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/odf-schema")
    }

    /// `check-odt`, beside the schema directory, if it and its requirements are present.
    static var checkODT: URL? {
        let tool = schemaDirectory.deletingLastPathComponent().appendingPathComponent("tools/check-odt")
        let schema = schemaDirectory.appendingPathComponent("OpenDocument-v1.3-schema.rng")
        let files = FileManager.default
        guard files.isExecutableFile(atPath: tool.path), files.fileExists(atPath: schema.path),
            executable("xmllint") != nil, executable("python3") != nil
        else { return nil }
        return tool
    }

    /// A comment for the skip trait.
    static let missingMessage: Comment =
        "needs ../shared/tools/check-odt, the ODF schemas ($ODF_SCHEMA_DIR), xmllint and python3"

    /// The full path of an executable on `$PATH`.
    static func executable(_ name: String) -> URL? {
        for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Runs a program; returns its exit status and combined output.
    static func run(_ program: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        var environment = self.environment
        environment["ODF_SCHEMA_DIR"] = schemaDirectory.path
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ducha-odf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension SharedTools {
    /// A trait that runs the test when the tools are present or in CI, and skips it otherwise.
    static var enabled: ConditionTrait {
        .enabled(if: checkODT != nil || isCI, missingMessage)
    }
}
