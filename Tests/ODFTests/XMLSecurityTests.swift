import ODF
import Testing

@Suite("Untrusted XML: DOCTYPE and entities are refused")
struct XMLSecurityTests {
    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
         <!ENTITY lol "lol">
         <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
         <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
         <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
         <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
         <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
         <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
         <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
         <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <lolz>&lol9;</lolz>
        """

    static let externalEntity = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- looks harmless -->
        <!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <foo>&xxe;</foo>
        """

    @Test func billionLaughsIsRefused() throws {
        let error = #expect(throws: ODFError.self) {
            try XMLDocumentParser.parse(Array(Self.billionLaughs.utf8), source: "炸弹.xml")
        }
        let found = try #require(error)
        #expect(found.code == .forbiddenDTD)
        #expect(found.line == 2)
        #expect(found.description.hasPrefix("炸弹.xml:2: "))
    }

    @Test func externalEntityIsRefused() throws {
        let error = #expect(throws: ODFError.self) {
            try XMLDocumentParser.parse(Array(Self.externalEntity.utf8), source: "xxe.xml")
        }
        let found = try #require(error)
        #expect(found.code == .forbiddenDTD)
        #expect(found.line == 3)
        #expect(!found.description.contains("root:"))
    }

    /// A UTF-16 document is not recognised by the prolog scan; libxml2's DOCTYPE node is.
    @Test func doctypeInUTF16IsRefusedByTheReader() throws {
        let xml =
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<a>&e;</a>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in xml.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let error = #expect(throws: ODFError.self) {
            try XMLDocumentParser.parse(bytes, source: "utf16.xml")
        }
        #expect(error?.code == .forbiddenDTD)
    }

    @Test func doctypeWithoutSubsetIsRefused() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE html><html/>"
        let error = #expect(throws: ODFError.self) {
            try XMLDocumentParser.parse(Array(xml.utf8), source: "x")
        }
        #expect(error?.code == .forbiddenDTD)
    }

    @Test func doctypeTextInContentIsFine() throws {
        let xml = "<a><!-- <!DOCTYPE x> --><![CDATA[<!DOCTYPE y>]]></a>"
        let root = try XMLDocumentParser.parse(Array(xml.utf8), source: "x")
        #expect(root.textContent == "<!DOCTYPE y>")
    }

    @Test func undefinedEntityIsASyntaxError() {
        let error = #expect(throws: ODFError.self) {
            try XMLDocumentParser.parse(Array("<a>&xxe;</a>".utf8), source: "x")
        }
        #expect(error?.code == .xmlSyntax)
        #expect(error?.message.contains("xxe") == true)
    }
}
