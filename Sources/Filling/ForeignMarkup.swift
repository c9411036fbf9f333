import ODF

/// Removes markup in namespaces that ODF does not define (LibreOffice's `loext:`, `officeooo:`, …), the
/// way the ODF Toolkit validator filters them, so that a template LibreOffice saved in its default
/// "1.3 Extended" mode still gives strictly valid documents.
enum ForeignMarkup {
    static let odfNamespaces: Set<String> = [
        "urn:oasis:names:tc:opendocument:xmlns:animation:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:chart:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:database:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:dr3d:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:form:1.0",
        "http://www.w3.org/2003/g/data-view#",
        "http://www.w3.org/1998/Math/MathML",
        "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:script:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:smil-compatible:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "http://www.w3.org/2002/xforms",
        "http://www.w3.org/1999/xhtml",
        "http://www.w3.org/1999/xlink",
        "http://purl.org/dc/elements/1.1/",
        "http://www.w3.org/XML/1998/namespace",
    ]

    /// The root with foreign elements and attributes removed. Prefixes are resolved from the namespace
    /// declarations on the root (where ODF producers put them) and on each element.
    static func strip(_ root: XMLElement) -> XMLElement {
        strip(root, foreign: [:])
    }

    private static func strip(_ element: XMLElement, foreign inherited: [String: Bool]) -> XMLElement {
        var foreign = inherited
        for attribute in element.attributes where attribute.name.hasPrefix("xmlns:") {
            foreign[String(attribute.name.dropFirst(6))] = !odfNamespaces.contains(attribute.value)
        }
        func isForeign(_ name: String) -> Bool {
            guard let colon = name.firstIndex(of: ":") else { return false }
            let prefix = String(name[..<colon])
            if prefix == "xmlns" || prefix == "xml" { return false }
            return foreign[prefix] ?? false
        }
        var copy = element
        copy.attributes = element.attributes.filter { !isForeign($0.name) }
        copy.children = []
        copy.children.reserveCapacity(element.children.count)
        for child in element.children {
            switch child {
            case .text: copy.children.append(child)
            case .element(let e):
                if !isForeign(e.name) { copy.children.append(.element(strip(e, foreign: foreign))) }
            }
        }
        return copy
    }
}
