import CLibZip

/// Reads zip archives held in memory with libzip, refusing unsafe ones.
///
/// `init` checks the central directory without decompressing anything: entry count, names
/// (absolute, `..`, backslash and repeated names are refused), encryption, declared sizes and
/// compression ratios against ``ZipLimits``. ``read(_:)`` then decompresses one entry in
/// chunks, stops as soon as the data would exceed the declared size, and lets libzip verify
/// the CRC. The reader is a plain value (it keeps the archive bytes, no C handle), so it is
/// `Sendable`; each read opens the archive afresh, and ``readAll()`` reads every entry with a
/// single open.
public struct ZipReader: Sendable {
    private struct Entry: Sendable {
        var name: String
        var index: UInt64
        var size: Int
        var method: Int32
        var unixMode: UInt16?
    }

    /// What the central directory says of one entry.
    public struct EntryInfo: Sendable, Equatable {
        public var name: String
        /// The uncompressed size.
        public var size: Int
        /// The compression method: 0 stored, 8 deflate (libzip's `ZIP_CM_*`).
        public var method: Int32
        /// The Unix permission and type bits, when the entry was made on Unix; `nil` otherwise.
        public var unixMode: UInt16?
    }

    /// Every entry's directory data, in archive order.
    public var entryInfos: [EntryInfo] {
        entries.map { EntryInfo(name: $0.name, size: $0.size, method: $0.method, unixMode: $0.unixMode) }
    }

    /// The name used in errors.
    public let source: String
    private let bytes: [UInt8]
    private let entries: [Entry]
    private let positions: [String: Int]

    /// Opens the archive in `bytes` and checks its directory.
    ///
    /// - Parameters:
    ///   - bytes: The whole zip file.
    ///   - source: The file name used in errors, e.g. `台账.xlsx`.
    ///   - limits: Entry count, size and compression-ratio limits.
    /// - Throws: ``ODFError`` with code ``ODFError/Code/zip``, ``ODFError/Code/unsafeEntryName``,
    ///   ``ODFError/Code/limitExceeded`` or ``ODFError/Code/encrypted``.
    public init(bytes: [UInt8], source: String, limits: ZipLimits = .default) throws(ODFError) {
        let entries = try Self.withArchive(bytes, source: source) { archive throws(ODFError) in
            try Self.checkedEntries(archive, source: source, limits: limits)
        }
        self.source = source
        self.bytes = bytes
        self.entries = entries
        var positions: [String: Int] = [:]
        for (position, entry) in entries.enumerated() { positions[entry.name] = position }
        self.positions = positions
    }

    /// The entry names in archive order (directory entries end with `/`).
    public var entryNames: [String] { entries.map(\.name) }

    /// Whether the archive has an entry with this name.
    public func contains(_ name: String) -> Bool { positions[name] != nil }

    /// The declared uncompressed size of an entry, or `nil` if there is no such entry.
    public func size(of name: String) -> Int? { positions[name].map { entries[$0].size } }

    /// Decompresses one entry.
    ///
    /// - Throws: ``ODFError`` with code ``ODFError/Code/missingPart`` if there is no such entry,
    ///   ``ODFError/Code/limitExceeded`` if its data is longer than declared, or
    ///   ``ODFError/Code/zip`` (e.g. a CRC error) with libzip's message.
    public func read(_ name: String) throws(ODFError) -> [UInt8] {
        guard let position = positions[name] else {
            throw ODFError(.missingPart, "压缩包中没有“\(name)”", source: source)
        }
        let entry = entries[position]
        return try Self.withArchive(bytes, source: source) { archive throws(ODFError) in
            try Self.readEntry(entry, from: archive, source: source)
        }
    }

    /// Decompresses every entry, in archive order, opening the archive once.
    public func readAll() throws(ODFError) -> [(name: String, data: [UInt8])] {
        try Self.withArchive(bytes, source: source) { archive throws(ODFError) in
            var result: [(name: String, data: [UInt8])] = []
            result.reserveCapacity(entries.count)
            for entry in entries {
                result.append((entry.name, try Self.readEntry(entry, from: archive, source: source)))
            }
            return result
        }
    }

    /// Opens a read-only libzip archive over `bytes` (not copied) for the duration of `body`.
    private static func withArchive<R>(
        _ bytes: [UInt8], source: String, _ body: (OpaquePointer) throws(ODFError) -> R
    ) throws(ODFError) -> R {
        let result = bytes.withUnsafeBytes { raw -> Result<R, ODFError> in
            var error = zip_error_t()
            zip_error_init(&error)
            defer { zip_error_fini(&error) }
            func failure(_ what: String) -> ODFError {
                ODFError(.zip, "\(what)：\(String(cString: zip_error_strerror(&error)))", source: source)
            }
            guard let buffer = zip_source_buffer_create(raw.baseAddress, UInt64(raw.count), 0, &error)
            else {
                return .failure(failure("无法读取压缩包"))
            }
            guard let archive = zip_open_from_source(buffer, ZIP_RDONLY | ZIP_CHECKCONS, &error) else {
                zip_source_free(buffer)
                return .failure(failure("不是有效的 ZIP 压缩包"))
            }
            defer { zip_discard(archive) }
            return Result { () throws(ODFError) in try body(archive) }
        }
        return try result.get()
    }

    private static func checkedEntries(
        _ archive: OpaquePointer, source: String, limits: ZipLimits
    ) throws(ODFError) -> [Entry] {
        let count = zip_get_num_entries(archive, 0)
        guard count >= 0 else { throw ODFError(.zip, "无法读取目录", source: source) }
        guard count <= limits.maxEntries else {
            throw ODFError(.limitExceeded, "压缩包有 \(count) 个条目，超过上限 \(limits.maxEntries)", source: source)
        }
        var entries: [Entry] = []
        var names = Set<String>()
        var total = 0
        for index in 0..<UInt64(count) {
            var stat = zip_stat_t()
            zip_stat_init(&stat)
            guard zip_stat_index(archive, index, 0, &stat) == 0, let namePointer = stat.name else {
                throw ODFError(
                    .zip, "无法读取第 \(index + 1) 个条目：\(String(cString: zip_strerror(archive)))", source: source)
            }
            let name = String(cString: namePointer)
            let entrySource = source + "/" + name
            guard ZipEntryName.isSafe(name) else {
                throw ODFError(.unsafeEntryName, "条目名“\(name)”不安全（绝对路径、含“..”或反斜杠）", source: source)
            }
            guard names.insert(name).inserted else {
                throw ODFError(.unsafeEntryName, "条目名“\(name)”重复", source: source)
            }
            if stat.valid & UInt64(ZIP_STAT_ENCRYPTION_METHOD) != 0, stat.encryption_method != ZIP_EM_NONE {
                throw ODFError(.encrypted, "条目已加密", source: entrySource)
            }
            guard
                stat.valid & UInt64(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)
                    == UInt64(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE),
                stat.size <= UInt64(limits.maxEntrySize)
            else {
                throw ODFError(
                    .limitExceeded, "解压后大小 \(stat.size) 字节，超过单个条目上限 \(limits.maxEntrySize) 字节",
                    source: entrySource)
            }
            let size = Int(stat.size)
            total += size
            guard total <= limits.maxTotalSize else {
                throw ODFError(
                    .limitExceeded, "解压后总大小超过上限 \(limits.maxTotalSize) 字节", source: entrySource)
            }
            let compressed = max(Int(clamping: stat.comp_size), 1)
            if size > limits.compressionRatioGraceSize, size / compressed > limits.maxCompressionRatio {
                throw ODFError(
                    .limitExceeded,
                    "压缩比 \(size / compressed):1 超过上限 \(limits.maxCompressionRatio):1（疑似 ZIP 炸弹）",
                    source: entrySource)
            }
            var opsys: UInt8 = 0
            var attributes: UInt32 = 0
            let hasAttributes = zip_file_get_external_attributes(archive, index, 0, &opsys, &attributes) == 0
            let unixMode = hasAttributes && opsys == UInt8(ZIP_OPSYS_UNIX) ? UInt16(attributes >> 16) : nil
            entries.append(
                Entry(name: name, index: index, size: size, method: Int32(stat.comp_method), unixMode: unixMode))
        }
        return entries
    }

    private static func readEntry(
        _ entry: Entry, from archive: OpaquePointer, source: String
    ) throws(ODFError) -> [UInt8] {
        let entrySource = source + "/" + entry.name
        guard let file = zip_fopen_index(archive, entry.index, 0) else {
            throw ODFError(.zip, "无法打开条目：\(String(cString: zip_strerror(archive)))", source: entrySource)
        }
        defer { zip_fclose(file) }
        var failed: ODFError?
        let data = [UInt8](unsafeUninitializedCapacity: entry.size + 1) { storage, count in
            count = 0
            // Read exactly the declared size, then one more byte: data beyond the declared size
            // is refused, and reaching the end lets libzip check the CRC.
            while failed == nil {
                let wanted = count < entry.size ? min(entry.size - count, 1 << 16) : 1
                let read = zip_fread(file, storage.baseAddress! + count, UInt64(wanted))
                if read < 0 {
                    failed = ODFError(
                        .zip, "解压失败：\(String(cString: zip_file_strerror(file)))", source: entrySource)
                } else if read == 0 {
                    if count < entry.size {
                        failed = ODFError(
                            .zip, "数据只有 \(count) 字节，少于声明的 \(entry.size) 字节", source: entrySource)
                    }
                    break
                } else if count + Int(read) > entry.size {
                    failed = ODFError(
                        .limitExceeded, "解压后的数据超过声明的大小 \(entry.size) 字节（疑似 ZIP 炸弹）",
                        source: entrySource)
                } else {
                    count += Int(read)
                }
            }
        }
        if let failed { throw failed }
        return data
    }
}
