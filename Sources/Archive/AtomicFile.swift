/// Writes files so that a reader, or a run that dies half-way, sees either the old file or the whole new
/// one: a temporary file beside the target, `fsync`, `rename`, then `fsync` of the folder.
public enum AtomicFile {
    /// Writes `bytes` to `path` unless the file already holds exactly these bytes (so an unchanged
    /// document keeps its inode and time). Returns whether it wrote.
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String, mode: FileMode = 0o644) throws(ArchiveError) -> Bool {
        // A file that cannot be read (or is not there) is written.
        if let existing = try? read(path), existing == bytes { return false }
        let directory = parent(of: path)
        try makeDirectories(directory)
        let temporary = "\(directory)/.\(basename(path)).\(Posix.processID).tmp"
        let file = try FileDescriptor(opening: temporary, .replace(mode: mode), failure: "无法创建临时文件")
        do {
            try file.write(bytes, failure: "写入失败")
            try file.changeMode(mode, failure: "无法设置权限")  // the umask took bits off at open
            try file.sync(failure: "fsync 失败")
            try file.close(failure: "写入失败")  // a failing close may mean the bytes never reached the disk
            try Posix.rename(temporary, to: path, failure: "无法替换文件")
        } catch {
            try? Posix.unlink(temporary, failure: "无法删除临时文件")  // the first error is the one to report
            throw error
        }
        try Posix.syncDirectory(directory)
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

    /// Creates a folder and its parents (like `mkdir -p`), syncing each new folder's parent.
    public static func makeDirectories(_ path: String, mode: FileMode = 0o755) throws(ArchiveError) {
        if let kind = try Posix.kind(path, followingLinks: true) {
            guard kind == .directory else { throw Posix.notADirectory(path, operation: "mkdir") }
            return
        }
        let up = parent(of: path)
        if up != path && !up.isEmpty { try makeDirectories(up, mode: mode) }
        if try Posix.makeDirectory(path, mode: mode) { try Posix.syncDirectory(up) }
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
