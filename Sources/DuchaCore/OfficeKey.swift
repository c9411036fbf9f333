import Archive
import Foundation
import GuoMi

/// The office's SM2 key for signing hand-overs: `<archive>/.keys/sm2-private.pem` (owner-only, in an owner-only
/// folder, outside every bag) and `sm2-public.pem` beside it, the half the receiving 档案馆 is given.
public struct OfficeKey: Sendable {
    public let folder: String
    public var privatePath: String { folder + "/sm2-private.pem" }
    public var publicPath: String { folder + "/sm2-public.pem" }

    /// The key folder of an archive.
    public init(archive: String) { folder = archive + "/.keys" }

    /// Whether the office has a key.
    public var exists: Bool { FileManager.default.fileExists(atPath: privatePath) }

    /// What creating a key did.
    public struct Created: Sendable {
        public var privatePath: String
        public var publicPath: String
        /// Also written here, when asked.
        public var exportedTo: String?
        /// SM3 of the public key's PEM, for the receiver to compare by telephone or on paper.
        public var fingerprint: String
    }

    /// Creates the key pair. Never replaces a key: the signatures already given would no longer verify.
    /// - Parameter exportPublic: also write the public key to this file.
    /// - Throws: ``DuchaError/invalidRequest(_:)`` when the office already has a key.
    public func create(exportPublic: String? = nil) throws -> Created {
        if exists {
            throw DuchaError.invalidRequest("已有签名密钥 \(privatePath)，不会覆盖（换钥会使已签的移交包无法验证）")
        }
        let key = try SM2PrivateKey()
        let publicPEM = try key.publicKey.pem
        try Files.makeFolder(folder)
        try ArchiveFolders.restrictToOwner(folder)
        try AtomicFile.write(try key.pem, to: privatePath, mode: 0o600)
        try AtomicFile.write(publicPEM, to: publicPath, mode: 0o644)
        if let exportPublic { try Files.write(publicPEM, to: exportPublic) }
        return Created(
            privatePath: privatePath, publicPath: publicPath, exportedTo: exportPublic, fingerprint: SM3.hex(publicPEM))
    }

    /// The private key, when the office has one.
    /// - Throws: ``DuchaError/invalidRequest(_:)`` when the key file is readable by others or not an SM2 key.
    public func load() throws -> SM2PrivateKey? {
        guard exists else { return nil }
        let mode = (try FileManager.default.attributesOfItem(atPath: privatePath)[.posixPermissions] as? Int) ?? 0
        if mode & 0o077 != 0 {
            throw DuchaError.invalidRequest(
                "签名私钥 \(privatePath) 的权限为 \(String(mode, radix: 8))，他人可读；请改为 0600（chmod 600）后再用")
        }
        do {
            return try SM2PrivateKey(pem: try Files.read(privatePath))
        } catch let error as GuoMiError {
            throw DuchaError.invalidRequest("\(privatePath)：不是可用的 SM2 私钥：\(error.message)")
        }
    }
}
