import Foundation

/// Where things are for tests: the package, `../shared`, external tools, fixtures, the built `ducha`, and fresh
/// temporary folders.
///
/// A test that needs an outside tool names it in a ``Testing/Trait/needs(_:)`` trait: it is skipped with a message
/// naming what is missing, except in CI (`$CI` set), where it runs and fails loudly on its `#require`.
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

    /// Whether this is a CI run (`$CI` set and not empty), where a missing tool is a failure, not a reason to skip.
    public static var inCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    /// The bytes of `Tests/<target>/Fixtures/<name>`.
    public static func fixture(_ name: String, in target: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures(of: target).appendingPathComponent(name)))
    }

    /// `Tests/<target>/Fixtures`.
    public static func fixtures(of target: String) -> URL {
        packageRoot.appendingPathComponent("Tests").appendingPathComponent(target).appendingPathComponent("Fixtures")
    }

    /// A fresh empty folder under the system's temporary folder; the caller removes it.
    public static func temporaryDirectory(_ name: String = "ducha-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The `ducha` binary built beside the test bundle.
    public static var ducha: String {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("ducha").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        return packageRoot.appendingPathComponent(".build/debug/ducha").path
    }
}

// MARK: - Tools

extension TestEnvironment {
    /// The full path of a command on `$PATH`, or nil.
    public static func which(_ command: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(command)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// The ODF schema folder: `$ODF_SCHEMA_DIR` if set, else `../shared/odf-schema`; nil when it lacks the
    /// ODF 1.3 schema.
    public static var schemaDirectory: String? {
        let environment = ProcessInfo.processInfo.environment["ODF_SCHEMA_DIR"] ?? ""
        let dir = environment.isEmpty ? shared.appendingPathComponent("odf-schema").path : environment
        return FileManager.default.fileExists(atPath: dir + "/OpenDocument-v1.3-schema.rng") ? dir : nil
    }

    /// `check-odt`, when it can run (python3, xmllint and the schemas are there too): `../shared/tools/check-odt`,
    /// or `tools/check-odt` beside `$ODF_SCHEMA_DIR` (a `shared` folder elsewhere).
    public static var checkODT: String? {
        guard let schemaDirectory, which("xmllint") != nil, which("python3") != nil else { return nil }
        let besideSchemas = URL(fileURLWithPath: schemaDirectory).deletingLastPathComponent()
        return [shared, besideSchemas].map { $0.appendingPathComponent("tools/check-odt").path }.first {
            FileManager.default.fileExists(atPath: $0)
        }
    }

    /// LibreOffice: `soffice`, or `libreoffice`, on `$PATH`.
    public static var soffice: String? { which("soffice") ?? which("libreoffice") }

    /// Whether LibreOffice Calc is installed beside ``soffice`` (Debian: libreoffice-calc-nogui), which
    /// converting spreadsheets needs; Writer alone reports "source file could not be loaded".
    public static var hasLibreOfficeCalc: Bool {
        guard let soffice else { return false }
        let program = URL(fileURLWithPath: soffice).resolvingSymlinksInPath().deletingLastPathComponent()
        return ["libsclo.so", "libsclo.dylib"].contains {
            FileManager.default.fileExists(atPath: program.appendingPathComponent($0).path)
        }
    }

    /// `bagit.py` (the Library of Congress's BagIt validator) on `$PATH`.
    public static var bagit: String? { which("bagit.py") }

    /// `xmllint` (libxml2-utils) on `$PATH`.
    public static var xmllint: String? { which("xmllint") }

    /// `python3` on `$PATH`.
    public static var python3: String? { which("python3") }

    /// Whether a tool is there. Besides commands on `$PATH`, `tool` may be `check-odt` (``checkODT``),
    /// `odf-schema` (``schemaDirectory``), `soffice` (``soffice``) or `libreoffice-calc` (``hasLibreOfficeCalc``).
    public static func isAvailable(_ tool: String) -> Bool {
        switch tool {
        case "check-odt": checkODT != nil
        case "odf-schema": schemaDirectory != nil
        case "soffice": soffice != nil
        case "libreoffice-calc": hasLibreOfficeCalc
        default: which(tool) != nil
        }
    }

    /// Whether tests that need `tools` should run: they are all there (see ``isAvailable(_:)``), or this is CI,
    /// where such a test then fails loudly.
    public static func shouldRun(needing tools: String...) -> Bool { shouldRun(needing: tools) }

    /// Whether tests that need `tools` should run: they are all there, or this is CI.
    public static func shouldRun(needing tools: [String]) -> Bool { inCI || tools.allSatisfy(isAvailable) }

    /// What a tool is and how to get it, for skip and failure messages.
    public static func describe(_ tool: String) -> String {
        switch tool {
        case "check-odt":
            "check-odt (../shared/tools/check-odt, with python3, xmllint and the ODF schemas in ../shared/odf-schema "
                + "or $ODF_SCHEMA_DIR)"
        case "odf-schema": "the ODF 1.3 schemas (../shared/odf-schema or $ODF_SCHEMA_DIR)"
        case "soffice": "LibreOffice (apt-get install libreoffice-writer-nogui)"
        case "libreoffice-calc": "LibreOffice Calc (apt-get install libreoffice-calc-nogui)"
        case "xmllint": "xmllint (apt-get install libxml2-utils)"
        case "bagit.py": "bagit.py (pip install bagit)"
        case "pdftotext", "pdftoppm": "\(tool) (apt-get install poppler-utils)"
        default: tool
        }
    }
}
