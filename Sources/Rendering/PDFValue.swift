/// A value of PDF's object syntax (ISO 32000-1 §7.3).
public indirect enum PDFValue: Sendable, Equatable {
    case null
    case boolean(Bool)
    case number(Double)
    case name(String)
    /// A literal or hexadecimal string, as written (escapes not decoded), cut at ``PDFObjects/Limits/maxString``.
    case string([UInt8])
    case array([PDFValue])
    case dictionary([String: PDFValue])
    case reference(number: Int, generation: Int)

    /// The dictionary, if this is one.
    public var dictionary: [String: PDFValue]? {
        if case .dictionary(let value) = self { value } else { nil }
    }

    /// The name (without `/`), if this is one.
    public var name: String? {
        if case .name(let value) = self { value } else { nil }
    }

    /// The whole number, if this is one.
    public var integer: Int? {
        guard case .number(let value) = self, value == value.rounded(), abs(value) < 1e15 else { return nil }
        return Int(value)
    }

    /// The object number referred to, if this is a reference.
    public var referencedNumber: Int? {
        if case .reference(let number, _) = self { number } else { nil }
    }
}
