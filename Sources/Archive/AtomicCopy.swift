import Crypto

extension AtomicFile {
    /// The size of one read or write of a stream copy.
    static let copyChunk = 1 << 20

    /// Copies the file at `source` to `path` atomically (temporary file, `fsync`, `rename`, `fsync` of the folder)
    /// through a fixed buffer, hashing the bytes as they pass; fails, leaving `path` as it was, unless they hash to
    /// `sha256` (a staged copy that changed on disk is never filed under the digest of other bytes). A file at
    /// `path` that already hashes to `sha256` is kept as it is.
    /// - Returns: whether it wrote.
    @discardableResult
    static func copy(from source: String, to path: String, sha256 expected: String, mode: FileMode)
        throws(ArchiveError) -> Bool
    {
        if (try? Self.sha256(of: path)) == expected { return false }
        let directory = parent(of: path)
        try makeDirectories(directory)
        let temporary = "\(directory)/\(temporaryName(for: basename(path)))"
        let input = try FileDescriptor(opening: source, .read, failure: "无法读取")
        let output = try FileDescriptor(opening: temporary, .replace(mode: mode), failure: "无法创建临时文件")
        do throws(ArchiveError) {
            var hasher = SHA256()
            var buffer = [UInt8](repeating: 0, count: copyChunk)
            while true {
                let count = try input.read(into: &buffer, failure: "读取失败")
                if count == 0 { break }
                let chunk = count == buffer.count ? buffer : Array(buffer[0..<count])
                hasher.update(data: chunk)
                try output.write(chunk, failure: "写入失败")
            }
            guard hasher.finalize().hex == expected else {
                throw ArchiveError(path: source, message: "暂存的附件与读入时的 SHA-256 不符，未归档", code: .damaged)
            }
            try output.changeMode(mode, failure: "无法设置权限")
            try output.sync(failure: "fsync 失败")
            try output.close(failure: "写入失败")
            try Posix.rename(temporary, to: path, failure: "无法替换文件")
        } catch {
            try? Posix.unlink(temporary, failure: "无法删除临时文件")
            throw error
        }
        try Posix.syncDirectory(directory)
        return true
    }

    /// The lowercase hex SHA-256 of a file, read through a fixed buffer.
    static func sha256(of path: String) throws(ArchiveError) -> String {
        let file = try FileDescriptor(opening: path, .read, failure: "无法读取")
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: copyChunk)
        while true {
            let count = try file.read(into: &buffer, failure: "读取失败")
            if count == 0 { return hasher.finalize().hex }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }
}

extension SHA256.Digest {
    /// Lowercase hex, as the manifests write a digest.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
