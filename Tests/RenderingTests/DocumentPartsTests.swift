import ODF
import Testing

@testable import Rendering

@Suite("One value for a document's parts")
struct DocumentPartsTests {
    let document = ODFDocument(
        mimetype: "application/vnd.oasis.opendocument.text",
        content: Array(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">\
            <office:body><office:text><text:p>正文</text:p></office:text></office:body></office:document-content>
            """.utf8),
        styles: Array(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            office:version="1.3"/>
            """.utf8),
        staticParts: [ODFPart(path: "Pictures/a.png", data: [0x89, 0x50, 0x4E, 0x47])])
    let meta = DocumentMeta(title: "通报", subject: "季度", matterID: "2026-001", date: (2026, 3, 31))

    @Test("styles deflated once give the same package as styles deflated with it")
    func deflatedStyles() throws {
        var shared = document
        shared.stylesDeflated = try DeflatedEntry(document.styles)
        #expect(try DocumentRenderer.package(shared, meta: meta) == DocumentRenderer.package(document, meta: meta))
    }

    @Test("extra parts follow the static parts; a document of no one matter has no 事项编号, an empty id an empty one")
    func partsAndMeta() throws {
        let chart = ODFPart(path: "Pictures/chart.svg", mediaType: "image/svg+xml", data: Array("<svg/>".utf8))
        var publication = meta
        publication.matterID = nil
        let package = try ODFPackageReader(
            bytes: try DocumentRenderer.package(document, meta: publication, extraParts: [chart]), source: "x.odt")
        #expect(
            package.parts.map(\.path) == [
                "content.xml", "styles.xml", "meta.xml", "Pictures/a.png", "Pictures/chart.svg",
            ])
        #expect(!String(decoding: try #require(package.part("meta.xml")).data, as: UTF8.self).contains("事项编号"))
        var unnamed = meta
        unnamed.matterID = ""
        let flat = String(decoding: try DocumentRenderer.flat(document, meta: unnamed), as: UTF8.self)
        #expect(flat.contains(#"<meta:user-defined meta:name="事项编号"></meta:user-defined>"#))
    }
}
