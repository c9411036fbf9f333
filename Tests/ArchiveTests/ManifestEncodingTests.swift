import Foundation
import TestSupport
import Testing

@testable import Archive

/// RFC 8493 §2.1.3 in manifests: `%`, CR and LF of a path are `%25`, `%0D`, `%0A`, and nothing else is encoded;
/// decoding gives back exactly the path, so `ducha verify` and bagit.py agree on every bag Ducha writes.
@Suite("Manifest paths: RFC 8493 percent-encoding")
struct ManifestEncodingTests {
    @Test(
        "Encoding writes only %25, %0D and %0A, scalar by scalar",
        arguments: [
            ("data/a%0Ab.pdf", "data/a%250Ab.pdf"),
            ("data/a\nb.pdf", "data/a%0Ab.pdf"),
            ("data/a\rb.pdf", "data/a%0Db.pdf"),
            // CR LF is one Character in Swift; both halves are encoded.
            ("data/a\r\nb.pdf", "data/a%0D%0Ab.pdf"),
            ("data/100%.pdf", "data/100%25.pdf"),
            // A combining mark after % makes one Character; the % is still encoded.
            ("data/%\u{301}.pdf", "data/%25\u{301}.pdf"),
            ("data/报告 (1)\t𠮷.pdf", "data/报告 (1)\t𠮷.pdf"),
        ])
    func encoding(path: String, encoded: String) {
        #expect(Bag.encode(path) == encoded)
        #expect(Bag.decode(encoded) == path)
    }

    @Test(
        "Decoding is one pass from left to right: no escape is made of the output of another",
        arguments: [
            ("a%250A", "a%0A"), ("a%25%0A", "a%\n"), ("%2525", "%25"), ("%0a%0d", "\n\r"), ("%41", "%41"),
            ("100%", "100%"), ("%", "%"), ("%2", "%2"), ("%%0A", "%\n"),
        ])
    func decoding(encoded: String, path: String) {
        #expect(Bag.decode(encoded) == path)
    }

    @Test("decode(encode(p)) == p for every mix of %, CR, LF and hex digits")
    func symmetric() {
        let alphabet: [String] = ["%", "\r", "\n", "0", "2", "5", "A", "a", "D", "d", "x", "\r\n", "报"]
        var paths = [""]
        for _ in 0..<4 { paths = paths.flatMap { prefix in alphabet.map { prefix + $0 } } }
        for path in paths {
            let encoded = Bag.encode(path)
            #expect(!encoded.unicodeScalars.contains("\n") && !encoded.unicodeScalars.contains("\r"))
            #expect(Bag.decode(encoded) == path, "\(path.debugDescription)")
        }
    }

    /// A sealed bag whose payload holds `names` (one byte each) under `data/`.
    private static func bag(_ names: [String]) throws -> (bag: Bag, directory: URL) {
        let directory = try TestEnvironment.temporaryDirectory("ducha-manifest")
        let bag = Bag(root: directory.appendingPathComponent("bag").path)
        for name in names { try AtomicFile.write(Array(name.utf8), to: bag.root + "/data/" + name) }
        try bag.seal(info: [("Source-Organization", "督查室")])
        return (bag, directory)
    }

    @Test("A bag with %, LF and CR (and CR LF) in its names is complete for ducha verify")
    func verifyReadsItsOwnManifest() throws {
        let names = ["a%0Ab.pdf", "c\nd.pdf", "e\rf.pdf", "g\r\nh.pdf", "100%.pdf"]
        let (bag, directory) = try Self.bag(names)
        defer { try? FileManager.default.removeItem(at: directory) }
        let manifest = String(decoding: try AtomicFile.read(bag.root + "/manifest-sha256.txt"), as: UTF8.self)
        #expect(manifest.contains("  data/a%250Ab.pdf\n"))
        #expect(manifest.contains("  data/g%0D%0Ah.pdf\n"))
        #expect(manifest.split(separator: "\n").count == names.count)
        #expect(BagVerifier.verify(bag.root).map(\.description) == [])
    }

    @Test("A manifest with CR LF line ends (written on Windows) is read line by line")
    func crlfManifest() throws {
        let (bag, directory) = try Self.bag(["甲.pdf", "乙.pdf"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = bag.root + "/manifest-sha256.txt"
        let text = String(decoding: try AtomicFile.read(path), as: UTF8.self)
        try AtomicFile.write(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8), to: path)
        let findings = BagVerifier.verify(bag.root).map(\.kind)
        // Only the tag manifest's digest of the rewritten manifest differs; every payload line is read.
        #expect(findings == [.changed])
    }

    @Test(
        "bagit.py validates a bag with LF and CR in its names (it cannot decode %25: RFC 8493 is kept)",
        .enabled(if: TestEnvironment.shouldRun(needing: "bagit.py"), "bagit.py missing (pip install bagit)"))
    func bagitValidates() throws {
        let bagit = try #require(TestEnvironment.which("bagit.py"), "bagit.py is required in CI")
        let (bag, directory) = try Self.bag(["a\nb.pdf", "c\rd.pdf", "报告 (1).pdf"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(BagVerifier.verify(bag.root).isEmpty)
        let result = try run(bagit, ["--validate", bag.root])
        #expect(result.status == 0, "\(result.output)")
    }
}
