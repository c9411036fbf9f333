/// Serializes ``XMLElement`` trees and escaped strings as UTF-8 bytes into one `[UInt8]`.
///
/// Everything appends to a caller-owned buffer and scans `String.utf8` (no per-`Character`
/// work), so one reserved buffer can hold a whole part. Names are written as given (they are
/// not checked). So that the output is always well-formed, characters that XML 1.0 forbids
/// even as references (C0 controls other than tab, newline and carriage return, U+FFFE and
/// U+FFFF) are written as U+FFFD REPLACEMENT CHARACTER; callers that must not lose data should
/// refuse such characters at intake.
public enum XMLWriter {
    /// `<?xml version="1.0" encoding="UTF-8"?>` and a newline.
    public static let declaration: [UInt8] =
        Array(#"<?xml version="1.0" encoding="UTF-8"?>"#.utf8) + [0x0A]

    /// Appends `element` and its content; an element without children is written as `<a/>`.
    public static func serialize(_ element: XMLElement, into out: inout [UInt8]) {
        if element.children.isEmpty {
            appendStartTag(element, into: &out)
            out.append(0x2F)  // "/"
            out.append(0x3E)  // ">"
            return
        }
        openTag(element, into: &out)
        for child in element.children {
            switch child {
            case .element(let child): serialize(child, into: &out)
            case .text(let text): appendEscapedText(text, into: &out)
            }
        }
        closeTag(element.name, into: &out)
    }

    /// Appends `<name a="v" …>` for `element` (its children are not written).
    public static func openTag(_ element: XMLElement, into out: inout [UInt8]) {
        appendStartTag(element, into: &out)
        out.append(0x3E)
    }

    /// Appends `</name>`.
    public static func closeTag(_ name: String, into out: inout [UInt8]) {
        out.append(0x3C)
        out.append(0x2F)
        out.append(contentsOf: name.utf8)
        out.append(0x3E)
    }

    /// Appends `s` as character data: `&`, `<` and `>` (always, so `]]>` cannot appear) are
    /// escaped, and carriage return as `&#13;` so that it survives parsing.
    public static func appendEscapedText(_ s: String, into out: inout [UInt8]) {
        appendEscaped(s, attribute: false, into: &out)
    }

    /// Appends `s` as an attribute value for double quotes: `&`, `<`, `>` and `"` are escaped,
    /// and tab, newline and carriage return as `&#9;`, `&#10;`, `&#13;` (attribute value
    /// normalization would otherwise turn them into spaces).
    public static func appendEscapedAttribute(_ s: String, into out: inout [UInt8]) {
        appendEscaped(s, attribute: true, into: &out)
    }

    private static func appendStartTag(_ element: XMLElement, into out: inout [UInt8]) {
        out.append(0x3C)
        out.append(contentsOf: element.name.utf8)
        for attribute in element.attributes {
            out.append(0x20)
            out.append(contentsOf: attribute.name.utf8)
            out.append(0x3D)  // "="
            out.append(0x22)  // '"'
            appendEscaped(attribute.value, attribute: true, into: &out)
            out.append(0x22)
        }
    }

    private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    private static func appendEscaped(_ s: String, attribute: Bool, into out: inout [UInt8]) {
        var string = s
        string.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let escape: [UInt8]?
                var width = 1
                switch byte {
                case 0x26: escape = Escapes.amp
                case 0x3C: escape = Escapes.lt
                case 0x3E: escape = Escapes.gt
                case 0x0D: escape = Escapes.cr
                case 0x22: escape = attribute ? Escapes.quot : nil
                case 0x09: escape = attribute ? Escapes.tab : nil
                case 0x0A: escape = attribute ? Escapes.newline : nil
                case 0x00..<0x20: escape = replacementCharacter
                case 0xEF:
                    // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
                    if index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                        escape = replacementCharacter
                        width = 3
                    } else {
                        escape = nil
                    }
                default: escape = nil
                }
                if let escape {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    out.append(contentsOf: escape)
                    index += width
                    runStart = index
                } else {
                    index += 1
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
    }
}

/// The escape sequences, as bytes.
private enum Escapes {
    static let amp = Array("&amp;".utf8)
    static let lt = Array("&lt;".utf8)
    static let gt = Array("&gt;".utf8)
    static let quot = Array("&quot;".utf8)
    static let tab = Array("&#9;".utf8)
    static let newline = Array("&#10;".utf8)
    static let cr = Array("&#13;".utf8)
}

extension XMLElement {
    /// The element as a UTF-8 document: ``XMLWriter/declaration`` followed by the element.
    public func documentBytes() -> [UInt8] {
        var out = XMLWriter.declaration
        XMLWriter.serialize(self, into: &out)
        return out
    }
}
