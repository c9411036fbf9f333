import Crypto

/// Writes files so that a reader, or a run that dies half-way, sees either the old file or the whole new
/// one: a temporary file beside the target, `fsync`, `rename`, then `fsync` of the folder.
public enum AtomicFile {
    /// Writes `bytes` to `path` unless the file already holds exactly these bytes (so an unchanged
    /// document keeps its inode and time). Returns whether it wrote.
    /// - Parameter folderSync: when the folder is synced after the rename: at once, or (in a run whose bags stay
    ///   marked in the journal until then) once per folder when the run ends.
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String, mode: FileMode = 0o644, folderSync: FolderSync = .now)
        throws(ArchiveError) -> Bool
    {
        // A file that cannot be read (or is not there) is written.
        if let existing = try? read(path), existing == bytes { return false }
        let directory = parent(of: path)
        try makeDirectories(directory, folderSync: folderSync)
        let temporary = "\(directory)/\(temporaryName(for: basename(path)))"
        let file = try FileDescriptor(opening: temporary, .replace(mode: mode), failure: "无法创建临时文件")
        do {
            try file.write(bytes, failure: "写入失败")
            try file.changeMode(mode, failure: "无法设置权限")  // the umask took bits off at open
            if folderSync.syncsFileAtOnce { try file.sync(failure: "fsync 失败") }
            try file.close(failure: "写入失败")  // a failing close may mean the bytes never reached the disk
            try Posix.rename(temporary, to: path, failure: "无法替换文件")
        } catch {
            try? Posix.unlink(temporary, failure: "无法删除临时文件")  // the first error is the one to report
            throw error
        }
        try folderSync.synced(directory)
        return true
    }

    /// The whole file, or an error naming it.
    public static func read(_ path: String) throws(ArchiveError) -> [UInt8] {
        try FileDescriptor(opening: path, .read, failure: "无法读取").readAll(failure: "读取失败")
    }

    /// The whole file, or nil when there is none (`ENOENT`); any other failure is an error.
    static func readIfPresent(_ path: String) throws(ArchiveError) -> [UInt8]? {
        do {
            return try read(path)
        } catch let error where error.code == .notFound {
            return nil
        }
    }

    /// Creates a folder and its parents (like `mkdir -p`), syncing each new folder's parent (at once, or in a run
    /// when it ends).
    public static func makeDirectories(_ path: String, mode: FileMode = 0o755, folderSync: FolderSync = .now)
        throws(ArchiveError)
    {
        if let kind = try Posix.kind(path, followingLinks: true) {
            guard kind == .directory else { throw Posix.notADirectory(path, operation: "mkdir") }
            return
        }
        let up = parent(of: path)
        if up != path && !up.isEmpty { try makeDirectories(up, mode: mode, folderSync: folderSync) }
        if try Posix.makeDirectory(path, mode: mode) { try folderSync.synced(up) }
    }

    /// The name of the temporary file beside `name` while it is written: `.` + 32 hex digits of the SHA-256 of
    /// the name and this process's id + `.tmp`, so that it is 37 bytes whatever the lengths of the name and the
    /// id (a file name of 250 bytes can be written; a name of 235 bytes does not depend on the process id), and
    /// two processes never share one. The hidden `.tmp` form is what ``ChangeJournal`` sweeps up after a crash
    /// and ``Bag`` leaves out of manifests.
    static func temporaryName(for name: String) -> String {
        let digest = SHA256.hash(data: Array("\(name)\u{0}\(Posix.processID)".utf8))
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: ".")]
        for byte in digest.prefix(16) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self) + ".tmp"
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func basename(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

/// When a folder is synced after a file in it was renamed into place (or a folder made in it).
public enum FolderSync: Sendable {
    /// At once: the new file survives a crash from then on.
    case now
    /// When the run ends (``ArchiveRun/finish()``: one `syncfs` for all its folders). Only for files of bags the
    /// run has marked in the journal: until then, a crash may bring back the older file (never a torn one: the
    /// file's own bytes are synced before the rename), and recovery reseals the bag as it is.
    case later(ArchiveRun)
    /// The file's bytes too wait for the run's end, not only its folder: only for files that recovery writes
    /// again from what is durable (a bag's tag files and manifests, the copies of the event log's records), in
    /// bags the run has marked, so that even a torn one is made whole before the bag leaves the journal.
    case withRun(ArchiveRun)

    /// Whether a file's own bytes are synced before its rename (all but ``withRun(_:)``).
    var syncsFileAtOnce: Bool {
        if case .withRun = self { return false }
        return true
    }

    /// Syncs `folder` now, or notes it for the run's end.
    func synced(_ folder: String) throws(ArchiveError) {
        switch self {
        case .now: try Posix.syncDirectory(folder)
        case .later(let run), .withRun(let run): try run.syncLater(folder)
        }
    }
}
