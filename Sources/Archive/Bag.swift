import Crypto
import GuoMi

/// A BagIt 1.0 bag (RFC 8493) for one matter: payload under `data/`, SHA-256 and SM3 manifests, and tag files
/// a tool nobody here wrote (`bagit.py --validate`) can check.
public struct Bag: Sendable {
    /// The bag's folder.
    public let root: String

    public init(root: String) { self.root = root }

    /// Every payload file, as paths relative to the bag (`data/…`), sorted by their UTF-8 bytes. Temporary
    /// files of an atomic write in progress (`.<hex>.tmp`) are left out unless `includingHidden`.
    public func payloadFiles(includingHidden: Bool = false) throws(ArchiveError) -> [String] {
        var files: [String] = []
        try Self.walk(root + "/data", relative: "data", includingHidden: includingHidden, into: &files)
        return files.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Rewrites the manifests and tag files from what is in `data/` now. Each file is written atomically;
    /// payload files must already be in place.
    /// - Parameter info: bag-info.txt fields in order (Payload-Oxum and Bag-Software-Agent are added).
    public func seal(info: [(String, String)], mode: FileMode = 0o644, folderSync: FolderSync = .now)
        throws(ArchiveError)
    {
        var payload: [(path: String, bytes: [UInt8])] = []
        for file in try payloadFiles() { payload.append((file, try AtomicFile.read(root + "/" + file))) }
        for (name, bytes) in Self.tagFiles(payload: payload, info: info) {
            try AtomicFile.write(bytes, to: root + "/" + name, mode: mode, folderSync: folderSync)
        }
    }

    /// The digest algorithms of every bag, each with a payload manifest and a tag manifest (RFC 8493 §2.1.3
    /// and §2.2.1 allow several): SHA-256, which every BagIt tool checks, and SM3 (GB/T 32905-2016), the hash
    /// Chinese archives use. The SM3 ones come from OpenSSL's libcrypto.
    public enum Algorithm: String, Sendable, CaseIterable {
        case sha256
        case sm3

        /// The lowercase hex digest of `bytes`.
        public func digest(_ bytes: [UInt8]) -> String {
            switch self {
            case .sha256: Bag.sha256(bytes)
            case .sm3: SM3.hex(bytes)
            }
        }

        public var manifest: String { "manifest-\(rawValue).txt" }
        public var tagManifest: String { "tagmanifest-\(rawValue).txt" }
        /// The name in messages.
        public var label: String { self == .sha256 ? "SHA-256" : "SM3" }
    }

    /// The tag files of a bag with this payload (paths `data/…`, in the order given): bagit.txt,
    /// bag-info.txt, manifest-sha256.txt, manifest-sm3.txt, then tagmanifest-sha256.txt and tagmanifest-sm3.txt,
    /// which cover the other four. Also used to serialise a bag into a zip without writing it to disk first.
    public static func tagFiles(payload: [(path: String, bytes: [UInt8])], info: [(String, String)]) -> [(
        name: String, bytes: [UInt8]
    )] {
        var manifests = Array(repeating: "", count: Algorithm.allCases.count)
        var octets = 0
        for (path, bytes) in payload {
            octets += bytes.count
            for (n, algorithm) in Algorithm.allCases.enumerated() {
                manifests[n] += algorithm.digest(bytes) + "  " + encode(path) + "\n"
            }
        }
        var infoText = ""
        for (key, value) in info + [("Payload-Oxum", "\(octets).\(payload.count)"), ("Bag-Software-Agent", "Ducha")] {
            infoText += key + ": " + value.replacingNewlines() + "\n"
        }
        var files: [(name: String, bytes: [UInt8])] = [
            ("bagit.txt", Array("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8)),
            ("bag-info.txt", Array(infoText.utf8)),
        ]
        for (n, algorithm) in Algorithm.allCases.enumerated() {
            files.append((algorithm.manifest, Array(manifests[n].utf8)))
        }
        let sorted = files.sorted { $0.name < $1.name }
        let tagManifests = Algorithm.allCases.map { algorithm in
            (
                name: algorithm.tagManifest,
                bytes: Array(sorted.map { algorithm.digest($0.bytes) + "  " + $0.name + "\n" }.joined().utf8)
            )
        }
        return files + tagManifests
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

    /// RFC 8493 §2.1.3: in a manifest line, `%`, CR and LF of a path are written `%25`, `%0D` and `%0A`, and
    /// nothing else is encoded. Works on Unicode scalars, so that a CR LF pair (one `Character` in Swift) is
    /// encoded as two, and a `%` with a combining mark after it is still encoded.
    ///
    /// bagit.py 1.9 (`_encode_filename`/`_decode_filename`) encodes and decodes only CR and LF — never `%25` —
    /// and decodes at most two of each per line, so it cannot read a path with `%` written as RFC 8493 says.
    /// Ducha keeps to the RFC; the names it gives attachments hold no `%` (see `AttachmentStore.swift`), so every
    /// bag Ducha writes validates in both.
    static func encode(_ path: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in path.unicodeScalars {
            switch scalar {
            case "%": out.append(contentsOf: "%25".unicodeScalars)
            case "\r": out.append(contentsOf: "%0D".unicodeScalars)
            case "\n": out.append(contentsOf: "%0A".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// RFC 8493 §2.1.3 in reverse, in one pass from left to right, so that `decode(encode(p)) == p` for every
    /// path: `%25`, `%0D` and `%0A` (hex digits in either case, as percent-encoding allows) become `%`, CR and LF;
    /// every other `%` is kept as it stands (a tool that wrote a bare `%`, as bagit.py does, is read as meant).
    static func decode(_ path: String) -> String {
        guard path.unicodeScalars.contains("%") else { return path }
        let scalars = Array(path.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "%", i + 2 < scalars.count, let decoded = Self.escape(scalars[i + 1], scalars[i + 2]) {
                out.append(decoded)
                i += 3
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// The character `%` followed by these two stands for, if it is one of the three RFC 8493 encodes.
    private static func escape(_ high: Unicode.Scalar, _ low: Unicode.Scalar) -> Unicode.Scalar? {
        switch (high, low) {
        case ("2", "5"): return "%"
        case ("0", "D"), ("0", "d"): return "\r"
        case ("0", "A"), ("0", "a"): return "\n"
        default: return nil
        }
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
