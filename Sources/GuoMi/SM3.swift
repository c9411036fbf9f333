import CLibCrypto

/// The SM3 hash (GB/T 32905-2016), computed by OpenSSL 3's libcrypto. One hash is fed from one thread; the
/// static functions may be called from any.
public struct SM3 {
    private let context: DigestContext

    /// Starts a hash.
    public init() { context = DigestContext() }

    /// Adds bytes to the hash.
    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, raw.count > 0 else { return }
            precondition(EVP_DigestUpdate(context.pointer, base, raw.count) == 1, "EVP_DigestUpdate (SM3) failed")
        }
    }

    /// The 32-byte digest of everything added.
    public func finish() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context.pointer, &out, &length) == 1, "EVP_DigestFinal_ex (SM3) failed")
        return Array(out.prefix(Int(length)))
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        let hash = SM3()
        hash.update(bytes)
        return hash.finish()
    }

    /// The digest of `bytes` as 64 lowercase hex digits (as `openssl dgst -sm3` prints it).
    public static func hex(_ bytes: [UInt8]) -> String { Hex.encode(hash(bytes)) }

    /// Whether this libcrypto has SM3 (OpenSSL 3 built without `no-sm3`).
    public static var isAvailable: Bool { EVP_sm3() != nil }
}

/// One EVP digest context for SM3, freed with its owner.
private final class DigestContext {
    let pointer: OpaquePointer

    init() {
        guard let context = EVP_MD_CTX_new(), let sm3 = EVP_sm3(), EVP_DigestInit_ex(context, sm3, nil) == 1 else {
            fatalError("libcrypto has no SM3 (OpenSSL 3 is needed)")
        }
        pointer = context
    }

    deinit { EVP_MD_CTX_free(pointer) }
}

/// Lowercase hexadecimal.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
