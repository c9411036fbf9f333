public import ODF

/// Writes a ``LedgerWorkbook`` as an OpenDocument spreadsheet (`.ods`, ODF 1.3, strictly valid):
/// `content.xml` with a `yyyy-mm-dd` date style, a bold header row (`table:table-header-rows`),
/// text-formatted columns for text and ids, drop-down lists (`table:content-validation`) for
/// choices, multi-line cells as one `text:p` per line; `styles.xml` and `meta.xml` beside it. The
/// bytes are reproducible.
public enum ODSWriter {
    static let mimetype = "application/vnd.oasis.opendocument.spreadsheet"
    static let namespaces: [XMLAttribute] = [
        XMLAttribute("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
        XMLAttribute("xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
        XMLAttribute("xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
        XMLAttribute("xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
        XMLAttribute("xmlns:number", "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"),
        XMLAttribute("xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
        XMLAttribute("xmlns:meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"),
        XMLAttribute("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        XMLAttribute("xmlns:of", "urn:oasis:names:tc:opendocument:xmlns:of:1.2"),
    ]

    /// The `.ods` bytes of `workbook`.
    public static func write(_ workbook: LedgerWorkbook) throws(ODFError) -> [UInt8] {
        let parts = [
            ODFPart(path: "content.xml", data: content(workbook).documentBytes()),
            ODFPart(path: "styles.xml", data: styles.documentBytes()),
            ODFPart(path: "meta.xml", data: meta.documentBytes()),
        ]
        return try ODFPackageWriter.package(mimetype: mimetype, parts: parts, modified: .dosEpoch)
    }

    private static func content(_ workbook: LedgerWorkbook) -> XMLElement {
        var validations: [XMLNode] = []
        var validationNames: [[String]: String] = [:]
        for sheet in workbook.sheets {
            for column in sheet.columns where !column.choices.isEmpty && validationNames[column.choices] == nil {
                let name = "val\(validationNames.count + 1)"
                validationNames[column.choices] = name
                let list = column.choices.map { "\"\($0)\"" }.joined(separator: ";")
                validations.append(
                    node(
                        "table:content-validation",
                        [
                            ("table:name", name), ("table:condition", "of:cell-content-is-in-list(\(list))"),
                            ("table:allow-empty-cell", "true"), ("table:display-list", "unsorted"),
                        ], [node("table:error-message", [("table:display", "true"), ("table:message-type", "stop")])]))
            }
        }
        var body: [XMLNode] = []
        if !validations.isEmpty { body.append(node("table:content-validations", [], validations)) }
        body += workbook.sheets.map { ODSTable.element($0, validationNames: validationNames) }
        let widths = Set(workbook.sheets.flatMap { $0.columns.map(\.width) }).sorted()
        return XMLElement(
            "office:document-content",
            attributes: namespaces + [XMLAttribute("office:version", ODFPackageWriter.version)],
            children: [
                node("office:automatic-styles", [], automaticStyles(widths: widths)),
                node("office:body", [], [node("office:spreadsheet", [], body)]),
            ])
    }

    private static func automaticStyles(widths: [Int]) -> [XMLNode] {
        let part = { (name: String) in node("number:\(name)", [("number:style", "long")]) }
        let dash = node("number:text", [], [.text("-")])
        var styles: [XMLNode] = [
            node("number:date-style", [("style:name", "N1")], [part("year"), dash, part("month"), dash, part("day")]),
            node("number:text-style", [("style:name", "N2")], [node("number:text-content")]),
        ]
        for width in widths {
            styles.append(
                node(
                    "style:style", [("style:name", "co\(width)"), ("style:family", "table-column")],
                    [
                        node("style:table-column-properties", [("style:column-width", "\(width * 4 + 2)mm")])
                    ]))
        }
        styles.append(
            node(
                "style:style", [("style:name", ODSTable.headerStyle), ("style:family", "table-cell")],
                [
                    node(
                        "style:table-cell-properties",
                        [
                            ("fo:background-color", "#ddebf7"), ("fo:wrap-option", "wrap"),
                            ("style:vertical-align", "middle"),
                        ]),
                    node(
                        "style:text-properties",
                        [
                            ("fo:font-weight", "bold"), ("style:font-weight-asian", "bold"),
                            ("style:font-weight-complex", "bold"),
                        ]),
                ]))
        styles.append(
            node(
                "style:style",
                [
                    ("style:name", ODSTable.dateStyle), ("style:family", "table-cell"), ("style:data-style-name", "N1"),
                ]))
        styles.append(
            node(
                "style:style",
                [
                    ("style:name", ODSTable.textStyle), ("style:family", "table-cell"), ("style:data-style-name", "N2"),
                ], [node("style:table-cell-properties", [("fo:wrap-option", "wrap"), ("style:vertical-align", "top")])])
        )
        return styles
    }

    private static var styles: XMLElement {
        XMLElement(
            "office:document-styles",
            attributes: namespaces + [XMLAttribute("office:version", ODFPackageWriter.version)],
            children: [
                node(
                    "office:styles", [],
                    [
                        node(
                            "style:default-style", [("style:family", "table-cell")],
                            [
                                node(
                                    "style:text-properties",
                                    [
                                        ("fo:language", "zh"), ("fo:country", "CN"), ("style:language-asian", "zh"),
                                        ("style:country-asian", "CN"),
                                    ])
                            ])
                    ])
            ])
    }

    private static var meta: XMLElement {
        XMLElement(
            "office:document-meta", attributes: namespaces + [XMLAttribute("office:version", ODFPackageWriter.version)],
            children: [
                node(
                    "office:meta", [],
                    [
                        node("meta:generator", [], [.text("Ducha/1.0")]), node("dc:title", [], [.text("督查事项台账")]),
                        node("dc:language", [], [.text("zh-CN")]),
                    ])
            ])
    }

    static func node(_ name: String, _ attributes: [(String, String)] = [], _ children: [XMLNode] = []) -> XMLNode {
        .element(XMLElement(name, attributes: attributes.map { XMLAttribute($0.0, $0.1) }, children: children))
    }
}
