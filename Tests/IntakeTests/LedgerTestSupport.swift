import Foundation
import Testing

@testable import Intake
@testable import Matters

/// Fixtures, example data and office tools for the ledger (台账) tests.
enum LedgerTestSupport {
    static let fixtures = packageRoot.appendingPathComponent("Tests/IntakeTests/Fixtures")

    static func fixture(_ name: String) throws -> [UInt8] { try bytes(of: fixtures.appendingPathComponent(name)) }

    /// Whether this is a CI run, where a missing tool fails the test instead of skipping it.
    static var inCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    /// The full path of a program on `$PATH`.
    static func executable(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a program; its status and combined output.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], in folder: URL? = nil) throws -> (
        status: Int32, output: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ducha-ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// One entry of a zip file, read by Python's zipfile (a reader Ducha did not write).
    static func zipEntry(_ file: URL, _ name: String) throws -> String {
        let python = try #require(executable("python3"), "python3 is needed to look inside zip files")
        let script = "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())"
        let result = try run(python, ["-c", script, file.path, name])
        #expect(result.status == 0, "\(result.output)")
        return result.output
    }

    /// The entry names of a zip file, in order, as Python's zipfile lists them.
    static func zipNames(_ file: URL) throws -> [String] {
        let python = try #require(executable("python3"), "python3 is needed to look inside zip files")
        let script = "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))"
        return try run(python, ["-c", script, file.path]).output.split(separator: "\n").map(String.init)
    }

    /// The matters of the JSON examples, in the order the example tests read them.
    static func exampleMatters() throws -> [Matter] {
        let result = try ExamplesTests.read()
        #expect(result.diagnostics.isEmpty)
        return result.matters
    }

    /// Reads one ledger; attachments are read from the file system.
    static func read(_ name: String, _ bytes: [UInt8]) -> LedgerReader.Result {
        LedgerReader.read(files: [(name, bytes)]) { path in
            FileManager.default.contents(atPath: path).map { [UInt8]($0) }
        }
    }

    /// One matter read from JSON text (an array of one record), which must be valid.
    static func matter(json: String) -> Matter? {
        let result = MatterReader.read(files: [("expected.json", Array(json.utf8))])
        #expect(result.diagnostics.map(\.description) == [])
        return result.matters.first
    }

    /// Every difference between two lists of matters, field by field, for a readable failure.
    static func differences(_ actual: [Matter], _ expected: [Matter]) -> [String] {
        var found: [String] = []
        if actual.count != expected.count { found.append("\(actual.count) matters, expected \(expected.count)") }
        for (a, e) in zip(actual, expected) where a != e {
            let keys = Set(a.values.entries.map(\.key) + e.values.entries.map(\.key))
            for key in keys.sorted() where a.values[key] != e.values[key] {
                found.append(
                    "\(e.id) \(key): \(String(describing: a.values[key])) ≠ \(String(describing: e.values[key]))")
            }
            if a.values.entries.map(\.key) != e.values.entries.map(\.key) { found.append("\(e.id): key order differs") }
        }
        return found
    }
}

/// LibreOffice (`soffice`), to make workbooks the way an office suite does.
enum LibreOffice {
    static var path: String? { LedgerTestSupport.executable("soffice") ?? LedgerTestSupport.executable("libreoffice") }

    /// Whether Calc is installed beside `soffice` (Debian: libreoffice-calc-nogui), which converting
    /// CSV to XLSX or ODS needs; Writer alone reports "source file could not be loaded".
    static var hasCalc: Bool {
        guard let path else { return false }
        let program = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
        return FileManager.default.fileExists(atPath: program.appendingPathComponent("libsclo.so").path)
            || FileManager.default.fileExists(atPath: program.appendingPathComponent("libsclo.dylib").path)
    }

    /// Run when LibreOffice Calc is installed; in CI, run anyway so that its absence fails.
    static var enabled: ConditionTrait {
        .enabled(
            if: hasCalc || LedgerTestSupport.inCI, "needs LibreOffice Calc (apt-get install libreoffice-calc-nogui)")
    }

    /// Converts `file` to `format` (`xlsx`, `ods`, `csv`) in its folder, with a private profile so
    /// that parallel runs do not collide; a CSV is read as UTF-8 with commas. The converted file.
    static func convert(_ file: URL, to format: String) throws -> URL {
        let soffice = try #require(path, "soffice is not installed")
        let folder = file.deletingLastPathComponent()
        let out = folder.appendingPathComponent("converted-\(format)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let profile = folder.appendingPathComponent("lo-profile")
        var arguments = ["-env:UserInstallation=file://\(profile.path)", "--headless"]
        if file.pathExtension == "csv" { arguments.append("--infilter=CSV:44,34,76,1") }
        arguments += ["--convert-to", format, "--outdir", out.path, file.path]
        let result = try LedgerTestSupport.run(soffice, arguments)
        let output = out.appendingPathComponent(file.deletingPathExtension().lastPathComponent).appendingPathExtension(
            format)
        #expect(result.status == 0, "\(result.output)")
        #expect(FileManager.default.fileExists(atPath: output.path), "soffice wrote no \(format): \(result.output)")
        return output
    }
}

extension Array {
    /// The element at `index`, or a recorded failure — never the crash that would stop every test.
    func item(_ index: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> Element {
        try #require(indices.contains(index), "no element \(index) among \(count)", sourceLocation: sourceLocation)
        return self[index]
    }
}
