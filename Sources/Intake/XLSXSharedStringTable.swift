import ODF

/// The strings of a workbook, each once, in order of first use.
struct SharedStringTable {
    private(set) var strings: [String] = []
    private var positions: [String: Int] = [:]
    private var uses = 0

    mutating func index(of string: String) -> Int {
        uses += 1
        if let position = positions[string] { return position }
        positions[string] = strings.count
        strings.append(string)
        return strings.count - 1
    }

    var element: XMLElement {
        XMLElement(
            "sst",
            attributes: [
                XMLAttribute("xmlns", XLSXWriter.main), XMLAttribute("count", String(uses)),
                XMLAttribute("uniqueCount", String(strings.count)),
            ],
            children: strings.map { string in
                let needsPreserve =
                    string.first?.isWhitespace == true || string.last?.isWhitespace == true || string.contains("\n")
                let t = XMLElement(
                    "t", attributes: needsPreserve ? [XMLAttribute("xml:space", "preserve")] : [],
                    children: [.text(XLSXText.encode(string))])
                return .element(XMLElement("si", children: [.element(t)]))
            })
    }
}
