/// Bags sealed before Ducha wrote SM3 manifests hold only the SHA-256 pair. ``ManifestUpgrade`` adds the SM3
/// pair to each such bag — and only to a bag whose SHA-256 manifests still verify completely, so that a damaged
/// bag is never sealed afresh over its damage. Nothing under `data/` changes, nor any field of bag-info.txt.
public struct ManifestUpgrade: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    /// What adding the SM3 manifests did.
    public struct Outcome: Sendable {
        /// Bags given their SM3 manifests (relative to the root, e.g. `2026/2026-001`).
        public var upgraded: [String] = []
        /// Bags that already had them.
        public var current = 0
        /// Bags left as they are because something besides the SM3 pair is wrong, with what.
        public var refused: [ArchiveVerifier.Report] = []
    }

    /// Adds the SM3 manifests to every bag of `years` (all when empty) that lacks them. Call under the archive
    /// lock: each bag is marked in the journal while it is resealed.
    public func run(years: [Int] = []) throws(ArchiveError) -> Outcome {
        var outcome = Outcome()
        let journal = ChangeJournal(root: root)
        for (_, bag, folder) in try ArchiveVerifier.bags(root, years: try ArchiveVerifier.years(root, among: years)) {
            guard try Posix.exists(folder + "/bagit.txt") else { continue }
            if try Posix.exists(folder + "/" + Bag.Algorithm.sm3.manifest),
                try Posix.exists(folder + "/" + Bag.Algorithm.sm3.tagManifest)
            {
                outcome.current += 1
                continue
            }
            let others = BagVerifier.verify(folder).filter { !Self.isMissingSM3($0, in: folder) }
            guard others.isEmpty, let info = try Bag(root: folder).statedInfo() else {
                outcome.refused.append(ArchiveVerifier.Report(name: bag, findings: others))
                continue
            }
            try journal.begin(bag)
            try Bag(root: folder).seal(info: info, mode: try Self.mode(of: folder + "/bag-info.txt"))
            try journal.end(bag)
            outcome.upgraded.append(bag)
        }
        return outcome
    }

    /// A finding that says only that one of the SM3 manifests is not there.
    static func isMissingSM3(_ finding: Finding, in folder: String) -> Bool {
        let names = [Bag.Algorithm.sm3.manifest, Bag.Algorithm.sm3.tagManifest]
        return finding.kind == .badManifest && names.contains { finding.path == folder + "/" + $0 }
    }

    /// The permission bits a bag's tag files keep (owner-only ones stay so).
    private static func mode(of path: String) throws(ArchiveError) -> FileMode {
        try Posix.mode(path) & 0o777
    }
}

extension Bag {
    /// The fields bag-info.txt states, in order, without the two the seal adds (Payload-Oxum,
    /// Bag-Software-Agent); nil when the bag has no bag-info.txt.
    public func statedInfo() throws(ArchiveError) -> [(String, String)]? {
        guard let info = try AtomicFile.readIfPresent(root + "/bag-info.txt") else { return nil }
        return String(decoding: info, as: UTF8.self).split(separator: "\n").compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let key = String(line[..<colon])
            guard key != "Payload-Oxum", key != "Bag-Software-Agent" else { return nil }
            return (key, String(line[line.index(after: colon)...].drop { $0 == " " }))
        }
    }
}
