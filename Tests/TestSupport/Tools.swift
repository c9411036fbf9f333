import Foundation

extension TestEnvironment {
    /// Runs ``checkODT`` (strict mode) with the schemas of ``schemaDirectory`` on `arguments` (options, then
    /// files); ``CommandFailure`` when check-odt, python3, xmllint or the schemas are missing.
    public static func runCheckODT(_ arguments: [String]) throws -> CommandResult {
        guard let tool = checkODT, let schema = schemaDirectory else {
            throw CommandFailure("\(describe("check-odt")) is missing")
        }
        return try run("python3", [tool, "--schema-dir", schema] + arguments)
    }

    /// Runs ``checkODT`` quietly (`-q`) on files; its output when any fails (or why it could not run), nil when
    /// all pass.
    public static func checkODTFailures(_ files: [String], extraArguments: [String] = []) throws -> String? {
        guard checkODT != nil else { return "\(describe("check-odt")) is missing" }
        let result = try runCheckODT(["-q"] + extraArguments + files)
        return result.status == 0 ? nil : result.output
    }

    /// Converts `file` with LibreOffice to `format` (`pdf`, `xlsx`, `ods`, `csv`, …) into `directory` (default: a
    /// `converted-<format>` folder beside it), with a private profile beside the file so that parallel runs do
    /// not collide; `inputFilter` is passed as `--infilter`. The converted file; ``CommandFailure`` when
    /// LibreOffice is missing, fails, or writes nothing.
    public static func convertWithLibreOffice(
        _ file: URL, to format: String, into directory: URL? = nil, inputFilter: String? = nil
    ) throws -> URL {
        guard let soffice else { throw CommandFailure("\(describe("soffice")) is missing") }
        let folder = file.deletingLastPathComponent()
        let out = directory ?? folder.appendingPathComponent("converted-\(format)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let profile = folder.appendingPathComponent("lo-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        var arguments = ["-env:UserInstallation=\(profile.absoluteString)", "--headless"]
        if let inputFilter { arguments.append("--infilter=\(inputFilter)") }
        arguments += ["--convert-to", format, "--outdir", out.path, file.path]
        let result = try run(soffice, arguments)
        let converted = out.appendingPathComponent(file.deletingPathExtension().lastPathComponent)
            .appendingPathExtension(format)
        guard result.status == 0, FileManager.default.fileExists(atPath: converted.path) else {
            throw CommandFailure(
                "LibreOffice did not convert \(file.lastPathComponent) to \(format) (exit \(result.status)): "
                    + result.output)
        }
        return converted
    }

    /// The entry names of a zip file, in order, as Python's zipfile (a reader Ducha did not write) lists them.
    public static func zipNames(_ file: URL) throws -> [String] {
        let script = "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))"
        return try python(script, [file.path]).split(separator: "\n").map(String.init)
    }

    /// One entry of a zip file as UTF-8 text, read by Python's zipfile.
    public static func zipEntry(_ file: URL, _ name: String) throws -> String {
        let script = "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())"
        return try python(script, [file.path, name])
    }

    /// Runs a Python 3 script (`python3 -c`); its standard output, or ``CommandFailure`` with its output when
    /// it exits non-zero or python3 is missing.
    public static func python(_ script: String, _ arguments: [String] = []) throws -> String {
        let result = try run("python3", ["-c", script] + arguments)
        guard result.status == 0 else {
            throw CommandFailure("python3 failed (exit \(result.status)): \(result.output)")
        }
        return result.stdout
    }
}
