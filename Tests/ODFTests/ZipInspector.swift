/// Reads zip headers byte by byte, independently of libzip, to check what ZipWriter wrote.
struct ZipInspector {
    struct Header: Equatable {
        var name: String
        var flags: UInt16
        var method: UInt16
        var dosTime: UInt16
        var dosDate: UInt16
        var compressedSize: Int
        var size: Int
        var extraLength: Int
        var offset: Int
    }

    let bytes: [UInt8]

    func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    func u32(_ at: Int) -> Int { Int(u16(at)) | Int(u16(at + 2)) << 16 }

    /// The local file headers, in file order (no data descriptors expected).
    var localHeaders: [Header] {
        var headers: [Header] = []
        var at = 0
        while at + 30 <= bytes.count, u32(at) == 0x0403_4B50 {
            let nameLength = Int(u16(at + 26))
            let extraLength = Int(u16(at + 28))
            let name = String(decoding: bytes[(at + 30)..<(at + 30 + nameLength)], as: UTF8.self)
            let header = Header(
                name: name, flags: u16(at + 6), method: u16(at + 8), dosTime: u16(at + 10),
                dosDate: u16(at + 12),
                compressedSize: u32(at + 18), size: u32(at + 22), extraLength: extraLength, offset: at)
            headers.append(header)
            at += 30 + nameLength + extraLength + header.compressedSize
        }
        return headers
    }

    /// The central directory headers, in directory order.
    var centralHeaders: [Header] {
        guard
            let end = stride(from: bytes.count - 22, through: 0, by: -1).first(where: {
                u32($0) == 0x0605_4B50
            })
        else { return [] }
        var headers: [Header] = []
        var at = u32(end + 16)
        for _ in 0..<Int(u16(end + 10)) {
            let nameLength = Int(u16(at + 28))
            let extraLength = Int(u16(at + 30))
            let commentLength = Int(u16(at + 32))
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            headers.append(
                Header(
                    name: name, flags: u16(at + 8), method: u16(at + 10), dosTime: u16(at + 12),
                    dosDate: u16(at + 14),
                    compressedSize: u32(at + 20), size: u32(at + 24), extraLength: extraLength,
                    offset: u32(at + 42)))
            at += 46 + nameLength + extraLength + commentLength
        }
        return headers
    }

    /// Replaces every occurrence of `old` by `new` (same length), e.g. to forge an entry name.
    static func replacing(_ old: [UInt8], with new: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        precondition(old.count == new.count)
        var result = bytes
        var index = 0
        while index + old.count <= result.count {
            if result[index..<(index + old.count)].elementsEqual(old) {
                result.replaceSubrange(index..<(index + old.count), with: new)
                index += old.count
            } else {
                index += 1
            }
        }
        return result
    }

    /// Writes a little-endian 32-bit value.
    static func setU32(_ value: Int, at offset: Int, in bytes: inout [UInt8]) {
        for shift in 0..<4 { bytes[offset + shift] = UInt8((value >> (8 * shift)) & 0xFF) }
    }
}
