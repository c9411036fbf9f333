import Foundation
import ODF
import TestSupport
import Testing

@Suite("OpenDocument packages and flat ODF")
struct ODFPackageTests {
    static let mimetype = "application/vnd.oasis.opendocument.text"
    static let modified = ZipTimestamp(year: 2024, month: 6, day: 30, hour: 17)

    /// The fixture split into parts, serialized.
    static func fixtureParts() throws -> [ODFPart] {
        let flat = try XMLDocumentParser.parse(
            try TestEnvironment.fixture("minimal.fodt", in: "ODFTests"), source: "minimal.fodt")
        let (content, styles, meta, settings) = try FlatODF.split(flat)
        var parts = [
            ODFPart(path: "content.xml", data: content.documentBytes()),
            ODFPart(path: "styles.xml", data: styles.documentBytes()),
        ]
        if let meta { parts.append(ODFPart(path: "meta.xml", data: meta.documentBytes())) }
        if let settings { parts.append(ODFPart(path: "settings.xml", data: settings.documentBytes())) }
        parts.append(ODFPart(path: "Pictures/印章.png", data: [0x89, 0x50, 0x4E, 0x47]))
        return parts
    }

    @Test func manifestListsThePackageAndEveryPart() {
        let parts = [
            ODFPart(path: "content.xml", data: []), ODFPart(path: "Pictures/a.PNG", data: []),
            ODFPart(path: "x.bin", mediaType: "", data: []),
        ]
        let manifest = String(
            decoding: ODFPackageWriter.manifest(mimetype: Self.mimetype, parts: parts), as: UTF8.self)
        #expect(
            manifest == """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
                manifest:version="1.3">
                 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" \
                manifest:media-type="application/vnd.oasis.opendocument.text"/>
                 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                 <manifest:file-entry manifest:full-path="Pictures/a.PNG" manifest:media-type="image/png"/>
                 <manifest:file-entry manifest:full-path="x.bin" manifest:media-type="application/octet-stream"/>
                </manifest:manifest>

                """)
    }

    @Test func packageRoundTrip() throws {
        let parts = try Self.fixtureParts()
        let bytes = try ODFPackageWriter.package(
            mimetype: Self.mimetype, parts: parts, modified: Self.modified)
        #expect(
            try ODFPackageWriter.package(mimetype: Self.mimetype, parts: parts, modified: Self.modified)
                == bytes)
        let names = try ZipReader(bytes: bytes, source: "x.odt").entryNames
        #expect(names == ["mimetype"] + parts.map(\.path) + ["META-INF/manifest.xml"])
        let package = try ODFPackageReader(bytes: bytes, source: "通知单.odt")
        #expect(package.mimetype == Self.mimetype)
        #expect(package.version == "1.3")
        #expect(package.parts == parts)
        #expect(package.part("Pictures/印章.png")?.mediaType == "image/png")
        let header = ZipInspector(bytes: bytes).localHeaders
        #expect(
            header.first?.name == "mimetype" && header.first?.method == 0
                && header.first?.extraLength == 0)
        #expect(header.first { $0.name == "Pictures/印章.png" }?.method == 0)
        #expect(header.first { $0.name == "content.xml" }?.method == 8)
    }

    @Test func packageRefusesReservedNames() {
        let error = #expect(throws: ODFError.self) {
            try ODFPackageWriter.package(
                mimetype: Self.mimetype, parts: [ODFPart(path: "mimetype", data: [])],
                modified: Self.modified)
        }
        #expect(error?.code == .invalidArgument)
    }

    @Test func readerNeedsMimetypeAndManifest() throws {
        let zip = try ZipWriter.archive(
            [ZipEntry(name: "content.xml", data: [])], modified: Self.modified)
        let error = #expect(throws: ODFError.self) { try ODFPackageReader(bytes: zip, source: "假.odt") }
        #expect(error?.code == .missingPart)
        #expect(error?.description.hasPrefix("假.odt: 缺少部件：") == true)
    }

    @Test func splitPutsEveryPartInSchemaOrder() throws {
        let flat = try XMLDocumentParser.parse(
            try TestEnvironment.fixture("minimal.fodt", in: "ODFTests"), source: "minimal.fodt")
        let (content, styles, meta, settings) = try FlatODF.split(flat)
        #expect(content.name == "office:document-content")
        #expect(
            content.childElements.map(\.name) == [
                "office:font-face-decls", "office:automatic-styles", "office:body",
            ])
        #expect(
            styles.childElements.map(\.name) == [
                "office:font-face-decls", "office:styles", "office:automatic-styles",
                "office:master-styles",
            ])
        #expect(meta?.childElements.map(\.name) == ["office:meta"])
        #expect(settings?.childElements.map(\.name) == ["office:settings"])
        for root in [content, styles, meta, settings].compactMap({ $0 }) {
            #expect(root.attribute("office:mimetype") == nil)
            #expect(root.attribute("office:version") == "1.3")
            #expect(root.attribute("xmlns:text") == "urn:oasis:names:tc:opendocument:xmlns:text:1.0")
        }
        func automaticStyleNames(_ root: XMLElement) -> [String] {
            root.childElements.first { $0.name == "office:automatic-styles" }?.childElements.compactMap {
                $0.attribute("style:name")
            } ?? []
        }
        #expect(automaticStyleNames(content) == ["P1", "MP1", "T1"])
        #expect(automaticStyleNames(styles) == ["P1", "pm1", "MP1", "T1"])
    }

    @Test func joinUndoesSplit() throws {
        let flat = try XMLDocumentParser.parse(
            try TestEnvironment.fixture("minimal.fodt", in: "ODFTests"), source: "minimal.fodt")
        let (content, styles, meta, settings) = try FlatODF.split(flat)
        let joined = FlatODF.join(
            content: content, styles: styles, meta: meta, settings: settings, mimetype: Self.mimetype)
        var expected = flat
        expected.children = flat.childElements.map(XMLNode.element)
        #expect(joined.name == expected.name)
        #expect(Set(joined.attributes) == Set(expected.attributes))
        #expect(joined.children == expected.children)
    }

    @Test func joinMergesAutomaticStyles() {
        let ns = [
            XMLAttribute("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
            XMLAttribute("xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
        ]
        func style(_ name: String, _ value: String) -> XMLNode {
            .element(
                XMLElement(
                    "style:style",
                    attributes: [
                        XMLAttribute("style:name", name), XMLAttribute("style:family", "paragraph"),
                        XMLAttribute("style:display-name", value),
                    ]))
        }
        let content = XMLElement(
            "office:document-content", attributes: ns,
            children: [
                .element(
                    XMLElement("office:automatic-styles", children: [style("A", "content"), style("C", "c")]))
            ])
        let styles = XMLElement(
            "office:document-styles", attributes: ns,
            children: [
                .element(
                    XMLElement("office:automatic-styles", children: [style("A", "styles"), style("B", "b")]))
            ])
        let joined = FlatODF.join(
            content: content, styles: styles, meta: nil, settings: nil, mimetype: Self.mimetype)
        #expect(joined.attribute("office:mimetype") == Self.mimetype)
        let automatic = joined.childElements.first { $0.name == "office:automatic-styles" }
        #expect(automatic?.children == [style("A", "content"), style("B", "b"), style("C", "c")])
    }

    @Test func splitRefusesOtherRoots() {
        let error = #expect(throws: ODFError.self) {
            try FlatODF.split(
                XMLElement(
                    "office:document-content",
                    attributes: [
                        XMLAttribute("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0")
                    ]))
        }
        #expect(error?.code == .invalidDocument)
    }

    @Test(.needs("check-odt"))
    func packagedFixturePassesCheckODT() throws {
        let directory = try TestEnvironment.temporaryDirectory("ducha-odf")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("通知单.odt")
        let parts = try Self.fixtureParts()
        try Data(
            try ODFPackageWriter.package(mimetype: Self.mimetype, parts: parts, modified: Self.modified)
        )
        .write(to: file)
        let result = try TestEnvironment.runCheckODT([file.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("OK (strict mode)"), "\(result.output)")
        #expect(!result.output.contains("WARN"), "\(result.output)")
    }
}
