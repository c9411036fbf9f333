/// The records of a record file — a JSON array, or an object holding the array under one key (`事项`, `事件`) —
/// read one at a time from a ``ByteSource``. Memory holds a buffer and one record, never the whole file or its
/// whole tree: a 200 MB file of small records costs what one record costs, and a file of a million `{}` is a
/// million small steps.
///
/// Each record's extent is found by a scan that follows strings and brackets (no recursion, so any depth is
/// safe), and the record is then parsed by ``JSONParser`` itself, so a record is judged exactly as in a file
/// read whole, with the file's line numbers. Between records the stream checks the array's own syntax with the
/// parser's words.
struct RecordStream {
    /// The largest record taken (a matter record is a few KB; a record larger than this is not one).
    static let maxRecordBytes = 4 << 20
    /// How much is read at a time.
    static let chunkSize = 1 << 20

    /// Why the file holds no (more) records.
    enum Failure: Error, Equatable {
        /// Not JSON: the parser's line and words.
        case syntax(line: Int, message: String)
        /// JSON, but its top level is not an array of records (the line of the top-level value).
        case notRecords(line: Int)
        /// One record is larger than ``RecordStream/maxRecordBytes`` (the line it starts on).
        case tooLarge(line: Int)
        /// The file could not be read.
        case unreadable(String)
    }

    /// One record: its tree, where its bytes are in the file, and a fingerprint of them (FNV-1a), by which a
    /// second pass over the file knows it reads what the first read.
    struct Record {
        var node: JSONNode
        var offset: Int
        var length: Int
        var fingerprint: UInt64
    }

    private enum State { case start, first, later, done }

    private let source: any ByteSource
    private let wrapper: String
    private var buffer: [UInt8] = []
    /// The file offset of `buffer[0]`.
    private var bufferOffset = 0
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var rootLine = 1
    private var wrapped = false
    private var state = State.start

    /// Whether the records came wrapped in an object (`{"事件": [ … ]}`) rather than as a bare array.
    var isWrapped: Bool { wrapped }

    init(source: any ByteSource, wrapper: String) {
        self.source = source
        self.wrapper = wrapper
    }

    /// The next record; nil once the array and the file have ended as they should.
    mutating func next() throws(Failure) -> Record? {
        switch state {
        case .done: return nil
        case .start:
            try begin()
            return try next()
        case .first:
            try skipWhitespace()
            if try peek() == UInt8(ascii: "]") {
                position += 1
                try end()
                return nil
            }
        case .later:
            try skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                try end()
                return nil
            default:
                throw .syntax(line: line, message: "数组元素之后应为逗号或 ]")
            }
        }
        state = .later
        try skipWhitespace()
        let (bytes, startLine, offset) = try scanValue()
        do {
            return Record(
                node: try JSONParser.parse(bytes, line: startLine, byteOrderMark: false), offset: offset,
                length: bytes.count, fingerprint: Self.fingerprint(bytes))
        } catch {
            throw .syntax(line: error.line, message: error.message)
        }
    }

    /// The top level: a byte order mark, then `[`, or `{"<wrapper>": [`.
    private mutating func begin() throws(Failure) {
        if try peek() == 0xEF {
            let head = try bytes(3)
            if head == [0xEF, 0xBB, 0xBF] { position += 3 }
        }
        try skipWhitespace()
        rootLine = line
        switch try peek() {
        case UInt8(ascii: "[")?:
            position += 1
        case UInt8(ascii: "{")?:
            position += 1
            wrapped = true
            try skipWhitespace()
            guard try peek() == UInt8(ascii: "\"") else { throw .notRecords(line: rootLine) }
            let (bytes, keyLine, _) = try scanValue()
            let key: JSONNode
            do {
                key = try JSONParser.parse(bytes, line: keyLine)
            } catch {
                throw .syntax(line: error.line, message: error.message)
            }
            guard case .string(let name) = key.value, name == wrapper else { throw .notRecords(line: rootLine) }
            try skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else {
                throw .syntax(line: line, message: "字段名“\(name)”之后应为冒号")
            }
            position += 1
            try skipWhitespace()
            guard try peek() == UInt8(ascii: "[") else { throw .notRecords(line: rootLine) }
            position += 1
        case nil:
            throw .syntax(line: line, message: "文件意外结束，缺少 JSON 值")
        default:
            // One value that is not an array: not JSON at all, or JSON that is not a list of records.
            let (bytes, startLine, _) = try scanValue()
            do {
                _ = try JSONParser.parse(bytes, line: startLine)
            } catch {
                throw .syntax(line: error.line, message: error.message)
            }
            try skipWhitespace()
            if try peek() != nil { throw .syntax(line: line, message: "JSON 值之后还有多余内容") }
            throw .notRecords(line: rootLine)
        }
        state = .first
    }

    /// After the array's `]`: the wrapper's `}`, then nothing but whitespace.
    private mutating func end() throws(Failure) {
        state = .done
        if wrapped {
            try skipWhitespace()
            switch try peek() {
            case UInt8(ascii: "}")?: position += 1
            case UInt8(ascii: ",")?: throw .notRecords(line: rootLine)
            default: throw .syntax(line: line, message: "字段“\(wrapper)”之后应为逗号或 }")
            }
        }
        try skipWhitespace()
        if try peek() != nil { throw .syntax(line: line, message: "JSON 值之后还有多余内容") }
    }

    private mutating func skipWhitespace() throws(Failure) {
        while let b = try peek() {
            switch b {
            case 0x0A: line += 1
            case 0x20, 0x09, 0x0D: break
            default: return
            }
            position += 1
        }
    }

    /// The bytes of the value that starts here — an object, an array, a string, or a bare word up to the next
    /// delimiter — with the line it starts on and its offset in the file. Stops at the end of the file inside an
    /// unfinished value (the parser then says what is missing).
    private mutating func scanValue() throws(Failure) -> (bytes: [UInt8], line: Int, offset: Int) {
        let startLine = line
        let offset = bufferOffset + position
        var out: [UInt8] = []
        guard let first = try peek() else { return (out, startLine, offset) }
        let bare = first != UInt8(ascii: "{") && first != UInt8(ascii: "[") && first != UInt8(ascii: "\"")
        if bare, first == UInt8(ascii: ",") || first == UInt8(ascii: "]") || first == UInt8(ascii: "}") {
            throw .syntax(line: line, message: "此处应为 JSON 值，却是“\(Character(Unicode.Scalar(first)))”")
        }
        var depth = 0
        var inString = false
        var escaped = false
        var finished = false
        while !finished {
            if position >= buffer.count, !(try fill()) { break }
            var i = position
            scan: while i < buffer.count {
                let b = buffer[i]
                if bare {
                    switch b {
                    case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x09, 0x0D, 0x0A:
                        finished = true
                        break scan
                    default: break
                    }
                } else if inString {
                    if escaped {
                        escaped = false
                    } else if b == UInt8(ascii: "\\") {
                        escaped = true
                    } else if b == UInt8(ascii: "\"") {
                        inString = false
                        if depth == 0 { finished = true }
                    }
                } else {
                    switch b {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth <= 0 { finished = true }
                    default: break
                    }
                }
                if b == 0x0A { line += 1 }
                i += 1
                if finished { break }
            }
            guard out.count + (i - position) <= Self.maxRecordBytes else { throw .tooLarge(line: startLine) }
            out.append(contentsOf: buffer[position..<i])
            position = i
        }
        return (out, startLine, offset)
    }

    private mutating func peek() throws(Failure) -> UInt8? {
        if position >= buffer.count, !(try fill()) { return nil }
        return buffer[position]
    }

    /// The next `count` bytes without consuming them (fewer at the end of the file).
    private mutating func bytes(_ count: Int) throws(Failure) -> [UInt8] {
        while buffer.count - position < count, !atEnd {
            let more = try read(at: bufferOffset + buffer.count)
            if more.isEmpty { atEnd = true }
            buffer += more
        }
        return Array(buffer[position..<min(buffer.count, position + count)])
    }

    /// Replaces the used-up buffer with the next chunk; false at the end of the file.
    private mutating func fill() throws(Failure) -> Bool {
        guard !atEnd else { return false }
        let next = try read(at: bufferOffset + buffer.count)
        bufferOffset += buffer.count
        buffer = next
        position = 0
        if next.isEmpty { atEnd = true }
        return !next.isEmpty
    }

    /// FNV-1a, 64 bits.
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    private func read(at offset: Int) throws(Failure) -> [UInt8] {
        do {
            return try source.bytes(at: offset, count: Self.chunkSize)
        } catch {
            throw .unreadable(error.message)
        }
    }
}
