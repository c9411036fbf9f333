import Foundation
import ODF
import TestSupport
import Testing

@testable import Rendering

@Suite("Packaging filled parts")
struct RenderingTests {
    let content = Array(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">\
        <office:body><office:text><text:p>正文</text:p></office:text></office:body></office:document-content>
        """.utf8)
    let styles = Array(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        office:version="1.3"/>
        """.utf8)
    let meta = DocumentMeta(
        title: "督查通知单 西督通〔2026〕1号", subject: "事项 & 名称", matterID: "2026-001", date: (2026, 3, 5),
        extra: [("文号", "西督通〔2026〕1号")])

    var document: ODFDocument {
        ODFDocument(mimetype: "application/vnd.oasis.opendocument.text", content: content, styles: styles)
    }

    func package() throws -> [UInt8] {
        try DocumentRenderer.package(document, meta: meta)
    }

    @Test("the package is byte-identical when made again, and carries meta.xml and a manifest")
    func reproduciblePackage() throws {
        let bytes = try package()
        #expect(try package() == bytes)
        let reader = try ODFPackageReader(bytes: bytes, source: "x.odt")
        #expect(reader.mimetype == "application/vnd.oasis.opendocument.text")
        #expect(Set(reader.parts.map(\.path)) == ["content.xml", "styles.xml", "meta.xml"])
        let metaXML = String(decoding: try #require(reader.part("meta.xml")).data, as: UTF8.self)
        for expected in [
            "<dc:title>督查通知单 西督通〔2026〕1号</dc:title>", "<meta:generator>Ducha/1.0</meta:generator>",
            "<meta:user-defined meta:name=\"事项编号\">2026-001</meta:user-defined>",
            "<meta:creation-date>2026-03-05T00:00:00</meta:creation-date>", "事项 &amp; 名称",
        ] {
            #expect(metaXML.contains(expected), "\(expected)")
        }
    }

    @Test("the package is strictly valid ODF 1.3 (check-odt)", .needs("check-odt"))
    func validPackage() throws {
        let directory = try TestEnvironment.temporaryDirectory("ducha-rendering")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("督查通知单.odt")
        try Data(try package()).write(to: file)
        let failures = try TestEnvironment.checkODTFailures([file.path])
        #expect(failures == nil, "\(failures ?? "")")
    }

    @Test("a different date gives different bytes (zip times come from the document, not the clock)")
    func datesMatter() throws {
        var later = meta
        later.date = (2026, 3, 6)
        let other = try DocumentRenderer.package(document, meta: later)
        #expect(other != (try package()))
    }

    @Test("the flat document holds the body and the meta in one office:document")
    func flat() throws {
        let bytes = try DocumentRenderer.flat(document, meta: meta)
        let root = try XMLDocumentParser.parse(bytes, source: "x.fodt")
        #expect(root.name == "office:document")
        #expect(root.attribute("office:mimetype") == "application/vnd.oasis.opendocument.text")
        let xml = String(decoding: bytes, as: UTF8.self)
        #expect(xml.contains("<text:p>正文</text:p>") && xml.contains("<dc:title>督查通知单 西督通〔2026〕1号</dc:title>"))
    }
}
