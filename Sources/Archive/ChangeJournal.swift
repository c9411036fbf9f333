import Glibc

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
    public func end(_ bag: String) {
        unlink(marker(bag))
        AtomicFile.syncDirectory(folder)
    }

    /// The bags a dead run left marked.
    public func pending() -> [String] {
        ArchiveStore.list(folder).sorted().compactMap { name in
            (try? AtomicFile.read(folder + "/" + name)).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Removes the temporary files (`.name.pid.tmp`) that writes cut short left anywhere in the archive.
    public func removeStrayTemporaryFiles() {
        func sweep(_ path: String, depth: Int) {
            guard depth < 8, let dir = opendir(path) else { return }
            var names: [(String, Bool)] = []
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                guard name != ".", name != ".." else { continue }
                names.append((name, entry.pointee.d_type == UInt8(DT_DIR)))
            }
            closedir(dir)
            for (name, isDirectory) in names {
                if isDirectory {
                    sweep(path + "/" + name, depth: depth + 1)
                } else if name.hasPrefix("."), name.hasSuffix(".tmp") {
                    unlink(path + "/" + name)
                }
            }
        }
        sweep(root, depth: 0)
    }
}
