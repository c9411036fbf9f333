import CLibZip

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds zip archives in memory with libzip.
public enum ZipWriter {
    /// Returns a zip archive holding `entries` in the given order.
    ///
    /// The archive is built entirely in memory and is reproducible: every entry gets the DOS
    /// time `modified`, nothing comes from the clock or a random source, and identical input
    /// gives identical bytes. Stored entries use `ZIP_CM_STORE`, the others deflate. Names are
    /// flagged UTF-8 when they are not ASCII; no entry carries an extra field, so an ODF
    /// `mimetype` entry written first and stored is exactly what ODF requires. An entry with a
    /// ``ZipEntry/mode`` carries those Unix permissions (with a mode, a name ending in `/` is added
    /// as a folder entry).
    ///
    /// - Throws: ``ODFError`` — ``ODFError/Code/unsafeEntryName`` for an absolute name, one
    ///   with `..` or a backslash, or a repeated name; ``ODFError/Code/invalidArgument`` for a
    ///   timestamp outside the DOS range; ``ODFError/Code/zip`` with libzip's message.
    public static func archive(_ entries: [ZipEntry], modified: ZipTimestamp) throws(ODFError)
        -> [UInt8]
    {
        _ = AllocatorTuning.applied
        let (dosTime, dosDate) = try modified.dosTimeAndDate()
        var seen = Set<String>()
        for entry in entries {
            guard ZipEntryName.isSafe(entry.name) else {
                throw ODFError(
                    .unsafeEntryName, "条目名“\(entry.name)”不安全（绝对路径、含“..”或反斜杠）", source: entry.name)
            }
            guard seen.insert(entry.name).inserted else {
                throw ODFError(.unsafeEntryName, "条目名“\(entry.name)”重复", source: entry.name)
            }
        }
        if entries.isEmpty { return emptyArchive }

        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let buffer = zip_source_buffer_create(nil, 0, 0, &error) else {
            throw ODFError(
                .zip, "无法创建内存缓冲区：\(String(cString: zip_error_strerror(&error)))", source: "ZIP")
        }
        guard let archive = zip_open_from_source(buffer, ZIP_CREATE | ZIP_TRUNCATE, &error) else {
            zip_source_free(buffer)
            throw ODFError(.zip, "无法创建压缩包：\(String(cString: zip_error_strerror(&error)))", source: "ZIP")
        }
        zip_source_keep(buffer)
        defer { zip_source_free(buffer) }
        // Archives whose entries are copied raw must stay open until the new archive is closed.
        var sources: [OpaquePointer] = []
        defer { for source in sources { zip_discard(source) } }

        for entry in entries {
            do {
                try add(entry, to: archive, dosTime: dosTime, dosDate: dosDate, sources: &sources)
            } catch {
                zip_discard(archive)
                throw error
            }
        }
        if zip_close(archive) < 0 {
            let message = String(cString: zip_strerror(archive))
            zip_discard(archive)
            throw ODFError(.zip, "写入压缩包失败：\(message)", source: "ZIP")
        }
        return try readBack(buffer)
    }

    /// An archive with no entries: only the end-of-central-directory record (libzip deletes
    /// the output instead of writing one).
    private static let emptyArchive: [UInt8] =
        [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)

    private static func add(
        _ entry: ZipEntry, to archive: OpaquePointer, dosTime: UInt16, dosDate: UInt16, sources: inout [OpaquePointer]
    ) throws(ODFError) {
        func failure(_ what: String) -> ODFError {
            ODFError(.zip, "\(what)：\(String(cString: zip_strerror(archive)))", source: entry.name)
        }
        if entry.mode != nil, entry.name.hasSuffix("/") {
            let added = zip_dir_add(archive, entry.name, zip_flags_t(ZIP_FL_ENC_UTF_8))
            guard added >= 0 else { throw failure("无法添加文件夹条目") }
            try finish(entry, at: UInt64(added), in: archive, dosTime: dosTime, dosDate: dosDate, failure: failure)
            return
        }
        // libzip reads the data only at zip_close: give it a malloc'ed copy it frees itself.
        var source: OpaquePointer?
        if let deflated = entry.deflated {
            let from = try open(deflated.archive, name: entry.name)
            sources.append(from)
            source = zip_source_zip(archive, from, 0, zip_flags_t(ZIP_FL_COMPRESSED), 0, -1)
        } else if entry.data.isEmpty {
            source = zip_source_buffer(archive, nil, 0, 0)
        } else if let copy = malloc(entry.data.count) {
            entry.data.withUnsafeBytes { bytes in _ = memcpy(copy, bytes.baseAddress!, bytes.count) }
            source = zip_source_buffer(archive, copy, UInt64(entry.data.count), 1)
            if source == nil { free(copy) }
        }
        guard let source else { throw failure("无法为条目分配缓冲区") }
        let added = zip_file_add(archive, entry.name, source, zip_flags_t(ZIP_FL_ENC_UTF_8))
        guard added >= 0 else {
            zip_source_free(source)
            throw failure("无法添加条目")
        }
        let index = UInt64(added)
        let method = entry.compressed ? ZIP_CM_DEFLATE : ZIP_CM_STORE
        guard entry.deflated != nil || zip_set_file_compression(archive, index, method, 0) == 0 else {
            throw failure("无法设置压缩方式")
        }
        try finish(entry, at: index, in: archive, dosTime: dosTime, dosDate: dosDate, failure: failure)
    }

    /// Sets an added entry's time and permissions and drops its extra fields.
    private static func finish(
        _ entry: ZipEntry, at index: UInt64, in archive: OpaquePointer, dosTime: UInt16, dosDate: UInt16,
        failure: (String) -> ODFError
    ) throws(ODFError) {
        guard zip_file_set_dostime(archive, index, dosTime, dosDate, 0) == 0 else {
            throw failure("无法设置修改时间")
        }
        if let mode = entry.mode {
            let type: UInt32 = entry.name.hasSuffix("/") ? 0o040000 : 0o100000
            let attributes = (type | UInt32(mode & 0o7777)) << 16 | (entry.name.hasSuffix("/") ? 0x10 : 0)
            guard zip_file_set_external_attributes(archive, index, 0, UInt8(ZIP_OPSYS_UNIX), attributes) == 0 else {
                throw failure("无法设置文件权限")
            }
        }
        let bothHeaders = zip_flags_t(ZIP_FL_LOCAL) | zip_flags_t(ZIP_FL_CENTRAL)
        if zip_file_extra_fields_count(archive, index, bothHeaders) > 0,
            zip_file_extra_field_delete(archive, index, UInt16(ZIP_EXTRA_FIELD_ALL), bothHeaders) != 0
        {
            throw failure("无法删除扩展字段")
        }
    }

    /// Opens a zip held in memory for reading (libzip frees its copy of the bytes with the archive).
    private static func open(_ bytes: [UInt8], name: String) throws(ODFError) -> OpaquePointer {
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let copy = malloc(bytes.count) else { throw ODFError(.zip, "内存不足", source: name) }
        bytes.withUnsafeBytes { _ = memcpy(copy, $0.baseAddress!, $0.count) }
        guard let source = zip_source_buffer_create(copy, UInt64(bytes.count), 1, &error) else {
            free(copy)
            throw ODFError(.zip, "无法读取预压缩数据：\(String(cString: zip_error_strerror(&error)))", source: name)
        }
        guard let archive = zip_open_from_source(source, ZIP_RDONLY, &error) else {
            zip_source_free(source)
            throw ODFError(.zip, "无法读取预压缩数据：\(String(cString: zip_error_strerror(&error)))", source: name)
        }
        return archive
    }

    /// Copies the finished archive out of libzip's buffer source.
    private static func readBack(_ buffer: OpaquePointer) throws(ODFError) -> [UInt8] {
        if zip_source_is_deleted(buffer) != 0 { return emptyArchive }
        func failure() -> ODFError {
            ODFError(
                .zip, "读取生成的压缩包失败：\(String(cString: zip_error_strerror(zip_source_error(buffer))))",
                source: "ZIP")
        }
        guard zip_source_open(buffer) == 0 else { throw failure() }
        defer { zip_source_close(buffer) }
        guard zip_source_seek(buffer, 0, SEEK_END) == 0 else { throw failure() }
        let tell = zip_source_tell(buffer)
        guard tell > 0, zip_source_seek(buffer, 0, SEEK_SET) == 0 else { throw failure() }
        let size = Int(tell)
        var readError = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { storage, count in
            count = 0
            while count < size, let base = storage.baseAddress {
                let read = zip_source_read(buffer, base + count, UInt64(size - count))
                if read <= 0 {
                    readError = true
                    break
                }
                count += Int(read)
            }
        }
        if readError { throw failure() }
        return bytes
    }
}
