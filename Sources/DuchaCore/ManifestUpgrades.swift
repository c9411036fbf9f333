public import Archive

extension Office {
    /// Gives every bag of `years` (all when empty) sealed before Ducha wrote SM3 manifests its
    /// `manifest-sm3.txt` and `tagmanifest-sm3.txt` — only where its SHA-256 manifests still verify completely; a
    /// bag with any other finding is left as it is and reported (see ``ManifestUpgrade``).
    public func addMissingSM3Manifests(years: [Int] = []) throws -> ManifestUpgrade.Outcome {
        try ManifestUpgrade(root: workspace.archive).run(years: years)
    }
}
