import CSystemCalls
import Glibc

// The archive's only door to the C library (with `Directory.swift`, which reads folders). Every call goes
// through `systemCall`, which retries when a signal interrupted it (`EINTR`) and otherwise turns a failure
// into an `ArchiveError` that keeps the errno, the call's name, the path and the system's text, in the spirit
// of swift-nio's `syscall` and swift-system's `valueOrErrno`.

/// Permission bits of a file or folder (POSIX `mode_t`), e.g. `0o644`.
public typealias FileMode = mode_t

/// Runs a C call that returns -1 and sets `errno` on failure; retries it when interrupted by a signal.
/// - Parameters:
///   - operation: the call's name, kept in the error (`open`, `fsync` …).
///   - path: the file or folder the call is about.
///   - failure: what could not be done, in words for the office; the system's text is appended.
@discardableResult
func systemCall<Result: FixedWidthInteger>(
    _ operation: String, path: String, failure: String, retryOnInterrupt: Bool = true, _ call: () -> Result
) throws(ArchiveError) -> Result {
    while true {
        let result = call()
        if result != -1 { return result }
        let code = errno
        if code == EINTR && retryOnInterrupt { continue }
        throw ArchiveError(path: path, failure, errno: code, operation: operation)
    }
}

/// Runs a C call that returns a null pointer and sets `errno` on failure (`opendir`).
func systemCall<Pointer>(_ operation: String, path: String, failure: String, _ call: () -> Pointer?)
    throws(ArchiveError) -> Pointer
{
    while true {
        if let result = call() { return result }
        let code = errno
        if code == EINTR { continue }
        throw ArchiveError(path: path, failure, errno: code, operation: operation)
    }
}

extension ArchiveError {
    /// A failed system call: `failure` followed by the system's text, e.g. `无法创建临时文件：No space left on
    /// device`.
    init(path: String, _ failure: String, errno code: Int32, operation: String) {
        self.init(
            path: path, message: "\(failure)：\(String(cString: strerror(code)))", code: Code(errno: code),
            errno: code, operation: operation)
    }
}

extension ArchiveError.Code {
    /// The kind of a C library error number.
    init(errno code: Int32) {
        switch code {
        case ENOENT: self = .notFound
        case EEXIST, ENOTEMPTY: self = .exists
        case EACCES, EPERM, EROFS: self = .permissionDenied
        case ENOSPC, EDQUOT: self = .noSpace
        case ENOTDIR: self = .notDirectory
        case EISDIR: self = .isDirectory
        case EWOULDBLOCK: self = .locked
        case EIO: self = .io
        default: self = .other
        }
    }
}

/// What is at a path, without following a symbolic link at its end.
enum FileKind: Sendable, Equatable {
    case regular, directory, symbolicLink, other

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }
}

/// The calls on paths, each checked.
enum Posix {
    /// Whether something is at `path` (following symbolic links, as `access(F_OK)`); false when a part of the
    /// path is missing or is not a folder, an error for anything else.
    static func exists(_ path: String) throws(ArchiveError) -> Bool {
        do {
            try systemCall("access", path: path, failure: "无法查看") { access(path, F_OK) }
            return true
        } catch let error where error.code == .notFound || error.code == .notDirectory {
            return false
        }
    }

    /// What is at `path`, or nil when nothing is (a part of the path is missing or is not a folder).
    static func kind(_ path: String, followingLinks: Bool) throws(ArchiveError) -> FileKind? {
        var status = stat()
        do {
            if followingLinks {
                try systemCall("stat", path: path, failure: "无法查看") { stat(path, &status) }
            } else {
                try systemCall("lstat", path: path, failure: "无法查看") { lstat(path, &status) }
            }
        } catch let error where error.code == .notFound || error.code == .notDirectory {
            return nil
        }
        return FileKind(mode: status.st_mode)
    }

    /// Creates one folder; returns false when something is already there.
    @discardableResult
    static func makeDirectory(_ path: String, mode: FileMode) throws(ArchiveError) -> Bool {
        do {
            try systemCall("mkdir", path: path, failure: "无法创建文件夹") { mkdir(path, mode) }
            return true
        } catch let error where error.errno == EEXIST {
            return false
        }
    }

    /// Renames `source` to `target`; a failure is reported about `about` (the target unless told).
    static func rename(_ source: String, to target: String, failure: String, about: String? = nil)
        throws(ArchiveError)
    {
        try systemCall("rename", path: about ?? target, failure: failure) { Glibc.rename(source, target) }
    }

    static func unlink(_ path: String, failure: String) throws(ArchiveError) {
        try systemCall("unlink", path: path, failure: failure) { Glibc.unlink(path) }
    }

    static func removeDirectory(_ path: String) throws(ArchiveError) {
        try systemCall("rmdir", path: path, failure: "无法删除文件夹") { rmdir(path) }
    }

    /// This process's id (never fails).
    static var processID: Int32 { getpid() }

    /// `ELOOP`: a symbolic link where `O_NOFOLLOW` allows none.
    static var loopErrno: Int32 { ELOOP }

    /// Makes what was renamed or created in a folder durable (`fsync` of the folder). A file system that
    /// cannot sync a folder (`EINVAL`, some network and FUSE file systems) is not an error: it has no other way.
    static func syncDirectory(_ path: String) throws(ArchiveError) {
        let folder = try FileDescriptor(opening: path.isEmpty ? "." : path, .directory, failure: "无法同步文件夹")
        do {
            try folder.sync(failure: "无法同步文件夹")
        } catch let error where error.errno == EINVAL {}
        try folder.close(failure: "无法同步文件夹")
    }

    /// The permission bits of a file (not following a symbolic link).
    static func mode(_ path: String) throws(ArchiveError) -> FileMode {
        var status = stat()
        try systemCall("lstat", path: path, failure: "无法查看") { lstat(path, &status) }
        return FileMode(status.st_mode) & 0o7777
    }

    /// The file system (`st_dev`) a folder is on.
    static func device(of path: String) throws(ArchiveError) -> UInt64 {
        var status = stat()
        try systemCall("stat", path: path, failure: "无法查看") { stat(path, &status) }
        return UInt64(status.st_dev)
    }

    /// Makes everything written to the file system that holds `path` durable: file contents, renames and new
    /// folders alike (`syncfs`). One call for a whole run's writes in place of an `fsync` for each.
    static func syncFileSystem(containing path: String) throws(ArchiveError) {
        let folder = try FileDescriptor(opening: path, .directory, failure: "无法同步文件系统")
        try folder.syncFileSystem(failure: "无法同步文件系统")
        try folder.close(failure: "无法同步文件系统")
    }

    /// Fails unless `path` is a folder itself (not a symbolic link to one): `ENOENT` when nothing is there,
    /// `ENOTDIR` when something else is.
    static func requireDirectory(_ path: String, failure: String) throws(ArchiveError) {
        var status = stat()
        try systemCall("lstat", path: path, failure: failure) { lstat(path, &status) }
        guard FileKind(mode: status.st_mode) == .directory else {
            throw ArchiveError(path: path, failure, errno: ENOTDIR, operation: "lstat")
        }
    }

    /// The error of a file found where a folder is needed: `ENOTDIR`, as `open` would report it.
    static func notADirectory(_ path: String, operation: String) -> ArchiveError {
        ArchiveError(path: path, "已存在同名文件，不是文件夹", errno: ENOTDIR, operation: operation)
    }
}

/// An open file descriptor, closed exactly once: by ``close(failure:)``, which reports a failure (it matters
/// after writing: the data may not have reached the disk), or else quietly when the value goes away (after
/// reading, or on the way out of an error that is already being reported).
struct FileDescriptor: ~Copyable {
    /// How a file is opened. Every descriptor is close-on-exec, so LibreOffice and other children never
    /// inherit one.
    enum Access {
        /// Read only.
        case read
        /// Read only, refusing a symbolic link at the name (`ELOOP`) and never waiting on a FIFO or a device: for
        /// files given by others (attachments), whose kind is checked once open.
        case readNotLink
        /// Write only, created with `mode` (before the umask) or emptied.
        case replace(mode: FileMode)
        /// Write only at the end, created with `mode` (before the umask) if missing.
        case append(mode: FileMode)
        /// A folder, for `fsync`.
        case directory
        /// A folder that is not a symbolic link, for `fchmod`.
        case directoryNotLink
        /// Read and write, created if missing, for `flock`.
        case lock

        var flags: Int32 {
            switch self {
            case .read: return O_RDONLY | O_CLOEXEC
            case .readNotLink: return O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC
            case .replace: return O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
            case .append: return O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC
            case .directory: return O_RDONLY | O_DIRECTORY | O_CLOEXEC
            case .directoryNotLink: return O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
            case .lock: return O_RDWR | O_CREAT | O_CLOEXEC
            }
        }

        var mode: FileMode {
            switch self {
            case .replace(let mode), .append(let mode): return mode
            case .lock: return 0o644
            case .read, .readNotLink, .directory, .directoryNotLink: return 0
            }
        }
    }

    private var raw: Int32
    let path: String

    init(opening path: String, _ access: Access, failure: String) throws(ArchiveError) {
        let raw = try systemCall("open", path: path, failure: failure) { open(path, access.flags, access.mode) }
        self.raw = raw
        self.path = path
    }

    /// Opens `name` inside the folder open as `folder` (`openat`), so that no part of the path above it can be
    /// swapped meanwhile; with ``Access/readNotLink`` or ``Access/directoryNotLink`` a symbolic link at `name` is
    /// refused. `path` names the file in errors.
    init(at folder: borrowing FileDescriptor, name: String, path: String, _ access: Access, failure: String)
        throws(ArchiveError)
    {
        let parent = folder.raw
        let raw = try systemCall("openat", path: path, failure: failure) {
            openat(parent, name, access.flags, access.mode)
        }
        self.raw = raw
        self.path = path
    }

    /// What `name` inside this folder is, without following a symbolic link (`fstatat`); nil when nothing is
    /// there.
    func kind(of name: String, path: String, failure: String) throws(ArchiveError) -> FileKind? {
        let fd = raw
        var status = stat()
        do {
            try systemCall("fstatat", path: path, failure: failure) {
                fstatat(fd, name, &status, AT_SYMLINK_NOFOLLOW)
            }
        } catch let error where error.code == .notFound {
            return nil
        }
        return FileKind(mode: status.st_mode)
    }

    /// What is open, and its size in bytes (`fstat`).
    func status(failure: String) throws(ArchiveError) -> (kind: FileKind, size: Int) {
        let fd = raw
        var status = stat()
        try systemCall("fstat", path: path, failure: failure) { fstat(fd, &status) }
        return (FileKind(mode: status.st_mode), Int(status.st_size))
    }

    /// Reads once, at most `buffer.count` bytes into the start of `buffer`; returns how many (0 at the end).
    func read(into buffer: inout [UInt8], failure: String) throws(ArchiveError) -> Int {
        let fd = raw
        return try systemCall("read", path: path, failure: failure) {
            buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        }
    }

    /// Reads once from `offset` (`pread`: the file's position is not used), at most `buffer.count` bytes into the
    /// start of `buffer`; returns how many (0 at the end).
    func read(at offset: Int, into buffer: inout [UInt8], failure: String) throws(ArchiveError) -> Int {
        let fd = raw
        return try systemCall("pread", path: path, failure: failure) {
            buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
        }
    }

    /// Reads to the end of the file.
    func readAll(failure: String) throws(ArchiveError) -> [UInt8] {
        let fd = raw
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = try systemCall("read", path: path, failure: failure) {
                chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            }
            if n == 0 { return result }
            result.append(contentsOf: chunk[0..<n])
        }
    }

    /// Writes all of `bytes`, however many calls it takes.
    func write(_ bytes: [UInt8], failure: String) throws(ArchiveError) {
        let fd = raw
        var written = 0
        while written < bytes.count {
            let offset = written
            written += try systemCall("write", path: path, failure: failure) {
                bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            }
        }
    }

    func changeMode(_ mode: FileMode, failure: String) throws(ArchiveError) {
        let fd = raw
        try systemCall("fchmod", path: path, failure: failure) { fchmod(fd, mode) }
    }

    func sync(failure: String) throws(ArchiveError) {
        let fd = raw
        try systemCall("fsync", path: path, failure: failure) { fsync(fd) }
    }

    func syncFileSystem(failure: String) throws(ArchiveError) {
        let fd = raw
        try systemCall("syncfs", path: path, failure: failure) { ducha_syncfs(fd) }
    }

    /// Takes the exclusive `flock` lock, waiting for it when `wait`; fails with ``ArchiveError/Code/locked``
    /// when another process holds it and `wait` is false.
    func lock(wait: Bool, failure: String) throws(ArchiveError) {
        let fd = raw
        try systemCall("flock", path: path, failure: failure) { flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) }
    }

    func unlock(failure: String) throws(ArchiveError) {
        let fd = raw
        try systemCall("flock", path: path, failure: failure) { flock(fd, LOCK_UN) }
    }

    /// Closes, reporting a failure. Not retried on `EINTR`: on Linux the descriptor is released even then,
    /// and a retry could close another thread's file.
    consuming func close(failure: String) throws(ArchiveError) {
        let raw = self.raw
        self.raw = -1
        try systemCall("close", path: path, failure: failure, retryOnInterrupt: false) {
            let result = Glibc.close(raw)
            return result == -1 && errno == EINTR ? 0 : result
        }
    }

    deinit {
        if raw >= 0 { _ = Glibc.close(raw) }
    }
}
