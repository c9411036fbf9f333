public import Archive

/// One problem found in a bag or a registry.
public typealias Finding = Archive.Finding
/// The findings of one bag.
public typealias BagReport = ArchiveVerifier.Report

/// What verifying an archive found.
public struct VerificationResult: Sendable {
    /// Every bag checked, with its findings (none: the bag is whole).
    public var bags: [BagReport]
    /// The registries' findings: unreadable, a number given twice or skipped, a registered file missing.
    public var registry: [Finding]

    /// How many findings in all.
    public var problems: Int { bags.map(\.findings.count).reduce(0, +) + registry.count }
}

/// Checking an archive as an archivist (and `bagit.py --validate`) would: it needs only the archive, not the
/// templates.
public enum Verification {
    /// Recomputes every bag's manifests of `years` (all when empty), or only of the named matters, and checks
    /// each year's registry.
    /// - Throws: ``ArchiveError`` naming a matter that is not archived, or a folder that cannot be read.
    public static func run(archive: String, years: [Int] = [], matters: [String] = []) throws -> VerificationResult {
        let (bags, registry) = try ArchiveVerifier(root: archive).verify(years: years, matters: matters)
        return VerificationResult(bags: bags, registry: registry)
    }
}
