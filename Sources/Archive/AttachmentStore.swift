import Crypto
public import Matters

/// An attachment copied into the archive's staging folder while its event file was checked: opened once
/// (``FileBeneath``), read through a bounded stream and hashed while copied. Filing it later reads neither
/// the sender's file again nor holds its bytes in memory.
public struct StagedFile: Sendable, Hashable {
    /// Where the copy is (`<archive>/.staging/.<hex>.tmp`).
    public let path: String
    public let size: Int
    /// Lowercase hex SHA-256 of the bytes.
    public let sha256: String

    public init(path: String, size: Int, sha256: String) {
        self.path = path
        self.size = size
        self.sha256 = sha256
    }
}

/// The bytes of an attachment to file: given in memory (a front end's upload), or staged.
public enum AttachmentBytes: Sendable, Equatable {
    case bytes([UInt8])
    case staged(StagedFile)
}

extension ArchiveStore {
    /// Where attachments wait between the check of their event file and their filing. Its files are hidden
    /// `.tmp` files: a run that dies leaves them to the next run's sweep (``ChangeJournal``).
    public var stagingFolder: String { root + "/.staging" }

    /// Hashes the regular file at `relative` inside `folder` where it is, through a bounded buffer, refusing
    /// what ``stageAttachment(_:in:limit:number:)`` refuses; nothing is written. An event already recorded costs
    /// its attachments this read only, so that the same input again writes nothing at all.
    public func hashAttachment(_ relative: String, in folder: String, limit: Int) throws(FileBeneath.Fault)
        -> (size: Int, sha256: String)
    {
        let source = try FileBeneath.open(relative, in: folder)
        guard source.size <= limit else { throw .tooLarge(size: source.size, limit: limit) }
        var hasher = SHA256()
        do throws(ArchiveError) {
            try Self.stream(source) { chunk throws(ArchiveError) in hasher.update(data: chunk) }
        } catch {
            throw .system(error)
        }
        return (source.size, hasher.finalize().hex)
    }

    /// Copies the regular file at `relative` inside `folder` into the staging folder, refusing a symbolic link
    /// anywhere on the path and anything but a regular file, and a file larger than `limit` before a byte of it
    /// is read (a 1 GiB sparse file is refused at once). The copy is hashed as it is written and is readable by
    /// the archive's owner only.
    /// - Parameter number: distinguishes this staged copy from the run's others.
    public func stageAttachment(_ relative: String, in folder: String, limit: Int, number: Int)
        throws(FileBeneath.Fault) -> StagedFile
    {
        let source = try FileBeneath.open(relative, in: folder)
        let size = source.size
        guard size <= limit else { throw .tooLarge(size: size, limit: limit) }
        let path = stagingFolder + "/" + AtomicFile.temporaryName(for: "staged-\(number)")
        var hasher = SHA256()
        do throws(ArchiveError) {
            try AtomicFile.makeDirectories(stagingFolder, mode: 0o700)
            let output = try FileDescriptor(opening: path, .replace(mode: 0o600), failure: "无法创建暂存文件")
            try Self.stream(source) { chunk throws(ArchiveError) in
                hasher.update(data: chunk)
                try output.write(chunk, failure: "写入暂存文件失败")
            }
            try output.close(failure: "写入暂存文件失败")
            return StagedFile(path: path, size: size, sha256: hasher.finalize().hex)
        } catch  where error.code == .changed {
            try? Posix.unlink(path, failure: "无法删除暂存文件")
            throw .changedWhileReading
        } catch {
            try? Posix.unlink(path, failure: "无法删除暂存文件")
            throw .system(error)
        }
    }

    /// Hands the bytes of an opened file to `body` in chunks of a fixed buffer, never more than the size it had
    /// when opened: a file that grows or shrinks while it is read fails with code ``ArchiveError/Code/changed``.
    private static func stream(_ source: borrowing FileBeneath.Opened, _ body: ([UInt8]) throws(ArchiveError) -> Void)
        throws(ArchiveError)
    {
        var total = 0
        var buffer = [UInt8](repeating: 0, count: AtomicFile.copyChunk)
        while total <= source.size {
            let count = try source.file.read(into: &buffer, failure: "读取失败")
            if count == 0 { break }
            total += count
            try body(count == buffer.count ? buffer : Array(buffer[0..<count]))
        }
        guard total == source.size else {
            throw ArchiveError(path: source.file.path, message: "文件在读取期间被改动", code: .changed)
        }
    }

    /// Checks the file at `relative` inside `folder` as ``stageAttachment(_:in:limit:number:)`` does, without
    /// reading it (for an event file refused anyway: its problems are wanted, not its bytes).
    public func checkAttachment(_ relative: String, in folder: String, limit: Int) throws(FileBeneath.Fault) {
        let opened = try FileBeneath.open(relative, in: folder)
        guard opened.size <= limit else { throw .tooLarge(size: opened.size, limit: limit) }
    }

    /// Removes every staged copy (those of files refused, or of events not recorded). Call under the archive
    /// lock when the intake that staged them ends.
    public func discardStaged() throws(ArchiveError) {
        guard try Posix.kind(stagingFolder, followingLinks: false) == .directory else { return }
        for entry in try Directory.entries(stagingFolder, missing: .empty) where !entry.isDirectory {
            try Posix.unlink(stagingFolder + "/" + entry.name, failure: "无法删除暂存文件")
        }
        try Posix.removeDirectory(stagingFolder)
    }

    /// Files an event's attachments in the bag beside its record, under names distinct within the event
    /// (``AttachmentNames``); a staged copy is copied again through a fixed buffer and must still hash as it did
    /// when staged. Returns each attachment's path inside the bag, in the order given.
    public func storeAttachments(
        _ attachments: [(name: String, bytes: AttachmentBytes)], sequence: Int, event: MatterEvent, of matter: Matter
    ) throws(ArchiveError) -> [String] {
        let names = AttachmentNames.names(attachments.map(\.name), sequence: sequence)
        var paths: [String] = []
        for (attachment, name) in zip(attachments, names) {
            let relative = "data/\(Folder.of(event).rawValue)/\(name)"
            let target = folder(of: matter) + "/" + relative
            switch attachment.bytes {
            case .bytes(let bytes): try AtomicFile.write(bytes, to: target, mode: fileMode(matter))
            case .staged(let staged):
                try AtomicFile.copy(from: staged.path, to: target, sha256: staged.sha256, mode: fileMode(matter))
            }
            paths.append(relative)
        }
        return paths
    }
}
