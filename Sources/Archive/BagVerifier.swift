import Crypto
import Matters

/// One thing wrong with an archived folder or the registry.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case changed = "已改动"
        case missing = "缺失"
        case unexpected = "多出"
        case badManifest = "清单损坏"
        case badBag = "不是有效的 BagIt 包"
        case badRegistry = "登记簿损坏"
    }

    public var kind: Kind
    /// The folder or file concerned.
    public var path: String
    public var detail: String

    public var description: String { MessageText.escaped("\(path): \(kind.rawValue)：\(detail)") }
}

/// Checks a BagIt 1.0 bag the way `bagit.py --validate` does, for each of ``Bag/Algorithm`` (SHA-256 and SM3):
/// the declaration, every manifest line, every payload file's digests, files present but not listed, the
/// Payload-Oxum, and the tag manifests. A file wrong in both manifests is one finding naming both.
public enum BagVerifier {
    public static func verify(_ root: String) -> [Finding] {
        var findings: [Finding] = []
        func add(_ kind: Finding.Kind, _ path: String, _ detail: String) {
            findings.append(Finding(kind: kind, path: path, detail: detail))
        }
        guard let declaration = try? AtomicFile.read(root + "/bagit.txt") else {
            add(.badBag, root + "/bagit.txt", "缺少 bagit.txt")
            return findings
        }
        if !String(decoding: declaration, as: UTF8.self).hasPrefix("BagIt-Version: ") {
            add(.badBag, root + "/bagit.txt", "不是 BagIt 声明")
        }
        let payload: [String]
        do {
            payload = try Bag(root: root).payloadFiles(includingHidden: true)
        } catch {
            add(.badBag, root + "/data", error.message)
            return findings
        }
        let manifests = Bag.Algorithm.allCases.compactMap { algorithm in
            manifest(root, algorithm.manifest, add: add).map { (algorithm, $0) }
        }
        for file in payload {
            let unlisted = manifests.filter { $0.1[file] == nil }.map(\.0.manifest)
            if !unlisted.isEmpty {
                add(.unexpected, root + "/" + file, "文件不在 \(unlisted.joined(separator: "、")) 中")
            }
        }
        let octets = compare(root, manifests, tag: false, add: add)
        if let info = try? AtomicFile.read(root + "/bag-info.txt") {
            let text = String(decoding: info, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Payload-Oxum: ") }) {
                let expected = "\(octets).\(payload.count)"
                let stated = line.dropFirst("Payload-Oxum: ".count)
                if stated != expected && findings.isEmpty {
                    add(.changed, root + "/bag-info.txt", "Payload-Oxum 为 \(stated)，实际为 \(expected)")
                }
            }
        }
        let tagManifests = Bag.Algorithm.allCases.compactMap { algorithm in
            manifest(root, algorithm.tagManifest, add: add).map { (algorithm, $0) }
        }
        _ = compare(root, tagManifests, tag: true, add: add)
        return findings
    }

    /// Reads every file the manifests list once and compares its digests; returns the octets read.
    private static func compare(
        _ root: String, _ manifests: [(Bag.Algorithm, [String: String])], tag: Bool,
        add: (Finding.Kind, String, String) -> Void
    ) -> Int {
        func names(_ algorithms: [Bag.Algorithm]) -> String {
            algorithms.map { tag ? $0.tagManifest : $0.manifest }.joined(separator: "、")
        }
        var octets = 0
        let files = Set(manifests.flatMap(\.1.keys)).sorted()
        for file in files {
            let listing = manifests.filter { $0.1[file] != nil }
            guard let bytes = try? AtomicFile.read(root + "/" + file) else {
                add(.missing, root + "/" + file, "\(names(listing.map(\.0))) 列出的文件不存在")
                continue
            }
            octets += bytes.count
            let wrong = listing.filter { $0.0.digest(bytes) != $0.1[file] }.map(\.0)
            if !wrong.isEmpty {
                add(
                    .changed, root + "/" + file,
                    "\(wrong.map(\.label).joined(separator: "、")) 与 \(names(wrong)) 不符")
            }
        }
        return octets
    }

    /// The lines of a manifest (path → digest); malformed lines are findings.
    private static func manifest(_ root: String, _ name: String, add: (Finding.Kind, String, String) -> Void)
        -> [String: String]?
    {
        guard let bytes = try? AtomicFile.read(root + "/" + name) else {
            let old = name.contains(Bag.Algorithm.sm3.rawValue) ? "（旧版本封存的包没有 SM3 清单：ducha upgrade 补上）" : ""
            add(.badManifest, root + "/" + name, "缺少 \(name)\(old)")
            return nil
        }
        var entries: [String: String] = [:]
        for (n, line) in lines(String(decoding: bytes, as: UTF8.self)).enumerated() where !line.isEmpty {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            let digest = parts.first.map(String.init) ?? ""
            let path = parts.count == 2 ? String(parts[1]).drop { $0 == " " } : ""
            let hex =
                digest.utf8.count == 64
                && digest.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
            guard hex, !path.isEmpty, !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                add(.badManifest, root + "/" + name, "第 \(n + 1) 行格式不对：“\(line)”")
                continue
            }
            entries[Bag.decode(String(path))] = digest
        }
        return entries
    }

    /// A manifest's lines: RFC 8493 ends a line with LF, CR or CR LF (a path's own CR and LF are encoded, so
    /// none is raw inside a line). Split on scalars, since Swift holds CR LF as one `Character`.
    private static func lines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.unicodeScalars.startIndex
        var previousWasCR = false
        for i in text.unicodeScalars.indices {
            let scalar = text.unicodeScalars[i]
            if scalar == "\n" && previousWasCR {
                start = text.unicodeScalars.index(after: i)
            } else if scalar == "\n" || scalar == "\r" {
                lines.append(Substring(text.unicodeScalars[start..<i]))
                start = text.unicodeScalars.index(after: i)
            }
            previousWasCR = scalar == "\r"
        }
        lines.append(Substring(text.unicodeScalars[start...]))
        return lines
    }
}
