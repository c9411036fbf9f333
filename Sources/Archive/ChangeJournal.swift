/// Makes a change to a bag survive a crash: a marker in `<root>/.pending/` is written (and synced) before
/// the bag is touched and removed once the bag is sealed again. A run that starts under the archive lock
/// first finishes what a dead run left: stray temporary files go, and every marked bag is resealed, so the
/// archive is as it was before that matter's change or as it is after it — never half of it.
public struct ChangeJournal: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    private var folder: String { root + "/.pending" }

    private func marker(_ bag: String) -> String {
        folder + "/" + String(bag.map { $0 == "/" ? "~" : $0 })
    }

    /// Records that `bag` (relative to the root, e.g. `2026/2026-001`) is about to change.
    public func begin(_ bag: String) throws(ArchiveError) {
        try AtomicFile.write(Array(bag.utf8), to: marker(bag))
    }

    /// Records that `bag` is complete and sealed again.
    public func end(_ bag: String) throws(ArchiveError) { try end([bag]) }

    /// Records that `bags` are complete and sealed again (one sync for all).
    public func end(_ bags: [String]) throws(ArchiveError) {
        guard !bags.isEmpty else { return }
        for bag in bags { try Posix.unlink(marker(bag), failure: "无法删除日志标记") }
        try Posix.syncDirectory(folder)
    }

    /// The bags a dead run left marked (none when the journal's folder was never made).
    public func pending() throws(ArchiveError) -> [String] {
        var bags: [String] = []
        // Hidden names are the temporary files of a marker being written: no bag was touched yet.
        for name in try Directory.entries(folder, missing: .empty).map(\.name).sorted() where !name.hasPrefix(".") {
            bags.append(String(decoding: try AtomicFile.read(folder + "/" + name), as: UTF8.self))
        }
        return bags
    }

    /// Removes the temporary files (`.<hex>.tmp`: atomic writes cut short, staged attachments) left anywhere in the
    /// archive.
    public func removeStrayTemporaryFiles() throws(ArchiveError) {
        func sweep(_ path: String, depth: Int) throws(ArchiveError) {
            guard depth < 8 else { return }
            for entry in try Directory.entries(path, missing: .empty) {
                if entry.isDirectory {
                    try sweep(path + "/" + entry.name, depth: depth + 1)
                } else if entry.name.hasPrefix("."), entry.name.hasSuffix(".tmp") {
                    try Posix.unlink(path + "/" + entry.name, failure: "无法删除临时文件")
                }
            }
        }
        try sweep(root, depth: 0)
    }
}
