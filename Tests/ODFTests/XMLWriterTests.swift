import ODF
import Testing

@Suite("XMLWriter")
struct XMLWriterTests {
    func text(_ s: String) -> String {
        var out: [UInt8] = []
        XMLWriter.appendEscapedText(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func attribute(_ s: String) -> String {
        var out: [UInt8] = []
        XMLWriter.appendEscapedAttribute(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func escapesText() {
        #expect(text("a&b<c>d]]>e\"f'g 中文") == "a&amp;b&lt;c&gt;d]]&gt;e\"f'g 中文")
        #expect(text("tab\tnl\ncr\r") == "tab\tnl\ncr&#13;")
        #expect(text("") == "")
        #expect(text("&") == "&amp;")
    }

    @Test func escapesAttributes() {
        #expect(attribute("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e'f")
        #expect(attribute("\t\n\r") == "&#9;&#10;&#13;")
    }

    @Test func replacesCharactersXMLForbids() {
        #expect(
            text("a\u{07}b\u{0}c\u{FFFE}d\u{FFFF}e\u{FFFD}")
                == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}")
    }

    @Test func writesTags() {
        let element = XMLElement("text:p", attributes: [XMLAttribute("text:style-name", "P\"1")])
        var out: [UInt8] = []
        XMLWriter.serialize(element, into: &out)
        XMLWriter.openTag(element, into: &out)
        XMLWriter.closeTag("text:p", into: &out)
        var full = element
        full.children = [.text("正文"), .element(XMLElement("text:line-break"))]
        XMLWriter.serialize(full, into: &out)
        #expect(
            String(decoding: out, as: UTF8.self)
                == "<text:p text:style-name=\"P&quot;1\"/><text:p text:style-name=\"P&quot;1\"></text:p>"
                + "<text:p text:style-name=\"P&quot;1\">正文<text:line-break/></text:p>")
    }

    @Test func elementHelpers() {
        var element = XMLElement("a", attributes: [XMLAttribute("x", "1")])
        element.setAttribute("x", "2")
        element.setAttribute("y", "3")
        element.children = [.text("一"), .element(XMLElement("b", children: [.text("二")])), .text("三")]
        #expect(element.attributes == [XMLAttribute("x", "2"), XMLAttribute("y", "3")])
        #expect(element.attribute("z") == nil)
        #expect(element.textContent == "一二三")
        #expect(element.childElements.map(\.name) == ["b"])
    }
}
