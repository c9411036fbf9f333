import Glibc

/// Writes files so that a reader, or a run that dies half-way, sees either the old file or the whole new
/// one: a temporary file beside the target, `fsync`, `rename`, then `fsync` of the folder.
public enum AtomicFile {
    /// Writes `bytes` to `path` unless the file already holds exactly these bytes (so an unchanged
    /// document keeps its inode and time). Returns whether it wrote.
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(ArchiveError) -> Bool {
        if let existing = try? read(path), existing == bytes { return false }
        let directory = parent(of: path)
        try makeDirectories(directory)
        let temporary = "\(directory)/.\(basename(path)).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure(temporary, "无法创建临时文件") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                Glibc.write(fd, buffer.baseAddress! + written, bytes.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let error = failure(temporary, "写入失败")
                close(fd)
                unlink(temporary)
                throw error
            }
            written += n
        }
        fchmod(fd, mode)
        guard fsync(fd) == 0 else {
            let error = failure(temporary, "fsync 失败")
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let error = failure(path, "无法替换文件")
            unlink(temporary)
            throw error
        }
        syncDirectory(directory)
        return true
    }

    /// The whole file, or an error naming it.
    public static func read(_ path: String) throws(ArchiveError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, "无法读取") }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path, "读取失败")
            }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }

    /// Creates a folder and its parents (like `mkdir -p`), syncing each new folder's parent.
    public static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws(ArchiveError) {
        var st = stat()
        if stat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw ArchiveError(path: path, message: "已存在同名文件，不是文件夹") }
            return
        }
        let up = parent(of: path)
        if up != path && !up.isEmpty { try makeDirectories(up, mode: mode) }
        if mkdir(path, mode) != 0 && errno != EEXIST { throw failure(path, "无法创建文件夹") }
        syncDirectory(up)
    }

    static func syncDirectory(_ path: String) {
        let fd = open(path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func basename(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func failure(_ path: String, _ what: String) -> ArchiveError {
        ArchiveError(path: path, message: "\(what)：\(String(cString: strerror(errno)))")
    }
}
