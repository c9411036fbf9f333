import Foundation

extension TestEnvironment {
    /// Whether fontconfig knows a font of this family (`fc-list`), e.g. the stand-ins
    /// scripts/install-dependencies.sh installs.
    public static func hasFont(_ family: String) -> Bool {
        guard which("fc-list") != nil, let result = try? run("fc-list", [family, "family"]) else { return false }
        return result.status == 0 && !result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// Whether the stand-ins for the official fonts are installed (FandolFang, FandolKai, Noto Serif CJK SC Black),
    /// or this is CI, where scripts/install-dependencies.sh has installed them.
    public static var hasStandInFonts: Bool {
        inCI || ["FandolFang", "FandolKai", "Noto Serif CJK SC Black"].allSatisfy(hasFont)
    }
}
