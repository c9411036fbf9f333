/// An event's attachment, checked when its event file was read: its own file name, the path `附件` gave, and
/// where its bytes are — in memory (a front end's upload), or staged by the archive (opened once, without
/// following symbolic links, copied through a bounded stream and hashed on the way).
public struct Attachment: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        /// The bytes themselves.
        case bytes([UInt8])
        /// A copy the archive made (its path there), with its size and lowercase hex SHA-256.
        case staged(path: String, size: Int, sha256: String)
        /// Checked and hashed where the sender put it (`path` relative to the event file's `folder`), not copied:
        /// the archive copies it only when its event is to be recorded, and only if it still hashes so.
        case inPlace(folder: String, path: String, size: Int, sha256: String)
    }

    /// The file's own name (the last part of the path), e.g. `报告.pdf`.
    public var name: String
    /// The path as `附件` gave it, relative to the event file's folder (for messages).
    public var path: String
    public var content: Content

    public init(name: String, path: String, content: Content) {
        self.name = name
        self.path = path
        self.content = content
    }

    /// An attachment given in memory, named `name`.
    public init(name: String, bytes: [UInt8]) {
        self.init(name: name, path: name, content: .bytes(bytes))
    }

    /// The bytes, when they are in memory.
    public var bytes: [UInt8]? {
        if case .bytes(let bytes) = content { return bytes }
        return nil
    }

    /// The SHA-256, when the stage that took the file computed it.
    public var sha256: String? {
        switch content {
        case .bytes: return nil
        case .staged(_, _, let sha256), .inPlace(_, _, _, let sha256): return sha256
        }
    }

    /// Whether two attachments hold the same bytes.
    public func hasSameBytes(as other: Attachment) -> Bool {
        switch (content, other.content) {
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.bytes, _), (_, .bytes): return false
        default: return size == other.size && sha256 == other.sha256
        }
    }

    /// The size in bytes.
    public var size: Int {
        switch content {
        case .bytes(let bytes): return bytes.count
        case .staged(_, let size, _), .inPlace(_, _, let size, _): return size
        }
    }
}

/// Why an attachment was not taken in.
public enum AttachmentRefusal: Error, Sendable, Equatable {
    /// Nothing is at the path.
    case missing
    /// The file could not be read, for the reason given (nil when the loader did not say).
    case unreadable(String?)
    /// This part of the path (e.g. `linked` of `linked/x.pdf`) is a symbolic link.
    case symbolicLink(String)
    /// This part of the path is a file where a folder should be.
    case notAFolder(String)
    /// Not a regular file: a folder, a FIFO, a device, a socket.
    case notARegularFile
    /// Larger than the limit (its size and the limit, in bytes).
    case tooLarge(size: Int, limit: Int)
    /// Its size changed while it was read.
    case changedWhileReading

    /// The message for the attachment at `path`: the problem and what was expected.
    public func message(path: String) -> (problem: String, expectation: String) {
        let inside = "记录文件所在文件夹内的普通文件（不是符号链接）"
        switch self {
        case .missing: return ("找不到附件“\(path)”", "相对于记录文件所在文件夹的路径")
        case .unreadable(nil): return ("找不到或无法读取附件“\(path)”", "相对于记录文件所在文件夹的路径")
        case .unreadable(let reason?): return ("无法读取附件“\(path)”：\(reason)", "可读取的文件")
        case .symbolicLink(let part):
            return ("附件“\(path)”中的“\(part)”是符号链接，不收（符号链接可指向文件夹以外的文件）", inside)
        case .notAFolder(let part): return ("附件路径“\(path)”中的“\(part)”不是文件夹", "相对于记录文件所在文件夹的路径")
        case .notARegularFile: return ("附件“\(path)”不是普通文件（是文件夹、管道或设备）", inside)
        case .tooLarge(let size, let limit):
            return ("附件“\(path)”有 \(Self.mebibytes(size)) MiB，超过 \(limit >> 20) MiB", "不超过 \(limit >> 20) MiB 的文件")
        case .changedWhileReading: return ("附件“\(path)”在读取时被改动", "读取期间不被改动的文件")
        }
    }

    /// `300.0`, `0.1`: a size in MiB with one decimal.
    private static func mebibytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// What the reader asks of an ``AttachmentLoader`` for one path of `附件`.
public struct AttachmentRequest: Sendable, Equatable {
    /// The event file's folder.
    public var folder: String
    /// The path as `附件` gave it, relative to ``folder`` (already checked to stay inside it).
    public var path: String
    /// The largest file taken, in bytes.
    public var limit: Int
    /// Whether to take the bytes in. False once the event file is refused anyway: the file is then only checked,
    /// so that a refused file costs no copy (a file of many large or sparse attachments cannot fill the disk).
    public var take: Bool

    public init(folder: String, path: String, limit: Int, take: Bool) {
        self.folder = folder
        self.path = path
        self.limit = limit
        self.take = take
    }
}

/// Takes an event file's attachment in, or only checks it (``AttachmentRequest/take``): where its bytes now are
/// (nil when only checked), or why it is refused.
public typealias AttachmentLoader = (AttachmentRequest) -> Result<Attachment.Content?, AttachmentRefusal>
