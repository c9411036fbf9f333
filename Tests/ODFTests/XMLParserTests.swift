import ODF
import Testing

@Suite("XML parsing and serialization")
struct XMLParserTests {
    static let tricky = "督查室 & <通知> \"引号\" '单引号' ]]> 结束"

    static let sample = XMLElement(
        "office:document-content",
        attributes: [
            XMLAttribute("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
            XMLAttribute("xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
            XMLAttribute("office:version", "1.3"),
        ],
        children: [
            .element(
                XMLElement(
                    "text:p",
                    attributes: [XMLAttribute("text:style-name", tricky + "\t制表\n换行\r回车")],
                    children: [
                        .text(tricky),
                        .element(XMLElement("text:span", children: [.text("{{事项名称}}")])),
                        .element(XMLElement("text:s", attributes: [XMLAttribute("text:c", "3")])),
                        .text("尾\r\n部 \t"),
                    ])),
            .element(XMLElement("text:p")),
            .text("\n"),
        ])

    @Test func roundTripWithChineseAndSpecialCharacters() throws {
        var bytes = XMLWriter.declaration
        XMLWriter.serialize(Self.sample, into: &bytes)
        let parsed = try XMLDocumentParser.parse(bytes, source: "样例.xml")
        #expect(parsed == Self.sample)
        #expect(
            parsed.childElements.first?.attribute("text:style-name") == Self.tricky + "\t制表\n换行\r回车")
    }

    @Test func documentBytesStartWithTheDeclaration() throws {
        let bytes = Self.sample.documentBytes()
        #expect(bytes.starts(with: Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)))
        #expect(try XMLDocumentParser.parse(bytes, source: "x") == Self.sample)
    }

    @Test func textCDATAAndWhitespaceMergeAndCommentsAreDropped() throws {
        let xml =
            "<?xml version=\"1.0\"?><!-- c --><?pi x?><a> <b/> x<![CDATA[<y>&]]>z<!-- c --><?pi d?>w\n</a>"
        let root = try XMLDocumentParser.parse(Array(xml.utf8), source: "x")
        #expect(
            root
                == XMLElement("a", children: [.text(" "), .element(XMLElement("b")), .text(" x<y>&zw\n")]))
    }

    @Test func referencesAreDecoded() throws {
        let xml = "<a t=\"&#x4E2D;&amp;&lt;&#10;\">&#25991;&quot;&apos;&gt;</a>"
        let root = try XMLDocumentParser.parse(Array(xml.utf8), source: "x")
        #expect(root.attribute("t") == "中&<\n")
        #expect(root.textContent == "文\"'>")
    }

    @Test func namespaceDeclarationsAreAttributes() throws {
        let xml = "<r:a xmlns:r=\"urn:r\" xmlns=\"urn:d\" r:x=\"1\" y=\"2\"><b/></r:a>"
        let root = try XMLDocumentParser.parse(Array(xml.utf8), source: "x")
        #expect(root.name == "r:a")
        #expect(root.attributes.map(\.name) == ["xmlns:r", "xmlns", "r:x", "y"])
        #expect(root.declaredPrefix(for: "urn:r") == "r")
        #expect(root.declaredPrefix(for: "urn:d") == "")
    }

    @Test func malformedXMLNamesSourceAndLine() throws {
        let xml = "<?xml version=\"1.0\"?>\n<a>\n<b>\n</a>\n"
        let error = #expect(throws: ODFError.self) {
            try XMLDocumentParser.parse(Array(xml.utf8), source: "模板.fodt")
        }
        let found = try #require(error)
        #expect(found.code == .xmlSyntax)
        #expect(found.source == "模板.fodt")
        #expect(found.line == 4)
        #expect(found.message.contains("mismatch"))
        #expect(found.description.hasPrefix("模板.fodt:4: XML 格式错误："))
    }

    @Test(arguments: [
        "", "   ", "<a>", "<a></b>", "<a/><b/>", "<a x='1' x='2'/>", "<p:a/>", "<a>&nope;</a>",
    ])
    func malformedDocumentsAreRefused(_ xml: String) {
        #expect(throws: ODFError.self) { try XMLDocumentParser.parse(Array(xml.utf8), source: "x") }
    }

    @Test func depthLimit() throws {
        let xml = String(repeating: "<a>", count: 20) + String(repeating: "</a>", count: 20)
        let limits = XMLLimits(maxDepth: 10)
        let error = #expect(throws: ODFError.self) {
            try XMLDocumentParser.parse(Array(xml.utf8), source: "深.xml", limits: limits)
        }
        #expect(error?.code == .limitExceeded)
        _ = try XMLDocumentParser.parse(
            Array(xml.utf8), source: "深.xml", limits: XMLLimits(maxDepth: 20))
    }

    @Test func sizeLimit() {
        let error = #expect(throws: ODFError.self) {
            try XMLDocumentParser.parse(
                Array("<a>0123456789</a>".utf8), source: "大.xml", limits: XMLLimits(maxBytes: 10))
        }
        #expect(error?.code == .limitExceeded)
        #expect(error?.source == "大.xml")
    }
}
