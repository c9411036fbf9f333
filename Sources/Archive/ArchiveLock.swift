import Glibc

/// One lock per archive root (`.ducha.lock`, `flock`): two runs never write the same archive at once.
/// The lock goes with the process, so a run that dies never leaves it held.
public final class ArchiveLock {
    private let fd: Int32

    /// Takes the lock, waiting for another run to finish when `wait` is true, or failing at once with a
    /// message that says so.
    public init(root: String, wait: Bool) throws(ArchiveError) {
        try AtomicFile.makeDirectories(root)
        let path = root + "/.ducha.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFile.failure(path, "无法打开档案锁") }
        while flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            close(fd)
            if code == EWOULDBLOCK {
                throw ArchiveError(path: root, message: "另一个 ducha 进程正在写入此档案，请待其结束后再运行（或加 --wait 等待）")
            }
            errno = code
            throw AtomicFile.failure(path, "无法加锁")
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

@available(*, unavailable)
extension ArchiveLock: Sendable {}
