import Filling
import Matters
import ODF

/// Builds a content part with the given body paragraphs/tables (namespaces declared), parses it.
func contentPart(_ body: String) throws -> XMLElement {
    let xml = """
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">\
        <office:body><office:text>\(body)</office:text></office:body></office:document-content>
        """
    return try XMLDocumentParser.parse(Array(xml.utf8), source: "test")
}

/// Compiles `body` and fills it with `data`; returns the filled XML re-parsed, and the report.
func fill(_ body: String, _ data: TemplateValue, schema: [FieldSpec]? = nil) throws -> (XMLElement, FillReport) {
    let part = try CompiledPart.compile(try contentPart(body), part: "content.xml", template: "test", schema: schema)
    var out: [UInt8] = []
    let report = part.fill(data, into: &out)
    return (try XMLDocumentParser.parse(out, source: "filled"), report)
}

/// The problems `template check` would report for `body`.
func problems(_ body: String, schema: [FieldSpec]? = nil) throws -> [TemplateProblem] {
    CompiledPart.analyse(try contentPart(body), part: "content.xml", schema: schema).1
}

/// All elements named `name`, in document order.
func elements(_ name: String, in element: XMLElement) -> [XMLElement] {
    var found: [XMLElement] = []
    for case .element(let child) in element.children {
        if child.name == name { found.append(child) }
        found += elements(name, in: child)
    }
    return found
}

/// A paragraph's text the way a reader sees it: `text:s` as spaces, `text:tab` as tab, `text:line-break` as
/// newline, and ODF's white-space collapsing applied to literal text (ODF 1.3 part 3, 6.1.2): runs collapse
/// to one space, and collapsed spaces at the start and end of the paragraph vanish.
func visibleText(_ paragraph: XMLElement) -> String {
    var out = ""
    var lastWasSpace = true
    var endsInCollapsedSpace = false
    func walk(_ e: XMLElement) {
        for child in e.children {
            switch child {
            case .text(let t):
                for ch in t {
                    if ch == " " || ch == "\n" || ch == "\t" || ch == "\r" {
                        if !lastWasSpace {
                            out.append(" ")
                            endsInCollapsedSpace = true
                        }
                        lastWasSpace = true
                    } else {
                        out.append(ch)
                        lastWasSpace = false
                        endsInCollapsedSpace = false
                    }
                }
            case .element(let c):
                endsInCollapsedSpace = false
                switch c.name {
                case "text:s":
                    out += String(repeating: " ", count: Int(c.attribute("text:c") ?? "1") ?? 1)
                    lastWasSpace = false
                case "text:tab":
                    out += "\t"
                    lastWasSpace = true
                case "text:line-break":
                    out += "\n"
                    lastWasSpace = true
                default: walk(c)
                }
            }
        }
    }
    walk(paragraph)
    if endsInCollapsedSpace { out.removeLast() }
    return out
}

/// The texts of all paragraphs.
func paragraphTexts(_ root: XMLElement) -> [String] {
    elements("text:p", in: root).map(visibleText)
}
