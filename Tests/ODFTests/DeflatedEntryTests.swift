import Testing

@testable import ODF

@Suite("Entries deflated once and copied raw")
struct DeflatedEntryTests {
    static let styles = Array(
        String(repeating: "<style:style style:name=\"P1\" style:family=\"paragraph\"/>仿宋_GB2312 ", count: 200).utf8)

    @Test("a package with a part deflated once is byte for byte the package made from the plain part")
    func sameBytes() throws {
        let plain = ODFPart(path: "styles.xml", mediaType: "text/xml", data: Self.styles)
        let once = try plain.deflatedOnce()
        #expect(once.deflated != nil)
        let time = ZipTimestamp(year: 2026, month: 3, day: 5)
        let content = ODFPart(path: "content.xml", mediaType: "text/xml", data: Array("<c/>".utf8))
        let a = try ODFPackageWriter.package(
            mimetype: "application/vnd.oasis.opendocument.text", parts: [content, plain], modified: time)
        let b = try ODFPackageWriter.package(
            mimetype: "application/vnd.oasis.opendocument.text", parts: [content, once], modified: time)
        #expect(a == b)
        // And it reads back to the same bytes.
        #expect(try ZipReader(bytes: b, source: "b").read("styles.xml") == Self.styles)
    }

    @Test("the same deflated entry serves many archives")
    func reuse() throws {
        let deflated = try DeflatedEntry(Self.styles)
        for day in 1...3 {
            let bytes = try ZipWriter.archive(
                [
                    ZipEntry(name: "styles.xml", deflated: deflated),
                    ZipEntry(name: "n.txt", data: Array("\(day)".utf8)),
                ],
                modified: ZipTimestamp(year: 2026, month: 1, day: day))
            let reader = try ZipReader(bytes: bytes, source: "x")
            #expect(try reader.read("styles.xml") == Self.styles)
            #expect(try reader.read("n.txt") == Array("\(day)".utf8))
        }
    }
}
