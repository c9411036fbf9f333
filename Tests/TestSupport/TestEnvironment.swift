import Foundation

/// Where things are for tests: the package, `../shared`, external tools, and the built `ducha`.
public enum TestEnvironment {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `../shared` beside the package (DESIGN, schemas, check-odt).
    public static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// The ODF schema folder: `$ODF_SCHEMA_DIR` or `../shared/odf-schema`.
    public static var schemaDirectory: String? {
        if let dir = ProcessInfo.processInfo.environment["ODF_SCHEMA_DIR"], !dir.isEmpty { return dir }
        let dir = shared.appendingPathComponent("odf-schema").path
        return FileManager.default.fileExists(atPath: dir + "/OpenDocument-v1.3-schema.rng") ? dir : nil
    }

    /// `../shared/tools/check-odt`, usable when xmllint and the schemas are there too.
    public static var checkODT: String? {
        let tool = shared.appendingPathComponent("tools/check-odt").path
        guard FileManager.default.fileExists(atPath: tool), schemaDirectory != nil, which("xmllint") != nil else {
            return nil
        }
        return tool
    }

    /// Whether this is a CI run, where a missing tool is a failure, not a reason to skip.
    public static var inCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }

    /// Whether tests that need `tool` should run: it is installed, or this is CI (where they then fail loudly).
    public static func shouldRun(needing tools: String...) -> Bool {
        inCI || tools.allSatisfy { tool in tool == "check-odt" ? checkODT != nil : which(tool) != nil }
    }

    /// The full path of a command on the PATH.
    public static func which(_ command: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(command)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// The `ducha` binary built beside the test bundle.
    public static var ducha: String {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("ducha").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        return packageRoot.appendingPathComponent(".build/debug/ducha").path
    }

    /// A fresh empty folder under the system's temporary folder.
    public static func temporaryDirectory(_ name: String = "ducha-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The result of running a command.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs a command to its end, capturing its output.
public func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes while the process runs so that neither can fill up and block it.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs `../shared/tools/check-odt` (strict) on files; returns its output when any fails, nil when all pass.
public func checkODTFailures(_ files: [String], extraArguments: [String] = []) throws -> String? {
    guard let tool = TestEnvironment.checkODT else { return "check-odt, xmllint 或 ODF schema 不可用" }
    var arguments = [tool, "-q"] + extraArguments
    if let schema = TestEnvironment.schemaDirectory { arguments += ["--schema-dir", schema] }
    let result = try run("/usr/bin/env", ["python3"] + arguments + files)
    return result.status == 0 ? nil : result.stdout + result.stderr
}
