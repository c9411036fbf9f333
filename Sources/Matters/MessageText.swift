/// Input quoted in a message, made safe to show: every character a terminal or a viewer would act on rather
/// than show — control characters (C0, DEL, C1: `ESC` clears a clerk's screen, a newline splits a message),
/// format characters (bidirectional overrides, zero-width marks), line and paragraph separators, and
/// noncharacters — is written as Swift writes it in a literal, `\u{1B}`. Everything else is kept, so Chinese,
/// rare CJK and emoji read as they were typed.
///
/// Escaping twice gives the same text (`\`, `u`, `{` are shown as they are), so a message may be escaped where
/// it is made and again where it is printed.
public enum MessageText {
    /// `text` with every control, format, separator and noncharacter scalar written as `\u{XX}`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u{" + (hex.count < 2 ? "0" + hex : hex) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether a scalar is shown escaped.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate: return true
        default: return scalar.properties.isNoncharacterCodePoint
        }
    }
}

extension String {
    /// This text as a message may quote it (see ``MessageText/escaped(_:)``).
    public var escapedForMessage: String { MessageText.escaped(self) }
}
