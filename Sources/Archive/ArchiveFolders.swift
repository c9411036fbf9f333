/// Whole folders of the archive: closing one to the owner, putting a freshly built one in place of the old,
/// removing one. Symbolic links are never followed: a link below a folder is changed or removed as a link.
public enum ArchiveFolders {
    /// Makes `root` and every folder below it readable by the owner only (`0700`), as 涉密 material must be.
    /// Files keep their modes (the archive writes them `0600` for 涉密 matters); symbolic links are skipped.
    /// Fails when `root` is missing, is not a folder, or is a symbolic link.
    public static func restrictToOwner(_ root: String) throws(ArchiveError) {
        // Opened without following a link, so what is changed is the folder that was listed.
        let folder = try FileDescriptor(opening: root, .directoryNotLink, failure: "无法设置文件夹权限")
        try folder.changeMode(0o700, failure: "无法设置文件夹权限")
        try folder.close(failure: "无法设置文件夹权限")
        for entry in try Directory.entries(root, missing: .error) where entry.isDirectory {
            try restrictToOwner(root + "/" + entry.name)
        }
    }

    /// Puts the freshly built folder `staging` in place of `folder`, so that the old folder stays whole until
    /// the new one is in place: `folder` is renamed to `folder.old`, `staging` to `folder`, the renames are
    /// synced, and only then is `folder.old` removed.
    ///
    /// A run that died half-way is finished by the next one: a `folder.old` beside a `folder` is the
    /// leftover of a run that had already put its folder in place, and goes first; a `folder.old` without a
    /// `folder` is the previous folder of a run that died between the renames, and stays until the new one is
    /// in place. So a caller clears a stale `staging` (``removeTree(_:)``) but leaves `folder.old` to this.
    public static func replace(_ folder: String, with staging: String) throws(ArchiveError) {
        try Posix.requireDirectory(staging, failure: "无法放入新文件夹")
        let old = folder + ".old"
        if try Posix.kind(folder, followingLinks: false) != nil {
            try removeTree(old)
            try Posix.rename(folder, to: old, failure: "无法移开旧文件夹", about: folder)
        }
        try Posix.rename(staging, to: folder, failure: "无法放入新文件夹")
        let parents = [AtomicFile.parent(of: folder), AtomicFile.parent(of: staging)]
        try Posix.syncDirectory(parents[0])
        if parents[1] != parents[0] { try Posix.syncDirectory(parents[1]) }
        try removeTree(old)
    }

    /// Removes `path` and everything below it (like `rm -rf`, without following links); nothing to do when
    /// it is not there.
    public static func removeTree(_ path: String) throws(ArchiveError) {
        guard let kind = try Posix.kind(path, followingLinks: false) else { return }
        guard kind == .directory else { return try Posix.unlink(path, failure: "无法删除") }
        for entry in try Directory.entries(path, missing: .empty) {
            let child = path + "/" + entry.name
            if entry.isDirectory { try removeTree(child) } else { try Posix.unlink(child, failure: "无法删除") }
        }
        try Posix.removeDirectory(path)
    }
}
