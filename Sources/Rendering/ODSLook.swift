import ODF

/// The styles of a ``Spreadsheet/Look`` in an `.ods`: the namespaces its parts declare, the automatic styles
/// of `content.xml`, which style each kind of cell gets, and the whole `styles.xml`.
struct ODSLook {
    let look: Spreadsheet.Look

    /// The style of text-formatted columns.
    static let textStyle = "ceText"

    /// Every namespace the spreadsheet parts may declare.
    private static let uris = [
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
        "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
        "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
        "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
        "dc": "http://purl.org/dc/elements/1.1/",
        "of": "urn:oasis:names:tc:opendocument:xmlns:of:1.2",
    ]

    /// The root attributes of a part: the look's namespaces, those in `needed` it lacks, and `office:version`.
    func rootAttributes(needing needed: [String] = []) -> [XMLAttribute] {
        let common = ["office", "style", "text", "table", "number", "fo"]
        var prefixes = common + (look == .printed ? ["svg"] : ["meta", "dc", "of"])
        prefixes += needed.filter { !prefixes.contains($0) }
        return prefixes.map { XMLAttribute("xmlns:" + $0, Self.uris[$0] ?? "") } + [
            XMLAttribute("office:version", ODFPackageWriter.version)
        ]
    }

    /// An element. A printed table's attributes are sorted by name, as its writer always wrote them (so the
    /// tables already filed keep their bytes); an entry sheet's stay in the order given.
    func node(_ name: String, _ attributes: [(String, String)] = [], _ children: [XMLNode] = []) -> XMLNode {
        let sorted = look == .printed ? attributes.sorted { $0.0 < $1.0 } : attributes
        return .element(XMLElement(name, attributes: sorted.map { XMLAttribute($0.0, $0.1) }, children: children))
    }

    var tableStyle: String? { look == .printed ? "ta1" : nil }
    var rowStyle: String? { look == .printed ? "ro1" : nil }
    var headerStyle: String { look == .printed ? "ceHead" : "ceHeader" }
    var titleStyle: String? { look == .printed ? "ceTitle" : nil }
    var noteStyle: String? { look == .printed ? "ceNote" : nil }

    /// The style of a data cell.
    func style(of cell: Spreadsheet.Cell) -> String? {
        switch (look, cell) {
        case (_, .date): return "ceDate"
        case (_, .percentage): return "cePercent"
        case (.printed, .text): return Self.textStyle
        case (.printed, _): return "ceNumber"
        case (.entry, _): return nil
        }
    }

    /// The font faces the look names (before the styles of either part).
    var fontFaces: [XMLNode] {
        guard look == .printed else { return [] }
        return [
            node(
                "office:font-face-decls", [],
                [("仿宋_GB2312", "roman"), ("黑体", "swiss")].map { name, generic in
                    node(
                        "style:font-face",
                        [
                            ("style:name", name), ("svg:font-family", name), ("style:font-family-generic", generic),
                            ("style:font-pitch", "variable"),
                        ])
                })
        ]
    }

    /// The automatic styles of content.xml: the look's own, the column styles, and the data styles of
    /// dates or percentages when the look has none of its own for them.
    func automaticStyles(columns: [XMLNode], hasDates: Bool, hasPercentages: Bool) -> [XMLNode] {
        switch look {
        case .printed:
            var styles = [
                percentageStyle("N1"),
                node(
                    "style:style",
                    [("style:name", "ta1"), ("style:family", "table"), ("style:master-page-name", "Default")],
                    [node("style:table-properties", [("table:display", "true"), ("style:writing-mode", "lr-tb")])]),
                node(
                    "style:style", [("style:name", "ro1"), ("style:family", "table-row")],
                    [node("style:table-row-properties", [("style:use-optimal-row-height", "true")])]),
                printedCell("ceTitle", align: "center", font: "黑体", size: "16pt", border: false),
                printedCell("ceHead", align: "center", font: "黑体"),
                printedCell(Self.textStyle, align: "start"),
                printedCell("ceNumber", align: "center"),
                printedCell("cePercent", align: "center", data: "N1"),
                printedCell("ceNote", align: "start", border: false),
            ]
            if hasDates { styles += [dateStyle("N2"), printedCell("ceDate", align: "center", data: "N2")] }
            return styles + columns
        case .entry:
            var styles = [
                dateStyle("N1"), node("number:text-style", [("style:name", "N2")], [node("number:text-content")]),
            ]
            styles += columns
            styles.append(
                node(
                    "style:style", [("style:name", headerStyle), ("style:family", "table-cell")],
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
            styles.append(entryCell("ceDate", data: "N1"))
            styles.append(
                node(
                    "style:style",
                    [("style:name", Self.textStyle), ("style:family", "table-cell"), ("style:data-style-name", "N2")],
                    [
                        node(
                            "style:table-cell-properties",
                            [("fo:wrap-option", "wrap"), ("style:vertical-align", "top")])
                    ]))
            if hasPercentages { styles += [percentageStyle("N3"), entryCell("cePercent", data: "N3")] }
            return styles
        }
    }

    /// `yyyy-mm-dd`.
    private func dateStyle(_ name: String) -> XMLNode {
        let part = { (unit: String) in node("number:\(unit)", [("number:style", "long")]) }
        let dash = node("number:text", [], [.text("-")])
        return node(
            "number:date-style", [("style:name", name)], [part("year"), dash, part("month"), dash, part("day")])
    }

    /// `87.5%`.
    private func percentageStyle(_ name: String) -> XMLNode {
        node(
            "number:percentage-style", [("style:name", name)],
            [
                node(
                    "number:number",
                    [
                        ("number:decimal-places", "1"), ("number:min-decimal-places", "1"),
                        ("number:min-integer-digits", "1"),
                    ]),
                node("number:text", [], [.text("%")]),
            ])
    }

    private func entryCell(_ name: String, data: String) -> XMLNode {
        node("style:style", [("style:name", name), ("style:family", "table-cell"), ("style:data-style-name", data)])
    }

    private func printedCell(
        _ name: String, align: String, font: String? = nil, size: String? = nil, border: Bool = true,
        data: String? = nil
    ) -> XMLNode {
        var attributes = [("style:name", name), ("style:family", "table-cell"), ("style:parent-style-name", "Default")]
        if let data { attributes.append(("style:data-style-name", data)) }
        var cell = [("style:vertical-align", "middle"), ("fo:wrap-option", "wrap"), ("fo:padding", "0.8mm")]
        if border { cell.append(("fo:border", "0.5pt solid #000000")) }
        var text: [(String, String)] = []
        if let font { text += [("style:font-name", font), ("style:font-name-asian", font)] }
        if let size { text += [("fo:font-size", size), ("style:font-size-asian", size)] }
        var children = [
            node("style:table-cell-properties", cell), node("style:paragraph-properties", [("fo:text-align", align)]),
        ]
        if !text.isEmpty { children.append(node("style:text-properties", text)) }
        return node("style:style", attributes, children)
    }

    /// styles.xml: the default cell language (and, for a printed table, font), and a printed table's
    /// landscape A4 page with "— N —" page numbers.
    var stylesRoot: XMLElement {
        var language = [
            ("fo:language", "zh"), ("fo:country", "CN"), ("style:language-asian", "zh"), ("style:country-asian", "CN"),
        ]
        guard look == .printed else {
            let defaults = node(
                "style:default-style", [("style:family", "table-cell")], [node("style:text-properties", language)])
            return XMLElement(
                "office:document-styles", attributes: rootAttributes(),
                children: [node("office:styles", [], [defaults])])
        }
        let font = "仿宋_GB2312"
        language += [
            ("style:font-name", font), ("fo:font-size", "12pt"), ("style:font-name-asian", font),
            ("style:font-size-asian", "12pt"),
        ]
        let styles = node(
            "office:styles", [],
            [
                node(
                    "style:default-style", [("style:family", "table-cell")], [node("style:text-properties", language)]),
                node("style:style", [("style:name", "Default"), ("style:family", "table-cell")]),
            ])
        let page = [
            ("fo:page-width", "297mm"), ("fo:page-height", "210mm"), ("style:print-orientation", "landscape"),
            ("fo:margin-top", "20mm"), ("fo:margin-bottom", "15mm"), ("fo:margin-left", "25mm"),
            ("fo:margin-right", "25mm"), ("style:print-page-order", "ttb"), ("style:scale-to-X", "1"),
            ("style:table-centering", "horizontal"),
        ]
        let footer = node(
            "style:footer-style", [],
            [node("style:header-footer-properties", [("fo:min-height", "7mm"), ("fo:margin-top", "3mm")])])
        let layout = node(
            "office:automatic-styles", [],
            [
                node(
                    "style:page-layout", [("style:name", "pm1")],
                    [node("style:page-layout-properties", page), node("style:header-style"), footer])
            ])
        let number: [XMLNode] = [.text("— "), node("text:page-number", [], [.text("1")]), .text(" —")]
        let master = node(
            "office:master-styles", [],
            [
                node(
                    "style:master-page", [("style:name", "Default"), ("style:page-layout-name", "pm1")],
                    [
                        node("style:header", [("style:display", "false")]),
                        node("style:footer", [], [node("text:p", [], number)]),
                    ])
            ])
        return XMLElement(
            "office:document-styles", attributes: rootAttributes(), children: fontFaces + [styles, layout, master])
    }
}
