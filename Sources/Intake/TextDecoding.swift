#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decodes the bytes of a text file (a CSV export) whose encoding is not declared: UTF-8 with or
/// without a byte order mark, UTF-16 with a byte order mark, or — what Excel and WPS on Chinese
/// Windows write when a clerk chooses plain "CSV" — GBK, read as its superset GB18030 through
/// the C library's `iconv` (glibc's `GB18030` converter).
///
/// Bytes that are valid UTF-8 are always read as UTF-8. Other bytes are tried as GB18030; when
/// they are not valid GB18030 either, or the C library has no GB18030 converter, the file is
/// refused with a message that names the encoding and says how to save the file as UTF-8.
enum TextDecoding {
    /// What the bytes were read as.
    enum Encoding: Equatable {
        case utf8, utf16, gb18030
    }

    /// The advice given whenever a file is not UTF-8.
    static let saveAsUTF8 = "请在 Excel/WPS 中“另存为”，保存类型选“CSV UTF-8（逗号分隔）”，再导入"

    /// - Parameter convert: the GB18030 converter (replaceable so that a C library without one can
    ///   be tested).
    static func decode(_ bytes: [UInt8], convert: ([UInt8]) -> String? = gb18030) throws(SpreadsheetError) -> (
        text: String, encoding: Encoding
    ) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else {
                throw SpreadsheetError("文件以 UTF-8 标记开头，但内容不是有效的 UTF-8；\(saveAsUTF8)")
            }
            return (text, .utf8)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return (try utf16(bytes, littleEndian: bytes[0] == 0xFF), .utf16)
        }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        if let text = convert(bytes) { return (text, .gb18030) }
        if looksLikeGBK(bytes) {
            throw SpreadsheetError("文件编码是 GBK（GB18030），不是 UTF-8；\(saveAsUTF8)")
        }
        throw SpreadsheetError("文件编码无法识别（不是 UTF-8，也不是 GBK/GB18030）；\(saveAsUTF8)")
    }

    private static func utf16(_ bytes: [UInt8], littleEndian: Bool) throws(SpreadsheetError) -> String {
        guard bytes.count % 2 == 0 else {
            throw SpreadsheetError("文件以 UTF-16 标记开头，但长度不是偶数字节；\(saveAsUTF8)")
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var index = 2
        while index + 1 < bytes.count {
            let (low, high) = littleEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(high) << 8 | UInt16(low))
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw SpreadsheetError("文件以 UTF-16 标记开头，但内容不是有效的 UTF-16；\(saveAsUTF8)")
        }
        return text
    }

    /// The bytes as GB18030, or `nil` when they are not valid GB18030 or no converter is available.
    static func gb18030(_ bytes: [UInt8]) -> String? {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes
        // Each GB18030 sequence of n bytes becomes at most n + 1 bytes of UTF-8 (4 → 4, 2 → 3, 1 → 1).
        let capacity = bytes.count * 2 + 4
        var failed = false
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            input.withUnsafeMutableBufferPointer { source in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(source.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(buffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = source.count
                var outLeft = capacity
                failed =
                    iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    == Int(bitPattern: UInt(bitPattern: -1))
                    || inLeft != 0
                count = capacity - outLeft
            }
        }
        guard !failed else { return nil }
        return String(validating: output, as: UTF8.self)
    }

    /// Whether the bytes have GBK's shape: every byte ≥ 0x81 starts a pair whose second byte is
    /// 0x40–0xFE (not 0x7F). Used only to name the encoding when no converter is available.
    static func looksLikeGBK(_ bytes: [UInt8]) -> Bool {
        var index = 0
        var pairs = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            guard byte >= 0x81, byte <= 0xFE, index + 1 < bytes.count else { return false }
            let next = bytes[index + 1]
            guard next >= 0x40, next <= 0xFE, next != 0x7F else { return false }
            pairs += 1
            index += 2
        }
        return pairs > 0
    }
}
