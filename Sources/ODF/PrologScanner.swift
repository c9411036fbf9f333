/// Finds a document type declaration in an XML prolog before libxml2 sees the document.
///
/// The prolog may hold only a byte order mark, the XML declaration, processing instructions,
/// comments, whitespace and the DOCTYPE; the scan stops at the first other markup (normally
/// the root element), so text later in the document can never trigger it. Documents in
/// encodings other than UTF-8/ASCII are not recognised here; libxml2 then reports the DOCTYPE
/// as a node, which the parser refuses as well.
enum PrologScanner {
    /// The 1-based line of `<!DOCTYPE` in the prolog, or `nil` if the prolog has none.
    static func doctypeLine(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var line = 1
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                index += 1
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                index += 1
            } else if matches(bytes, at: index, "<?") {
                guard let end = skip(bytes, from: index + 2, past: "?>", line: &line) else { return nil }
                index = end
            } else if matches(bytes, at: index, "<!--") {
                guard let end = skip(bytes, from: index + 4, past: "-->", line: &line) else { return nil }
                index = end
            } else if matches(bytes, at: index, "<!DOCTYPE") {
                return line
            } else {
                return nil
            }
        }
        return nil
    }

    private static func matches(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ literal: StaticString
    )
        -> Bool
    {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] {
            return false
        }
        return true
    }

    /// The index just after the next `terminator`, counting newlines on the way; `nil` if absent.
    private static func skip(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, past terminator: StaticString,
        line: inout Int
    ) -> Int? {
        var index = start
        while index < bytes.count {
            if matches(bytes, at: index, terminator) { return index + terminator.utf8CodeUnitCount }
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
        return nil
    }
}
