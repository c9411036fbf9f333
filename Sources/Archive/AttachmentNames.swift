/// The names an event's attachments get in its bag: `<sequence>-附件-<file name>` (`007-附件-进展报告.pdf`),
/// distinct within the event even on a disk that ignores letter case: a second file of the same name (from
/// another folder: `甲/报告.pdf`, `乙/报告.pdf`) becomes `007-附件-报告-2.pdf`, so that no file overwrites
/// another and each record names exactly the bytes it points at.
///
/// Characters that would make the name misread are replaced: `/` and `\` by `_`, control characters by `_`, and
/// `%` by the full-width `％` (bagit.py 1.9 cannot read a manifest path with `%` encoded as RFC 8493 requires;
/// see ``Bag``). A name longer than a file system allows (255 bytes) is shortened before its extension.
enum AttachmentNames {
    /// The longest file name Linux file systems take (`NAME_MAX`), in UTF-8 bytes.
    static let maxBytes = 255

    /// The bag file names of an event's attachments, in the order given (their own names, without folders).
    static func names(_ fileNames: [String], sequence: Int) -> [String] {
        let prefix = "\(ArchiveStore.pad(sequence))-附件-"
        var taken: Set<String> = []
        var result: [String] = []
        for fileName in fileNames {
            let clean = sanitized(fileName)
            let (stem, ext) = split(clean)
            var ordinal = 1
            while true {
                let suffix = (ordinal == 1 ? "" : "-\(ordinal)") + ext
                let name = prefix + fitted(stem, room: maxBytes - prefix.utf8.count - suffix.utf8.count) + suffix
                if taken.insert(name.lowercased()).inserted {
                    result.append(name)
                    break
                }
                ordinal += 1
            }
        }
        return result
    }

    /// The name with `/`, `\`, control characters and `%` replaced; `附件` for an empty name.
    static func sanitized(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar {
            case "/", "\\": out.append("_")
            case "%": out.append("％")
            case _ where scalar.properties.generalCategory == .control: out.append("_")
            default: out.append(scalar)
            }
        }
        return out.isEmpty ? "附件" : String(out)
    }

    /// `报告` and `.pdf` of `报告.pdf`; a name without a dot (or only a leading one) has no extension.
    private static func split(_ name: String) -> (stem: String, ext: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        return (String(name[..<dot]), String(name[dot...]))
    }

    /// `stem` cut at a character boundary to at most `room` UTF-8 bytes (at least one character is kept).
    private static func fitted(_ stem: String, room: Int) -> String {
        guard stem.utf8.count > room else { return stem }
        var out = ""
        for character in stem {
            if out.utf8.count + character.utf8.count > room { break }
            out.append(character)
        }
        return out.isEmpty ? String(stem.prefix(1)) : out
    }
}
