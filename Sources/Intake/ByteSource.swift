/// Bytes a reader takes in pieces, so that a record file is never held whole: a file on disk (the core reads
/// it with `pread` through one descriptor, so a file renamed or replaced meanwhile is not mixed in), or bytes
/// already in memory.
public protocol ByteSource: Sendable {
    /// Up to `count` bytes from `offset`; fewer only at the end, none past it.
    /// - Throws: ``ByteSourceError`` when the bytes cannot be read (the words say why).
    func bytes(at offset: Int, count: Int) throws(ByteSourceError) -> [UInt8]
}

/// Why a ``ByteSource`` could not be read, in words for the office.
public struct ByteSourceError: Error, Sendable, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }
}

extension Array: ByteSource where Element == UInt8 {
    public func bytes(at offset: Int, count: Int) throws(ByteSourceError) -> [UInt8] {
        guard offset < self.count else { return [] }
        return Array(self[offset..<Swift.min(self.count, offset + count)])
    }
}
