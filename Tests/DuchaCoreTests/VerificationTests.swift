import DuchaCore
import Foundation
import TestSupport
import Testing

/// Verifying an archive: every bag's manifests recomputed and each year's registry checked, with verdicts that
/// agree with `bagit.py --validate`.
@Suite("Verifying an archive")
struct VerificationTests {
    /// The findings of one bag by ``Verification``, and `bagit.py --validate`'s exit status when it is there.
    func verdicts(_ archive: TestArchive, bag: String) throws -> (findings: [Finding], bagit: Int32?) {
        let name = URL(fileURLWithPath: bag).lastPathComponent
        let result = try Verification.run(archive: archive.archive, matters: [name])
        #expect(result.bags.map(\.name) == ["2026/\(name)"])
        let bagit = try TestEnvironment.which("bagit.py").map { try run($0, ["--validate", "--quiet", bag]).status }
        return (result.bags.flatMap(\.findings) + result.registry, bagit)
    }

    @Test(
        "verify passes a sound archive and catches a one-bit change, a deleted file, an added file, a damaged manifest line"
    )
    func damage() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        #expect(try archive.batch().problems.isEmpty)
        let sound = try Verification.run(archive: archive.archive)
        #expect(sound.problems == 0, "\(sound.bags.flatMap(\.findings) + sound.registry)")
        #expect(sound.bags.count >= 33 && sound.bags.allSatisfy(\.findings.isEmpty))
        let bags = try archive.bags()
        let slip = try #require(try archive.documents().first { $0.contains("2026-001/") })
        // 1. One bit of a slip.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: slip)))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: slip))
        // 2. A deleted file, 3. an added file, 4. a damaged manifest line — each in its own bag.
        try FileManager.default.removeItem(atPath: bags[1] + "/data/matter.xml")
        try Data("多出来的文件".utf8).write(to: URL(fileURLWithPath: bags[2] + "/data/进展/多出.txt"))
        let manifest = bags[3] + "/manifest-sha256.txt"
        var text = try String(contentsOfFile: manifest, encoding: .utf8)
        text = "zz" + text.dropFirst(2)
        try text.write(toFile: manifest, atomically: true, encoding: .utf8)
        let expectations: [(String, Finding.Kind, String)] = [
            (bags[0], .changed, "已改动：SHA-256、SM3 与 manifest-sha256.txt、manifest-sm3.txt 不符"), (bags[1], .missing, "缺失"),
            (bags[2], .unexpected, "多出"), (bags[3], .badManifest, "清单损坏：第 1 行格式不对"),
        ]
        for (bag, kind, phrase) in expectations {
            let (findings, bagit) = try verdicts(archive, bag: bag)
            #expect(findings.contains { $0.kind == kind && $0.description.contains(phrase) }, "\(bag): \(findings)")
            if let bagit { #expect(bagit != 0, "bagit.py should also fail \(bag)") }
        }
        // The untouched bags still pass, and bagit.py agrees.
        let (findings, bagit) = try verdicts(archive, bag: bags[4])
        #expect(findings.isEmpty, "\(findings)")
        if let bagit { #expect(bagit == 0) }
        #expect(try Verification.run(archive: archive.archive).problems >= expectations.count)
    }

    @Test("verify reports a damaged registry and a number given twice")
    func registry() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        #expect(try archive.batch().problems.isEmpty)
        let path = archive.archive + "/2026/registry.xml"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try original.replacingOccurrences(of: "序号=\"2\"", with: "序号=\"1\"").write(
            toFile: path, atomically: true, encoding: .utf8)
        let twice = try Verification.run(archive: archive.archive).registry
        #expect(twice.contains { $0.kind == .badRegistry && $0.detail.contains("登记了不止一次") }, "\(twice)")
        #expect(twice.contains { $0.kind == .badRegistry && $0.detail.contains("2号没有登记（跳号）") }, "\(twice)")
        try String(original.prefix(200)).write(toFile: path, atomically: true, encoding: .utf8)
        let broken = try Verification.run(archive: archive.archive).registry
        #expect(!broken.isEmpty && broken.allSatisfy { $0.kind == .badRegistry }, "\(broken)")
        #expect(broken.contains { $0.description.contains("登记簿损坏") })
    }
}
