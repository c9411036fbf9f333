import Crypto
import Glibc

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
    public func seal(info: [(String, String)], mode: mode_t = 0o644) throws(ArchiveError) {
        var manifest = ""
        var octets = 0
        let files = try payloadFiles()
        for file in files {
            let bytes = try AtomicFile.read(root + "/" + file)
            octets += bytes.count
            manifest += Self.sha256(bytes) + "  " + Self.encode(file) + "\n"
        }
        try AtomicFile.write(
            Array("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8), to: root + "/bagit.txt", mode: mode)
        var infoText = ""
        for (key, value) in info + [("Payload-Oxum", "\(octets).\(files.count)"), ("Bag-Software-Agent", "Ducha")] {
            infoText += key + ": " + value.replacingNewlines() + "\n"
        }
        try AtomicFile.write(Array(infoText.utf8), to: root + "/bag-info.txt", mode: mode)
        try AtomicFile.write(Array(manifest.utf8), to: root + "/manifest-sha256.txt", mode: mode)
        var tags = ""
        for name in ["bag-info.txt", "bagit.txt", "manifest-sha256.txt"] {
            tags += Self.sha256(try AtomicFile.read(root + "/" + name)) + "  " + name + "\n"
        }
        try AtomicFile.write(Array(tags.utf8), to: root + "/tagmanifest-sha256.txt", mode: mode)
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
        guard let dir = opendir(path) else {
            if errno == ENOENT { return }
            throw AtomicFile.failure(path, "无法读取文件夹")
        }
        defer { closedir(dir) }
        var entries: [(String, Bool)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." || (!includingHidden && name.hasSuffix(".tmp") && name.hasPrefix(".")) {
                continue
            }
            var st = stat()
            guard lstat(path + "/" + name, &st) == 0 else { continue }
            entries.append((name, (st.st_mode & S_IFMT) == S_IFDIR))
        }
        for (name, isDirectory) in entries {
            if isDirectory {
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
