import DuchaCore
import Foundation
import TestSupport
import Testing

@Suite("SM3 manifests beside SHA-256 in every bag")
struct SM3ManifestTests {
    /// A manifest's lines as (digest, path), paths as written (no name of the example needs decoding).
    func lines(_ path: String) throws -> [(digest: String, path: String)] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            return (String(parts[0]), String(parts[1].drop { $0 == " " }))
        }
    }

    @Test(
        "openssl dgst -sm3 agrees with every line of every SM3 manifest; the SM3 and SHA-256 manifests list the same files",
        .enabled(if: TestEnvironment.shouldRun(needing: "openssl"), "openssl missing"))
    func opensslAgrees() throws {
        let openssl = try #require(TestEnvironment.which("openssl"), "openssl is required in CI")
        let archive = try TestArchive()
        defer { archive.remove() }
        #expect(try archive.batch().problems.isEmpty)
        var checked = 0
        for bag in try archive.bags() {
            for (sm3, sha256) in [("manifest-sm3.txt", "manifest-sha256.txt"), ("tagmanifest-sm3.txt", "")] {
                let listed = try lines(bag + "/" + sm3)
                #expect(!listed.isEmpty, "\(bag)/\(sm3)")
                if !sha256.isEmpty {
                    #expect(listed.map(\.path) == (try lines(bag + "/" + sha256)).map(\.path), "\(bag)")
                }
                let result = try run(openssl, ["dgst", "-sm3", "-r"] + listed.map { bag + "/" + $0.path })
                #expect(result.status == 0, "\(result.stderr)")
                let theirs = result.stdout.split(separator: "\n").map { String($0.prefix(64)) }
                #expect(theirs == listed.map(\.digest), "\(bag)/\(sm3)")
                checked += listed.count
            }
            let tags = try lines(bag + "/tagmanifest-sm3.txt").map(\.path)
            #expect(tags == ["bag-info.txt", "bagit.txt", "manifest-sha256.txt", "manifest-sm3.txt"])
        }
        #expect(checked > 250, "the example quarter has more than 250 files in its bags")
    }
}
