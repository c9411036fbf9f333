import Crypto

/// A BagIt 1.0 bag (RFC 8493) for one matter: payload under `data/`, SHA-256 manifests, and tag files a
/// tool nobody here wrote (`bagit.py --validate`) can check.
public struct Bag: Sendable {
    /// The bag's folder.
    public let root: String

    public init(root: String) { self.root = root }

    /// Every payload file, as paths relative to the bag (`data/…`), sorted by their UTF-8 bytes. Temporary
    /// files of an atomic write in progress (`.name.pid.tmp`) are left out unless `includingHidden`.
    public func payloadFiles(includingHidden: Bool = false) throws(ArchiveError) -> [String] {
        var files: [String] = []
        try Self.walk(root + "/data", relative: "data", includingHidden: includingHidden, into: &files)
        return files.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Rewrites the manifests and tag files from what is in `data/` now. Each file is written atomically;
    /// payload files must already be in place.
    /// - Parameter info: bag-info.txt fields in order (Payload-Oxum and Bag-Software-Agent are added).
    public func seal(info: [(String, String)], mode: FileMode = 0o644) throws(ArchiveError) {
        var payload: [(path: String, bytes: [UInt8])] = []
        for file in try payloadFiles() { payload.append((file, try AtomicFile.read(root + "/" + file))) }
        for (name, bytes) in Self.tagFiles(payload: payload, info: info) {
            try AtomicFile.write(bytes, to: root + "/" + name, mode: mode)
        }
    }

    /// The tag files of a bag with this payload (paths `data/…`, in the order given): bagit.txt,
    /// bag-info.txt, manifest-sha256.txt, then tagmanifest-sha256.txt, which covers the other three. Also used
    /// to serialise a bag into a zip without writing it to disk first.
    public static func tagFiles(payload: [(path: String, bytes: [UInt8])], info: [(String, String)]) -> [(
        name: String, bytes: [UInt8]
    )] {
        var manifest = ""
        var octets = 0
        for (path, bytes) in payload {
            octets += bytes.count
            manifest += sha256(bytes) + "  " + encode(path) + "\n"
        }
        var infoText = ""
        for (key, value) in info + [("Payload-Oxum", "\(octets).\(payload.count)"), ("Bag-Software-Agent", "Ducha")] {
            infoText += key + ": " + value.replacingNewlines() + "\n"
        }
        let files: [(name: String, bytes: [UInt8])] = [
            ("bagit.txt", Array("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8)),
            ("bag-info.txt", Array(infoText.utf8)), ("manifest-sha256.txt", Array(manifest.utf8)),
        ]
        let tags = files.sorted { $0.name < $1.name }.map { sha256($0.bytes) + "  " + $0.name + "\n" }.joined()
        return files + [("tagmanifest-sha256.txt", Array(tags.utf8))]
    }

    /// Lowercase hex SHA-256.
    public static func sha256(_ bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in digest {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// RFC 8493 §2.1.3: CR, LF and % in a path are percent-encoded.
    static func encode(_ path: String) -> String {
        var out = ""
        for ch in path {
            switch ch {
            case "%": out += "%25"
            case "\n": out += "%0A"
            case "\r": out += "%0D"
            default: out.append(ch)
            }
        }
        return out
    }

    /// RFC 8493 §2.1.3 in reverse.
    static func decode(_ path: String) -> String {
        guard path.contains("%") else { return path }
        return path.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%25", with: "%")
    }

    private static func walk(_ path: String, relative: String, includingHidden: Bool, into files: inout [String])
        throws(ArchiveError)
    {
        for entry in try Directory.entries(path, missing: .empty) {
            let name = entry.name
            if !includingHidden && name.hasSuffix(".tmp") && name.hasPrefix(".") { continue }
            if entry.isDirectory {
                try walk(
                    path + "/" + name, relative: relative + "/" + name, includingHidden: includingHidden, into: &files)
            } else {
                files.append(relative + "/" + name)
            }
        }
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
