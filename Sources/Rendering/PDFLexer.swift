/// Reads PDF tokens and values from a position in the bytes.
struct PDFLexer {
    let bytes: [UInt8]
    let limits: PDFObjects.Limits
    var position = 0
    private var budget = 0

    init(bytes: [UInt8], limits: PDFObjects.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x00
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D, 0x2F, 0x25: true
        default: false
        }
    }

    static func isRegular(_ byte: UInt8) -> Bool { !isWhitespace(byte) && !isDelimiter(byte) }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Whether `word` stands at `index` as a whole token.
    func keyword(_ word: StaticString, at index: Int) -> Bool {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count, index == 0 || !Self.isRegular(bytes[index - 1]) else { return false }
        let matches = word.withUTF8Buffer { pattern in
            (0..<length).allSatisfy { bytes[index + $0] == pattern[$0] }
        }
        return matches && (index + length == bytes.count || !Self.isRegular(bytes[index + length]))
    }

    /// The `N G` before an `obj` keyword at `index`, when there is one.
    func objectHeader(before index: Int) -> (number: Int, generation: Int)? {
        guard keyword("obj", at: index) else { return nil }
        var j = index - 1
        func integer() -> Int? {
            while j >= 0, Self.isWhitespace(bytes[j]) { j -= 1 }
            var value = 0
            var scale = 1
            var digits = 0
            while j >= 0, Self.isDigit(bytes[j]), digits < 10 {
                value += Int(bytes[j] - 0x30) * scale
                scale *= 10
                digits += 1
                j -= 1
            }
            return digits > 0 ? value : nil
        }
        guard let generation = integer(), let number = integer() else { return nil }
        guard j < 0 || !Self.isRegular(bytes[j]) else { return nil }
        return (number, generation)
    }

    /// The stream after a dictionary just read, if `stream` follows: where its bytes are and where reading goes
    /// on. `length` is the dictionary's `/Length`; when it is not a direct number that ends at `endstream`, the
    /// bytes run to the next `endstream`.
    mutating func stream(length: PDFValue?) -> (bytes: Range<Int>, end: Int)? {
        skipWhitespace()
        guard keyword("stream", at: position) else { return nil }
        var start = position + 6
        if start < bytes.count, bytes[start] == 0x0D { start += 1 }
        if start < bytes.count, bytes[start] == 0x0A { start += 1 }
        if let length = length?.integer, length >= 0, length <= bytes.count - start {
            var after = start + length
            while after < bytes.count, Self.isWhitespace(bytes[after]) { after += 1 }
            if keyword("endstream", at: after) { return (start..<(start + length), after + 9) }
        }
        var end = start
        while end + 9 <= bytes.count {
            if bytes[end] == 0x65, keyword("endstream", at: end) {
                var data = end
                if data > start, bytes[data - 1] == 0x0A { data -= 1 }
                if data > start, bytes[data - 1] == 0x0D { data -= 1 }
                return (start..<data, end + 9)
            }
            end += 1
        }
        return (start..<bytes.count, bytes.count)
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isWhitespace(byte) {
                position += 1
            } else if byte == 0x25 {  // % comment to the end of the line
                while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
            } else {
                return
            }
        }
    }

    /// The value at the position (after whitespace), or `nil` when there is none or a limit is reached.
    mutating func value(depth: Int) -> PDFValue? {
        if depth == 0 { budget = limits.maxValues }
        budget -= 1
        guard budget >= 0, depth <= limits.maxDepth else { return nil }
        skipWhitespace()
        guard position < bytes.count else { return nil }
        let byte = bytes[position]
        switch byte {
        case 0x3C:  // <
            if position + 1 < bytes.count, bytes[position + 1] == 0x3C { return dictionary(depth: depth) }
            return hexString()
        case 0x5B: return array(depth: depth)
        case 0x28: return literalString()
        case 0x2F: return name().map(PDFValue.name)
        case 0x2B, 0x2D, 0x2E, 0x30...0x39: return numberOrReference()
        default:
            for (word, value) in [("true", PDFValue.boolean(true)), ("false", .boolean(false)), ("null", .null)]
            where matchesWord(word) {
                position += word.utf8.count
                return value
            }
            return nil
        }
    }

    private func matchesWord(_ word: String) -> Bool {
        let pattern = Array(word.utf8)
        guard position + pattern.count <= bytes.count else { return false }
        guard bytes[position..<(position + pattern.count)].elementsEqual(pattern) else { return false }
        return position + pattern.count == bytes.count || !Self.isRegular(bytes[position + pattern.count])
    }

    private mutating func dictionary(depth: Int) -> PDFValue? {
        position += 2
        var entries: [String: PDFValue] = [:]
        while true {
            skipWhitespace()
            guard position < bytes.count else { return nil }
            if bytes[position] == 0x3E {
                guard position + 1 < bytes.count, bytes[position + 1] == 0x3E else { return nil }
                position += 2
                return .dictionary(entries)
            }
            guard bytes[position] == 0x2F, let key = name(), let value = value(depth: depth + 1) else { return nil }
            budget -= 1
            if entries[key] == nil { entries[key] = value }
        }
    }

    private mutating func array(depth: Int) -> PDFValue? {
        position += 1
        var elements: [PDFValue] = []
        while true {
            skipWhitespace()
            guard position < bytes.count else { return nil }
            if bytes[position] == 0x5D {
                position += 1
                return .array(elements)
            }
            guard let element = value(depth: depth + 1) else { return nil }
            elements.append(element)
        }
    }

    /// A name after `/`, its `#xx` escapes decoded.
    private mutating func name() -> String? {
        position += 1
        var decoded: [UInt8] = []
        while position < bytes.count, Self.isRegular(bytes[position]) {
            var byte = bytes[position]
            if byte == 0x23, position + 2 < bytes.count, let high = Self.hexDigit(bytes[position + 1]),
                let low = Self.hexDigit(bytes[position + 2])
            {
                byte = high << 4 | low
                position += 2
            }
            if decoded.count < limits.maxString { decoded.append(byte) }
            position += 1
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    private mutating func hexString() -> PDFValue? {
        let start = position + 1
        var end = start
        while end < bytes.count, bytes[end] != 0x3E { end += 1 }
        guard end < bytes.count else { return nil }
        position = end + 1
        return .string(Array(bytes[start..<min(end, start + limits.maxString)]))
    }

    private mutating func literalString() -> PDFValue? {
        position += 1
        let start = position
        var nesting = 1
        while position < bytes.count {
            switch bytes[position] {
            case 0x5C: position += 1  // a backslash escapes the next byte
            case 0x28: nesting += 1
            case 0x29:
                nesting -= 1
                if nesting == 0 {
                    let text = Array(bytes[start..<min(position, start + limits.maxString)])
                    position += 1
                    return .string(text)
                }
            default: break
            }
            position += 1
        }
        return nil
    }

    /// A number, or `N G R` when two whole numbers are followed by `R`.
    private mutating func numberOrReference() -> PDFValue? {
        guard let (value, whole) = number() else { return nil }
        guard whole, value >= 0 else { return .number(value) }
        let saved = position
        skipWhitespace()
        if position < bytes.count, Self.isDigit(bytes[position]), let (generation, isWhole) = number(), isWhole {
            skipWhitespace()
            if position < bytes.count, bytes[position] == 0x52,
                position + 1 == bytes.count || !Self.isRegular(bytes[position + 1])
            {
                position += 1
                return .reference(number: Int(value), generation: Int(generation))
            }
        }
        position = saved
        return .number(value)
    }

    private mutating func number() -> (Double, whole: Bool)? {
        let start = position
        var whole = true
        while position < bytes.count, position - start < 40 {
            let byte = bytes[position]
            if Self.isDigit(byte) || ((byte == 0x2B || byte == 0x2D) && position == start) {
                position += 1
            } else if byte == 0x2E && whole {
                whole = false
                position += 1
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if text == "." || text == "-" || text == "+" || text.isEmpty { return position > start ? (0, false) : nil }
        guard let value = Double(text.hasSuffix(".") ? text + "0" : text), value.isFinite else { return nil }
        return (value, whole && abs(value) < 1e15)
    }
}
