import ODF

/// The text a word processor would lay out from an OpenDocument file (.odt package or flat .fodt): every
/// character of its content and styles (headers, footers), for checking the fonts that must show them.
public enum DocumentCharacters {
    public static func text(of bytes: [UInt8], source: String) throws(ODFError) -> String {
        var parts: [[UInt8]] = []
        if bytes.starts(with: [0x50, 0x4B]) {
            let package = try ODFPackageReader(bytes: bytes, source: source)
            parts = ["content.xml", "styles.xml"].compactMap { package.part($0)?.data }
        } else {
            parts = [bytes]
        }
        var text = ""
        for part in parts {
            let root = try XMLDocumentParser.parse(part, source: source)
            text += body(of: root)
        }
        return text
    }

    /// The text of the document's body and master pages; style definitions and metadata carry no shown text.
    private static func body(of element: XMLElement) -> String {
        if element.name.hasSuffix(":body") || element.name.hasSuffix(":master-styles") { return element.textContent }
        return element.childElements.map(body(of:)).joined()
    }
}
