/// A file given to a run as input (a record file), open once and read in pieces with `pread`: memory holds a
/// piece, not the file, and a file renamed or replaced while it is read twice is not mixed with another.
public final class InputFile: @unchecked Sendable {
    /// The path as the user gave it.
    public let path: String
    /// The size when opened.
    public let size: Int
    private let descriptor: FileDescriptor

    /// Opens a regular file for reading (following symbolic links: the user named it).
    /// - Throws: ``ArchiveError`` when it cannot be opened or is not a regular file (a folder, a FIFO).
    public init(path: String) throws(ArchiveError) {
        let descriptor = try FileDescriptor(opening: path, .read, failure: "无法读取")
        let status = try descriptor.status(failure: "无法读取")
        guard status.kind == .regular else {
            throw ArchiveError(path: path, message: "不是普通文件（是文件夹、管道或设备）", code: .other)
        }
        self.path = path
        self.size = status.size
        self.descriptor = descriptor
    }

    /// Up to `count` bytes from `offset`; fewer only at the end of the file.
    public func read(at offset: Int, count: Int) throws(ArchiveError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            var piece = [UInt8](repeating: 0, count: count - filled)
            let n = try descriptor.read(at: offset + filled, into: &piece, failure: "读取失败")
            if n == 0 { break }
            buffer.replaceSubrange(filled..<filled + n, with: piece[0..<n])
            filled += n
        }
        buffer.removeLast(count - filled)
        return buffer
    }
}
