import Foundation
import Matters

/// An uploaded attachment as the portal takes it: no larger than ``maxBytes``, of a type told by its content —
/// PDF, PNG, JPEG, OFD or an ODF document — never by its name, and renamed to a safe name with that type's
/// extension. It then goes through the same checks and the same atomic path into the bag as an attachment of an
/// event file.
enum Upload {
    static let maxBytes = 20 << 20

    enum Kind: String, Sendable {
        case pdf, png, jpg, ofd, odt, ods, odp, odg

        var label: String {
            switch self {
            case .pdf: return "PDF"
            case .png: return "PNG"
            case .jpg: return "JPEG"
            case .ofd: return "OFD"
            default: return "ODF"
            }
        }
    }

    /// The type of `bytes` by their content; nil when they are none of the accepted types.
    static func kind(of bytes: [UInt8]) -> Kind? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpg }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return nil }
        // ODF: the first entry is `mimetype`, stored, holding the document's media type.
        let odf = Array("application/vnd.oasis.opendocument.".utf8)
        if bytes.count > 38 + odf.count, bytes[30..<38].elementsEqual(Array("mimetype".utf8)),
            bytes[38..<(38 + odf.count)].elementsEqual(odf)
        {
            let rest = String(decoding: bytes[(38 + odf.count)..<min(bytes.count, 38 + odf.count + 20)], as: UTF8.self)
            if rest.hasPrefix("text") { return .odt }
            if rest.hasPrefix("spreadsheet") { return .ods }
            if rest.hasPrefix("presentation") { return .odp }
            if rest.hasPrefix("graphics") { return .odg }
            return nil
        }
        return zipNames(bytes).contains("OFD.xml") ? .ofd : nil
    }

    /// The names in a ZIP's central directory (empty when it has none that can be read).
    static func zipNames(_ b: [UInt8]) -> [String] {
        func u16(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        guard b.count >= 22 else { return [] }
        var end = b.count - 22
        let floor = max(0, b.count - 22 - 65_535)
        while end >= floor, !(b[end] == 0x50 && b[end + 1] == 0x4B && b[end + 2] == 5 && b[end + 3] == 6) { end -= 1 }
        guard end >= floor else { return [] }
        var at = u32(end + 16)
        var names: [String] = []
        for _ in 0..<min(u16(end + 10), 10_000) {
            guard at + 46 <= b.count, u32(at) == 0x0201_4B50 else { break }
            let length = u16(at + 28)
            guard at + 46 + length <= b.count else { break }
            names.append(String(decoding: b[(at + 46)..<(at + 46 + length)], as: UTF8.self))
            at += 46 + length + u16(at + 30) + u16(at + 32)
        }
        return names
    }

    /// A safe file name for an upload: the last part of what the browser sent, without control, format or path
    /// characters and leading dots, at most 60 characters, with the extension of its type.
    static func safeName(_ given: String, kind: Kind) -> String {
        let last = given.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var stem = last
        if let dot = stem.lastIndex(of: ".") { stem = String(stem[..<dot]) }
        let bad: Set<Character> = ["<", ">", ":", "\"", "|", "?", "*", "%", "#", "&", ";", "'", "`", "$"]
        var kept = String(
            String.UnicodeScalarView(stem.unicodeScalars.filter { !MessageText.needsEscape($0) && $0.value >= 0x20 }))
        kept = String(kept.filter { !bad.contains($0) })
        while kept.hasPrefix(".") || kept.hasPrefix(" ") || kept.hasPrefix("-") { kept.removeFirst() }
        kept = String(kept.prefix(60)).trimmingCharacters(in: .whitespaces)
        return (kept.isEmpty ? "附件" : kept) + "." + kind.rawValue
    }
}
