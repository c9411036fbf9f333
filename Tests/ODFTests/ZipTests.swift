import Foundation
import ODF
import TestSupport
import Testing

@Suite("Zip reading and writing")
struct ZipTests {
    static let modified = ZipTimestamp(year: 2024, month: 3, day: 15, hour: 9, minute: 30, second: 42)
    static let entries = [
        ZipEntry(
            name: "mimetype", data: Array("application/vnd.oasis.opendocument.text".utf8),
            compressed: false),
        ZipEntry(
            name: "content.xml", data: Array(String(repeating: "<text:p>督查</text:p>", count: 200).utf8)),
        ZipEntry(name: "附件/督查通知单.txt", data: Array("一事一档\n".utf8)),
        ZipEntry(name: "empty", data: []),
        ZipEntry(name: "Pictures/", data: [], compressed: false),
    ]

    @Test func roundTripIncludingAChineseName() throws {
        let bytes = try ZipWriter.archive(Self.entries, modified: Self.modified)
        let reader = try ZipReader(bytes: bytes, source: "测试.zip")
        #expect(reader.entryNames == Self.entries.map(\.name))
        for entry in Self.entries {
            #expect(try reader.read(entry.name) == entry.data)
            #expect(reader.size(of: entry.name) == entry.data.count)
        }
        #expect(try reader.readAll().map(\.data) == Self.entries.map(\.data))
        let error = #expect(throws: ODFError.self) { try reader.read("nope.xml") }
        #expect(error?.code == .missingPart)
    }

    @Test func outputIsByteIdenticalAndUsesTheGivenTime() throws {
        let first = try ZipWriter.archive(Self.entries, modified: Self.modified)
        let second = try ZipWriter.archive(Self.entries, modified: Self.modified)
        #expect(first == second)
        let other = try ZipWriter.archive(
            Self.entries, modified: ZipTimestamp(year: 2024, month: 3, day: 16))
        #expect(first != other)
        let inspector = ZipInspector(bytes: first)
        let expectedTime = UInt16(9 << 11 | 30 << 5 | 21)
        let expectedDate = UInt16((2024 - 1980) << 9 | 3 << 5 | 15)
        for header in inspector.localHeaders + inspector.centralHeaders {
            #expect(header.dosTime == expectedTime, "\(header.name)")
            #expect(header.dosDate == expectedDate, "\(header.name)")
        }
    }

    @Test func mimetypeIsFirstStoredWithoutExtraField() throws {
        let bytes = try ZipWriter.archive(Self.entries, modified: Self.modified)
        let inspector = ZipInspector(bytes: bytes)
        let local = inspector.localHeaders
        let central = inspector.centralHeaders
        #expect(local.map(\.name) == Self.entries.map(\.name))
        #expect(central.map(\.name) == Self.entries.map(\.name))
        #expect(local.first?.offset == 0)
        #expect(local.first?.method == 0)
        #expect(local.first?.flags == 0)
        #expect(Array(bytes[30..<38]) == Array("mimetype".utf8))
        #expect(Array(bytes[38..<77]) == Array("application/vnd.oasis.opendocument.text".utf8))
        #expect(local[1].method == 8)
        for header in local + central {
            #expect(header.extraLength == 0, "\(header.name) has an extra field")
        }
        // The Chinese name is flagged UTF-8 (general purpose bit 11); ASCII names are not.
        #expect(local[2].flags & 0x0800 != 0)
        #expect(local[1].flags & 0x0800 == 0)
    }

    @Test(.needs("python3"))
    func pythonZipfileAgrees() throws {
        let directory = try TestEnvironment.temporaryDirectory("ducha-odf")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("t.zip")
        try Data(try ZipWriter.archive(Self.entries, modified: Self.modified)).write(to: file)
        let script = """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            i = z.infolist()
            assert i[0].filename == 'mimetype' and i[0].compress_type == 0 and i[0].extra == b'', i[0]
            assert all(x.extra == b'' for x in i), [x.extra for x in i]
            assert i[2].filename == '附件/督查通知单.txt', i[2].filename
            assert z.read(i[2]).decode() == '一事一档\\n'
            assert z.testzip() is None
            assert i[1].date_time == (2024, 3, 15, 9, 30, 42), i[1].date_time
            print('ok')
            """
        let result = try TestEnvironment.run("python3", ["-c", script, file.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout == "ok\n")
    }

    @Test(arguments: ["../evil", "a/../../evil", "/etc/passwd", "a\\b", "C:evil", ""])
    func writerRefusesUnsafeNames(_ name: String) {
        let error = #expect(throws: ODFError.self) {
            try ZipWriter.archive([ZipEntry(name: name, data: [1])], modified: Self.modified)
        }
        #expect(error?.code == .unsafeEntryName)
    }

    @Test func writerRefusesDuplicatesAndBadTimes() {
        let duplicate = #expect(throws: ODFError.self) {
            try ZipWriter.archive(
                [ZipEntry(name: "a", data: []), ZipEntry(name: "a", data: [])], modified: Self.modified)
        }
        #expect(duplicate?.code == .unsafeEntryName)
        let time = #expect(throws: ODFError.self) {
            try ZipWriter.archive(
                [ZipEntry(name: "a", data: [])], modified: ZipTimestamp(year: 1979, month: 1, day: 1))
        }
        #expect(time?.code == .invalidArgument)
    }

    @Test func emptyArchive() throws {
        let bytes = try ZipWriter.archive([], modified: Self.modified)
        #expect(try ZipReader(bytes: bytes, source: "空.zip").entryNames.isEmpty)
    }

    @Test func readerRefusesTraversal() throws {
        let honest = try ZipWriter.archive(
            [ZipEntry(name: "xx/evil", data: Array("x".utf8))], modified: Self.modified)
        let forged = ZipInspector.replacing(
            Array("xx/evil".utf8), with: Array("../evil".utf8), in: honest)
        let error = #expect(throws: ODFError.self) { try ZipReader(bytes: forged, source: "坏.zip") }
        #expect(error?.code == .unsafeEntryName)
        #expect(error?.description.contains("../evil") == true)
        #expect(error?.description.hasPrefix("坏.zip: ") == true)
    }

    @Test func readerRefusesGarbage() {
        let error = #expect(throws: ODFError.self) {
            try ZipReader(bytes: Array("not a zip at all".utf8), source: "假.xlsx")
        }
        #expect(error?.code == .zip)
        #expect(error?.source == "假.xlsx")
    }

    @Test func readerRefusesTooManyEntries() throws {
        let bytes = try ZipWriter.archive(Self.entries, modified: Self.modified)
        let error = #expect(throws: ODFError.self) {
            try ZipReader(bytes: bytes, source: "多.zip", limits: ZipLimits(maxEntries: 2))
        }
        #expect(error?.code == .limitExceeded)
    }

    @Test func zipBombIsRefused() throws {
        let zeros = [UInt8](repeating: 0, count: 50_000_000)
        let bomb = try ZipWriter.archive(
            [ZipEntry(name: "zeros.xml", data: zeros)], modified: Self.modified)
        #expect(bomb.count < 200_000)
        // Default limits: the ratio (about 1000:1) gives it away before anything is inflated.
        let ratio = #expect(throws: ODFError.self) { try ZipReader(bytes: bomb, source: "炸弹.zip") }
        #expect(ratio?.code == .limitExceeded)
        #expect(ratio?.source == "炸弹.zip/zeros.xml")
        // Lowered size limits refuse it too, with the ratio check relaxed.
        let sizeLimits = ZipLimits(maxEntrySize: 10_000_000, maxCompressionRatio: 10_000)
        let size = #expect(throws: ODFError.self) {
            try ZipReader(bytes: bomb, source: "炸弹.zip", limits: sizeLimits)
        }
        #expect(size?.code == .limitExceeded)
        let totalLimits = ZipLimits(maxTotalSize: 10_000_000, maxCompressionRatio: 10_000)
        let total = #expect(throws: ODFError.self) {
            try ZipReader(bytes: bomb, source: "炸弹.zip", limits: totalLimits)
        }
        #expect(total?.code == .limitExceeded)
    }

    /// An entry that declares 1,000 bytes but inflates to 5 MB: reading stops at the declared size.
    @Test func dataBeyondTheDeclaredSizeIsRefused() throws {
        let honest = try ZipWriter.archive(
            [ZipEntry(name: "liar.xml", data: [UInt8](repeating: 0x20, count: 5_000_000))],
            modified: Self.modified)
        let inspector = ZipInspector(bytes: honest)
        var forged = honest
        let local = try #require(inspector.localHeaders.first)
        ZipInspector.setU32(1000, at: local.offset + 22, in: &forged)
        let centralStart = try #require(
            stride(from: honest.count - 22, through: 0, by: -1).first { inspector.u32($0) == 0x0605_4B50 }
        )
        ZipInspector.setU32(1000, at: inspector.u32(centralStart + 16) + 24, in: &forged)
        let reader = try ZipReader(bytes: forged, source: "谎报.zip")
        #expect(reader.size(of: "liar.xml") == 1000)
        let error = #expect(throws: ODFError.self) { try reader.read("liar.xml") }
        #expect(error?.code == .limitExceeded)
    }

    @Test func corruptedDataFailsTheCRC() throws {
        let data = Array("督查事项办结报告".utf8)
        var bytes = try ZipWriter.archive(
            [ZipEntry(name: "a.txt", data: data, compressed: false)], modified: Self.modified)
        let offset = 30 + "a.txt".utf8.count
        bytes[offset] ^= 0xFF
        let reader = try ZipReader(bytes: bytes, source: "损坏.zip")
        let error = #expect(throws: ODFError.self) { try reader.read("a.txt") }
        #expect(error?.code == .zip)
    }
}
