import Matters

/// What text of a field may hold, shared by every reader (JSON records and spreadsheet cells) so
/// that a value is accepted or refused the same way whatever file it came in.
enum TextRule {
    enum Problem: Equatable {
        /// A control character XML cannot carry: `U+0007` and its 1-based position.
        case forbiddenCharacter(code: String, position: Int)
        /// U+FFFE or U+FFFF, which are not characters at all (XML refuses them too), and its position.
        case noncharacter(code: String, position: Int)
        /// A line break in one-line text.
        case lineBreak
        /// Not a valid matter identifier.
        case identifier
        /// A matter identifier longer than ``FieldType/maxIdentifierLength`` (its length).
        case identifierTooLong(length: Int)
        /// Not a telephone number.
        case phone
    }

    /// The first problem of `s` as a value of `type`, or `nil` when it is fine.
    static func problem(in s: String, type: FieldType) -> Problem? {
        var position = 0
        for scalar in s.unicodeScalars {
            position += 1
            let v = scalar.value
            if v < 0x20 && v != 0x09 && v != 0x0A { return .forbiddenCharacter(code: code(v), position: position) }
            if v == 0xFFFE || v == 0xFFFF { return .noncharacter(code: code(v), position: position) }
        }
        switch type {
        case .text:
            if s.contains("\n") { return .lineBreak }
        case .identifier:
            let ok =
                !s.isEmpty
                && s.utf8.allSatisfy { b in
                    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D
                } && s.utf8.first != 0x2D
            if !ok { return .identifier }
            if s.utf8.count > FieldType.maxIdentifierLength { return .identifierTooLong(length: s.utf8.count) }
        case .phone:
            let allowed = Set("0123456789-+() 转")
            if !s.allSatisfy({ allowed.contains($0) }) || !s.contains(where: \.isNumber) { return .phone }
        default: break
        }
        return nil
    }

    /// `U+0007`, `U+FFFE`.
    private static func code(_ v: UInt32) -> String {
        let hex = String(v, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
