import ODF

/// The shared string table of an XLSX workbook (`xl/sharedStrings.xml`): cells of type `s` hold
/// an index into it.
enum XLSXSharedStrings {
    /// Reads the table: each `si`'s text, rich-text runs joined, phonetic guides (`rPh`) left out.
    static func read(_ xml: [UInt8], source: String, limits: XMLLimits) throws -> [String] {
        var strings: [String] = []
        var current = ""
        var inItem = false
        var textDepth = 0
        var phoneticDepth = 0
        try XMLStreamParser.parse(xml, source: source, limits: limits) { event in
            switch event {
            case .start(let name, _):
                switch name.local {
                case "si":
                    inItem = true
                    current = ""
                case "rPh": phoneticDepth += 1
                case "t": textDepth += 1
                default: break
                }
            case .end(let name):
                switch name.local {
                case "si":
                    strings.append(XLSXText.decode(current))
                    inItem = false
                case "rPh": phoneticDepth -= 1
                case "t": textDepth -= 1
                default: break
                }
            case .text(let text):
                if inItem, textDepth > 0, phoneticDepth == 0 { current += text }
            }
        }
        return strings
    }
}

/// Text as OOXML stores it in `t` elements.
enum XLSXText {
    /// Undoes the `_xHHHH_` escapes of ECMA-376 (Part 1, §22.9.2.19) that Excel uses for
    /// characters XML cannot carry (`_x000D_` for a carriage return, `_x005F_` for a literal `_`),
    /// and turns CR LF and lone CR into LF.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) || text.utf8.contains(0x0D) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
                let value = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 6)])), radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                out.append(scalar)
                index += 7
                continue
            }
            out.append(scalars[index])
            index += 1
        }
        return normalizeLineBreaks(String(out))
    }

    /// CR LF and lone CR become LF.
    static func normalizeLineBreaks(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousCR = true
            } else {
                if !(scalar == "\n" && previousCR) { out.append(scalar) }
                previousCR = false
            }
        }
        return String(out)
    }
}
