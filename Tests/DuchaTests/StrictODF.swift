import TestSupport

/// `check-odt` (strict, quiet) on written documents, through ``TestEnvironment/checkODT``.
enum StrictODF {
    /// check-odt's output when any file fails (or why it could not run), nil when all pass.
    static func failures(_ files: [String], extraArguments: [String] = []) throws -> String? {
        guard let tool = TestEnvironment.checkODT, let schema = TestEnvironment.schemaDirectory else {
            return "check-odt, python3, xmllint or the ODF schemas are missing"
        }
        let result = try run("python3", [tool, "--schema-dir", schema, "-q"] + extraArguments + files)
        return result.status == 0 ? nil : result.output
    }
}
