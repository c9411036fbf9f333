/// One lock per archive root (`.ducha.lock`, `flock`): two runs never write the same archive at once.
/// The lock goes with the process, so a run that dies never leaves it held.
public final class ArchiveLock {
    private let file: FileDescriptor

    /// Takes the lock, waiting for another run to finish when `wait` is true, or failing at once with a
    /// message that says so (``ArchiveError/Code/locked``).
    public init(root: String, wait: Bool) throws(ArchiveError) {
        try AtomicFile.makeDirectories(root)
        let file = try FileDescriptor(opening: root + "/.ducha.lock", .lock, failure: "无法打开档案锁")
        do {
            try file.lock(wait: wait, failure: "无法加锁")
        } catch let error where error.code == .locked {
            var busy = error
            busy.path = root
            busy.message = "另一个 ducha 进程正在写入此档案，请待其结束后再运行（或加 --wait 等待）"
            throw busy
        }
        self.file = file
    }

    deinit {
        // Closing releases the lock too; unlocking first also releases it for any copy of the descriptor.
        try? file.unlock(failure: "无法解锁")
    }
}

@available(*, unavailable)
extension ArchiveLock: Sendable {}
