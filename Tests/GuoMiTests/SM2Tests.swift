import Foundation
import GuoMi
import TestSupport
import Testing

@Suite("SM2 signatures (GB/T 32918-2016) through libcrypto")
struct SM2Tests {
    static let message = Array("<被签名对象>督查事项移交</被签名对象>".utf8)

    @Test("a signature verifies with the key's public half, and not for another message, key or signature")
    func signAndVerify() throws {
        let key = try SM2PrivateKey()
        let signature = try key.sign(Self.message)
        let publicKey = try key.publicKey
        #expect(publicKey.verify(signature: signature, of: Self.message))
        var changed = Self.message
        changed[3] ^= 1
        #expect(!publicKey.verify(signature: signature, of: changed))
        var forged = signature
        forged[forged.count - 3] ^= 0x40
        #expect(!publicKey.verify(signature: forged, of: Self.message))
        #expect(!publicKey.verify(signature: [], of: Self.message))
        let other = try SM2PrivateKey().publicKey
        #expect(!other.verify(signature: signature, of: Self.message))
        #expect(other != publicKey)
    }

    @Test("a key read back from its PEM signs as the same key; PEM that is no SM2 key is refused")
    func pemRoundTrip() throws {
        let key = try SM2PrivateKey()
        let pem = try key.pem
        #expect(String(decoding: pem, as: UTF8.self).hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let again = try SM2PrivateKey(pem: pem)
        #expect(try again.publicKey == key.publicKey)
        let publicKey = try SM2PublicKey(pem: try key.publicKey.pem)
        #expect(publicKey.verify(signature: try again.sign(Self.message), of: Self.message))
        #expect(throws: GuoMiError.self) { try SM2PrivateKey(pem: Array("-----BEGIN PRIVATE KEY-----\nAAAA\n".utf8)) }
        #expect(throws: GuoMiError.self, "a private key is no public key") { try SM2PublicKey(pem: pem) }
    }

    @Test(
        "openssl verifies Ducha's signature, and Ducha verifies openssl's",
        .enabled(if: TestEnvironment.shouldRun(needing: "openssl"), "openssl missing"))
    func interoperatesWithOpenSSL() throws {
        let openssl = try #require(TestEnvironment.which("openssl"), "openssl is required in CI")
        let folder = try TestEnvironment.temporaryDirectory("ducha-sm2")
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let key = try SM2PrivateKey()
        try Data(try key.publicKey.pem).write(to: URL(fileURLWithPath: path("pub.pem")))
        try Data(try key.pem).write(to: URL(fileURLWithPath: path("key.pem")))
        try Data(Self.message).write(to: URL(fileURLWithPath: path("msg")))
        try Data(try key.sign(Self.message)).write(to: URL(fileURLWithPath: path("sig")))
        let id = "distid:1234567812345678"
        let verified = try run(
            openssl,
            ["dgst", "-sm3", "-verify", path("pub.pem"), "-sigopt", id, "-signature", path("sig"), path("msg")])
        #expect(verified.status == 0 && verified.stdout.contains("Verified OK"), "\(verified.stdout)\(verified.stderr)")
        let signed = try run(
            openssl, ["dgst", "-sm3", "-sign", path("key.pem"), "-sigopt", id, "-out", path("sig2"), path("msg")])
        #expect(signed.status == 0, "\(signed.stderr)")
        let theirs = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path("sig2"))))
        #expect(try key.publicKey.verify(signature: theirs, of: Self.message))
    }
}
