import Mustache

/// HTML escaping for the portal's templates, over UTF-8 bytes: the same five characters as Mustache's own escaping
/// (`<`, `>`, `&`, `"`, `'`) with the same entities, but a text with none of them — most of what a page shows — is
/// returned as it is, and one with some is escaped in one pass over its bytes (Mustache's own goes Character by
/// Character: a fifth of a freshly rendered matter page's time). Every template names it on its first line,
/// `{{% CONTENT_TYPE: PORTAL_HTML}}`; ``Views`` registers it before the templates are read.
struct PortalHTML: MustacheContentType {
    static let name = "PORTAL_HTML"

    func escapeText(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 })
        else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            switch byte {
            case 0x3C: out += [0x26, 0x6C, 0x74, 0x3B]  // &lt;
            case 0x3E: out += [0x26, 0x67, 0x74, 0x3B]  // &gt;
            case 0x26: out += [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
            case 0x22: out += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
            case 0x27: out += [0x26, 0x23, 0x33, 0x39, 0x3B]  // &#39;
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
