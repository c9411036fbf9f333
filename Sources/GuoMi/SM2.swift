import CLibCrypto

/// A failure of libcrypto, with its own message.
public struct GuoMiError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    init(_ what: String) {
        var detail = ""
        let code = ERR_get_error()
        if code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            detail = "：" + String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        ERR_clear_error()
        message = what + detail
    }
}

/// An SM2 key pair (GB/T 32918-2016), generated, stored and used by OpenSSL 3's libcrypto. Signatures are
/// SM2 with SM3 over the message, with the distinguishing identifier `1234567812345678` GB/T 35276-2017 §7
/// gives as the default, DER-encoded (GB/T 35276 §7.2: SEQUENCE of r and s).
public struct SM2PrivateKey: Sendable {
    let key: PKey

    /// A new key pair.
    public init() throws(GuoMiError) {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "SM2", nil) else { throw GuoMiError("无法创建 SM2 密钥") }
        defer { EVP_PKEY_CTX_free(context) }
        var pkey: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_generate(context, &pkey) == 1, let pkey else {
            throw GuoMiError("无法生成 SM2 密钥")
        }
        key = PKey(pkey)
    }

    /// Reads a PEM private key (PKCS #8, `BEGIN PRIVATE KEY`); it must be an SM2 key.
    public init(pem: [UInt8]) throws(GuoMiError) {
        key = try PKey.read(pem, what: "私钥") { bio in PEM_read_bio_PrivateKey(bio, nil, nil, nil) }
    }

    /// The key as PEM (PKCS #8, unencrypted: keep the file owner-only).
    public var pem: [UInt8] {
        get throws(GuoMiError) {
            try key.write(what: "私钥") { bio, pkey in PEM_write_bio_PrivateKey(bio, pkey, nil, nil, 0, nil, nil) }
        }
    }

    /// The public half.
    public var publicKey: SM2PublicKey {
        get throws(GuoMiError) {
            let pem = try key.write(what: "公钥") { bio, pkey in PEM_write_bio_PUBKEY(bio, pkey) }
            return try SM2PublicKey(pem: pem)
        }
    }

    /// The SM2 signature of `message` (DER).
    public func sign(_ message: [UInt8]) throws(GuoMiError) -> [UInt8] {
        try key.withDigestContext { context throws(GuoMiError) in
            guard EVP_DigestSignInit(context, nil, EVP_sm3(), nil, key.pointer) == 1 else {
                throw GuoMiError("无法开始 SM2 签名")
            }
            var length = 0
            let sized = message.withUnsafeBufferPointer {
                EVP_DigestSign(context, nil, &length, $0.baseAddress, $0.count)
            }
            guard sized == 1 else { throw GuoMiError("SM2 签名失败") }
            var signature = [UInt8](repeating: 0, count: length)
            let signed = message.withUnsafeBufferPointer {
                EVP_DigestSign(context, &signature, &length, $0.baseAddress, $0.count)
            }
            guard signed == 1 else { throw GuoMiError("SM2 签名失败") }
            return Array(signature.prefix(length))
        }
    }
}

/// The public half of an SM2 key, for verifying.
public struct SM2PublicKey: Sendable, Equatable {
    let key: PKey
    /// The key as PEM (`BEGIN PUBLIC KEY`, SubjectPublicKeyInfo).
    public let pem: [UInt8]

    /// Reads a PEM public key; it must be an SM2 key.
    public init(pem: [UInt8]) throws(GuoMiError) {
        key = try PKey.read(pem, what: "公钥") { bio in PEM_read_bio_PUBKEY(bio, nil, nil, nil) }
        self.pem = try key.write(what: "公钥") { bio, pkey in PEM_write_bio_PUBKEY(bio, pkey) }
    }

    /// Whether `signature` (DER) is this key's SM2 signature of `message`; `false` for a malformed one.
    public func verify(signature: [UInt8], of message: [UInt8]) -> Bool {
        let result = try? key.withDigestContext { context throws(GuoMiError) -> Bool in
            guard EVP_DigestVerifyInit(context, nil, EVP_sm3(), nil, key.pointer) == 1 else {
                throw GuoMiError("无法开始 SM2 验签")
            }
            let verified = signature.withUnsafeBufferPointer { sig in
                message.withUnsafeBufferPointer {
                    EVP_DigestVerify(context, sig.baseAddress, sig.count, $0.baseAddress, $0.count)
                }
            }
            return verified == 1
        }
        ERR_clear_error()
        return result ?? false
    }

    public static func == (a: SM2PublicKey, b: SM2PublicKey) -> Bool { a.pem == b.pem }
}

/// An `EVP_PKEY` freed with its owner; libcrypto's keys may be used from several threads at once.
final class PKey: @unchecked Sendable {
    /// GB/T 35276-2017's default user identifier.
    static let distinguishingID = Array("1234567812345678".utf8)

    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    static func read(_ pem: [UInt8], what: String, _ reader: (OpaquePointer) -> OpaquePointer?) throws(GuoMiError)
        -> PKey
    {
        let pkey: OpaquePointer? = pem.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return reader(bio)
        }
        guard let pkey else { throw GuoMiError("无法读取 PEM \(what)") }
        let key = PKey(pkey)
        guard EVP_PKEY_is_a(pkey, "SM2") == 1 else { throw GuoMiError("\(what)不是 SM2 密钥") }
        return key
    }

    func write(what: String, _ writer: (OpaquePointer, OpaquePointer) -> Int32) throws(GuoMiError) -> [UInt8] {
        guard let bio = BIO_new(BIO_s_mem()) else { throw GuoMiError("内存不足") }
        defer { BIO_free(bio) }
        guard writer(bio, pointer) == 1 else { throw GuoMiError("无法写出 PEM \(what)") }
        let pending = Int(BIO_ctrl_pending(bio))
        var out = [UInt8](repeating: 0, count: pending)
        let read = BIO_read(bio, &out, Int32(pending))
        guard read == Int32(pending) else { throw GuoMiError("无法写出 PEM \(what)") }
        return out
    }

    /// Runs `body` with a digest context whose key context carries the SM2 identifier (SM2(7)).
    func withDigestContext<T>(_ body: (OpaquePointer) throws(GuoMiError) -> T) throws(GuoMiError) -> T {
        guard let context = EVP_MD_CTX_new() else { throw GuoMiError("内存不足") }
        guard let keyContext = EVP_PKEY_CTX_new(pointer, nil) else {
            EVP_MD_CTX_free(context)
            throw GuoMiError("内存不足")
        }
        defer {
            EVP_MD_CTX_free(context)
            EVP_PKEY_CTX_free(keyContext)
        }
        let id = Self.distinguishingID
        guard EVP_PKEY_CTX_set1_id(keyContext, id, Int32(id.count)) == 1 else {
            throw GuoMiError("无法设置 SM2 用户标识")
        }
        EVP_MD_CTX_set_pkey_ctx(context, keyContext)
        return try body(context)
    }
}
