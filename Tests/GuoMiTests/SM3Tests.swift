import Foundation
import GuoMi
import TestSupport
import Testing

@Suite("SM3 (GB/T 32905-2016) through libcrypto")
struct SM3Tests {
    @Test("the standard's example 1: \"abc\"")
    func exampleOne() {
        #expect(SM3.hex(Array("abc".utf8)) == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
    }

    @Test("the standard's example 2: \"abcd\" sixteen times (64 bytes, two blocks once padded)")
    func exampleTwo() {
        let message = Array(String(repeating: "abcd", count: 16).utf8)
        #expect(message.count == 64)
        #expect(SM3.hex(message) == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")
    }

    @Test("hashing in pieces gives the hash of the whole; a changed byte another")
    func incremental() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let hash = SM3()
        hash.update(Array(bytes[..<3333]))
        hash.update([])
        hash.update(Array(bytes[3333...]))
        #expect(hash.finish() == SM3.hash(bytes))
        var changed = bytes
        changed[5000] ^= 1
        #expect(SM3.hash(changed) != SM3.hash(bytes))
        #expect(SM3.hash(bytes).count == 32)
    }

    @Test(
        "openssl dgst -sm3 agrees", .enabled(if: TestEnvironment.shouldRun(needing: "openssl"), "openssl missing"))
    func opensslAgrees() throws {
        let openssl = try #require(TestEnvironment.which("openssl"), "openssl is required in CI")
        let folder = try TestEnvironment.temporaryDirectory("ducha-sm3")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (n, text) in ["", "督查通知单", String(repeating: "一事一档", count: 1000)].enumerated() {
            let path = folder.appendingPathComponent("\(n).txt").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let result = try run(openssl, ["dgst", "-sm3", "-r", path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.split(separator: " ").first.map(String.init) == SM3.hex(Array(text.utf8)))
        }
    }
}
