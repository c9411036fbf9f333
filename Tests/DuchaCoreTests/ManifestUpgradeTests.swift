import Archive
import DuchaCore
import Foundation
import TestSupport
import Testing

/// Makes a bag look as Ducha sealed it before it wrote SM3 manifests: no SM3 pair, and a SHA-256 tag manifest
/// over bagit.txt, bag-info.txt and manifest-sha256.txt only.
private func sealWithoutSM3(_ bag: String) throws {
    for name in ["manifest-sm3.txt", "tagmanifest-sm3.txt"] {
        try FileManager.default.removeItem(atPath: bag + "/" + name)
    }
    var lines = ""
    for name in ["bag-info.txt", "bagit.txt", "manifest-sha256.txt"] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: bag + "/" + name)))
        lines += Bag.sha256(bytes) + "  " + name + "\n"
    }
    try Data(lines.utf8).write(to: URL(fileURLWithPath: bag + "/tagmanifest-sha256.txt"))
}

@Suite("Bags sealed before SM3: ducha upgrade adds the SM3 manifests to whole bags only")
struct ManifestUpgradeTests {
    @Test("an old whole bag gets its SM3 pair and verifies; an old damaged bag is left as it is and reported")
    func upgrade() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        try archive.batch()
        let bags = try archive.bags()
        let (old, damaged) = (bags[0], bags[1])
        let payload = try ArchiveFiles.snapshot(old).filter { $0.key.hasPrefix("data/") }
        let info = try Data(contentsOf: URL(fileURLWithPath: old + "/bag-info.txt"))
        let sealed = try Data(contentsOf: URL(fileURLWithPath: old + "/manifest-sm3.txt"))
        try sealWithoutSM3(old)
        try sealWithoutSM3(damaged)
        let record = try #require(try ArchiveFiles.snapshot(damaged).keys.first { $0.hasSuffix(".odt") })
        try Data("改过".utf8).write(to: URL(fileURLWithPath: damaged + "/" + record))
        let before = try Verification.run(archive: archive.archive)
        #expect(
            before.bags.first { old.hasSuffix($0.name) }?.findings.map(\.description).contains {
                $0.contains("缺少 manifest-sm3.txt") && $0.contains("ducha upgrade")
            } == true)
        let damagedBefore = try ArchiveFiles.snapshot(damaged)
        let outcome = try archive.write { try $0.addMissingSM3Manifests() }
        #expect(outcome.upgraded.count == 1 && old.hasSuffix(outcome.upgraded[0]), "\(outcome.upgraded)")
        #expect(outcome.current == bags.count - 2 + (try archive.bagCountBesidesMatters()))
        #expect(outcome.refused.count == 1 && damaged.hasSuffix(outcome.refused[0].name))
        #expect(outcome.refused.first?.findings.contains { $0.kind == .changed } == true)
        // The old bag: its SM3 manifest is what a fresh seal writes; its payload and bag-info are as they were.
        #expect(try Data(contentsOf: URL(fileURLWithPath: old + "/manifest-sm3.txt")) == sealed)
        #expect(try Data(contentsOf: URL(fileURLWithPath: old + "/bag-info.txt")) == info)
        #expect(try ArchiveFiles.snapshot(old).filter { $0.key.hasPrefix("data/") } == payload)
        #expect(
            try Verification.run(archive: archive.archive, matters: [URL(fileURLWithPath: old).lastPathComponent])
                .problems == 0)
        // The damaged bag is untouched; a second run changes nothing more.
        #expect(try ArchiveFiles.snapshot(damaged) == damagedBefore)
        let again = try archive.write { try $0.addMissingSM3Manifests() }
        #expect(again.upgraded.isEmpty && again.refused.count == 1)
    }
}

extension TestArchive {
    /// The bags of 2026 that are not matters (bulletins, assessment).
    fileprivate func bagCountBesidesMatters() throws -> Int {
        let folder = archive + "/2026"
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            !$0.hasPrefix("2026-") && FileManager.default.fileExists(atPath: folder + "/" + $0 + "/bagit.txt")
        }.count
    }
}
