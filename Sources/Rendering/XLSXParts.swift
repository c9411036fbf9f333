import ODF

/// The strings of a workbook (`xl/sharedStrings.xml`), each once, in order of first use.
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
                    children: [.text(Self.escaped(string))])
                return .element(XMLElement("si", children: [.element(t)]))
            })
    }

    /// Protects text that a reader would take for an `_xHHHH_` escape of ECMA-376 (Part 1, §22.9.2.19):
    /// `_xHHHH_` becomes `_x005F_xHHHH_`.
    static func escaped(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
                scalars[(index + 2)..<(index + 6)].allSatisfy({ $0.properties.isASCIIHexDigit })
            {
                out.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

/// The `xl/styles.xml` of written workbooks; its `cellXfs` are ``XLSXWorksheet/Style``: 0 general, 1 header
/// (bold, shaded, wrapped), 2 date (`yyyy-mm-dd`, custom format 176 as Chinese Excel numbers them), 3 text
/// (`@`, wrapped, top-aligned), and, in a workbook with percentages, 4 percentage (`0.0%`, format 177).
enum XLSXStyleSheet {
    static func bytes(percentages: Bool) -> [UInt8] {
        let formats =
            percentages
            ? #"<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="177" formatCode="0.0%"/></numFmts>"#
            : #"<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy\-mm\-dd"/></numFmts>"#
        let percentage =
            percentages
            ? #"<xf numFmtId="177" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"# : ""
        return Array(
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            \(formats)\
            <fonts count="2">\
            <font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>\
            <font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>\
            </fonts>\
            <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
            <fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="\(percentages ? 5 : 4)">\
            <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
            <xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1">\
            <alignment vertical="center" wrapText="1"/></xf>\
            <xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
            <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">\
            <alignment vertical="top" wrapText="1"/></xf>\
            \(percentage)\
            </cellXfs>\
            <cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>\
            </styleSheet>
            """.utf8)
    }
}

/// The `docProps/core.xml` and `docProps/app.xml` of written workbooks, as Excel writes them (without
/// dates, so that the file is reproducible).
enum XLSXDocumentProperties {
    static let corePath = "docProps/core.xml"
    static let appPath = "docProps/app.xml"
    static let coreType = "application/vnd.openxmlformats-package.core-properties+xml"
    static let appType = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
    static let coreRelationship =
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

    /// core.xml: the title (if any) and the creator.
    static func core(title: String) -> [UInt8] {
        var children: [XMLNode] = []
        if !title.isEmpty { children.append(.element(XMLElement("dc:title", children: [.text(title)]))) }
        children.append(.element(XMLElement("dc:creator", children: [.text("Ducha")])))
        return XLSXWriter.document(
            XMLElement(
                "cp:coreProperties",
                attributes: [
                    XMLAttribute("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
                    XMLAttribute("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
                ], children: children))
    }

    static let app: [UInt8] = Array(
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
        <Application>Ducha</Application></Properties>
        """.utf8)
}
