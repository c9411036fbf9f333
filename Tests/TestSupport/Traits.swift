import Foundation
import Testing

/// Tags for tests that take long, so that a developer can leave them out locally while CI runs everything.
///
/// This toolchain's `swift test` (Swift 6.3.1) cannot select tests by tag: `--skip-tags` is an unknown option,
/// and `--filter`/`--skip` are regular expressions over test names only (`--skip tag:libreOffice` skips nothing,
/// `--filter tag:slow` runs nothing). So every tagged test or suite also carries
/// ``Testing/Trait/unlessSkippingSlow``, and
///
///     DUCHA_SKIP_SLOW=1 swift test
///
/// skips them, each with the message "DUCHA_SKIP_SLOW is set…". When `CI` is set, `DUCHA_SKIP_SLOW` is ignored
/// and they run.
///
///     @Test("…", .tags(.libreOffice), .unlessSkippingSlow, .needs("soffice"))
extension Tag {
    /// Starts LibreOffice (`soffice`): several seconds per conversion.
    @Tag public static var libreOffice: Self
    /// Takes a second or more for another reason (large data, many documents, outside validators).
    @Tag public static var slow: Self
}

extension TestEnvironment {
    /// Whether tests tagged ``Testing/Tag/slow`` or ``Testing/Tag/libreOffice`` are left out: `DUCHA_SKIP_SLOW`
    /// is set (and not `0`), and this is not CI.
    public static var skipsSlowTests: Bool {
        let value = ProcessInfo.processInfo.environment["DUCHA_SKIP_SLOW"] ?? ""
        return !inCI && !value.isEmpty && value != "0"
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test unless ``TestEnvironment/skipsSlowTests`` (`DUCHA_SKIP_SLOW=1`, not in CI); give it to every
    /// test or suite tagged ``Testing/Tag/slow`` or ``Testing/Tag/libreOffice``.
    public static var unlessSkippingSlow: Self {
        .enabled(
            if: !TestEnvironment.skipsSlowTests,
            "DUCHA_SKIP_SLOW is set: slow and LibreOffice tests are left out (CI runs them)")
    }

    /// Runs the test when every tool is there (see ``TestEnvironment/isAvailable(_:)``), or in CI, where the
    /// test then fails loudly; otherwise skips it with a message naming what is missing.
    public static func needs(_ tools: String...) -> Self {
        let missing = tools.filter { !TestEnvironment.isAvailable($0) }
        return .enabled(
            if: TestEnvironment.inCI || missing.isEmpty,
            Comment(rawValue: "needs " + missing.map(TestEnvironment.describe).joined(separator: ", ")))
    }
}
