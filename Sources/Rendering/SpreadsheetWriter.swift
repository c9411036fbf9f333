public import ODF

/// A spreadsheet (.ods) whose cells carry their type: numbers are `office:value-type="float"` and rates
/// `"percentage"`, so a spreadsheet program sums and sorts them as numbers. Written in strict ODF 1.3, on a
/// landscape A4 page, with the government fonts named (仿宋_GB2312, 黑体); the same sheets give the same bytes.
public struct Spreadsheet: Sendable, Equatable {
    /// One cell.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Int)
        /// A fraction shown as a percentage with one decimal (0.875 → 87.5%).
        case percentage(Double)
        case empty
    }

    /// One table.
    public struct Sheet: Sendable, Equatable {
        public var name: String
        /// A title across the whole width above the table, if any.
        public var title: String?
        /// Column widths in millimetres.
        public var columnWidths: [Int]
        /// Rows shown as headings (bold, centred) before the data rows.
        public var header: [[String]]
        public var rows: [[Cell]]
        /// Lines of notes under the table.
        public var notes: [String]

        public init(
            name: String, title: String? = nil, columnWidths: [Int], header: [[String]], rows: [[Cell]],
            notes: [String] = []
        ) {
            self.name = name
            self.title = title
            self.columnWidths = columnWidths
            self.header = header
            self.rows = rows
            self.notes = notes
        }
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) { self.sheets = sheets }

    public static let mimetype = "application/vnd.oasis.opendocument.spreadsheet"

    /// The .ods package.
    public func package(meta: DocumentMeta) throws(ODFError) -> [UInt8] {
        try PublicationRenderer.package(mimetype: Self.mimetype, content: content(), styles: styles(), meta: meta)
    }

    static let namespaces: [XMLAttribute] = [
        XMLAttribute("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
        XMLAttribute("xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
        XMLAttribute("xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
        XMLAttribute("xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
        XMLAttribute("xmlns:number", "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"),
        XMLAttribute("xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
        XMLAttribute("xmlns:svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"),
        XMLAttribute("office:version", "1.3"),
    ]

    /// content.xml.
    public func content() -> [UInt8] {
        var automatic: [XMLNode] = [
            element(
                "number:percentage-style", ["style:name": "N1"],
                [
                    element(
                        "number:number",
                        [
                            "number:decimal-places": "1", "number:min-decimal-places": "1",
                            "number:min-integer-digits": "1",
                        ]),
                    element("number:text", [:], [.text("%")]),
                ]),
            element(
                "style:style", ["style:name": "ta1", "style:family": "table", "style:master-page-name": "Default"],
                [element("style:table-properties", ["table:display": "true", "style:writing-mode": "lr-tb"])]),
            element(
                "style:style", ["style:name": "ro1", "style:family": "table-row"],
                [element("style:table-row-properties", ["style:use-optimal-row-height": "true"])]),
            cellStyle("ceTitle", align: "center", font: "黑体", size: "16pt", border: false),
            cellStyle("ceHead", align: "center", font: "黑体"),
            cellStyle("ceText", align: "start"),
            cellStyle("ceNumber", align: "center"),
            cellStyle("cePercent", align: "center", data: "N1"),
            cellStyle("ceNote", align: "start", border: false),
        ]
        var widths = Set<Int>()
        for sheet in sheets { widths.formUnion(sheet.columnWidths) }
        for width in widths.sorted() {
            automatic.append(
                element(
                    "style:style", ["style:name": "co\(width)", "style:family": "table-column"],
                    [element("style:table-column-properties", ["style:column-width": "\(width)mm"])]))
        }
        let body = element("office:body", [:], [element("office:spreadsheet", [:], sheets.map(table))])
        let root = XMLElement(
            "office:document-content", attributes: Self.namespaces,
            children: [
                Self.fontFaces, element("office:automatic-styles", [:], automatic), body,
            ])
        return root.documentBytes()
    }

    /// styles.xml: the default cell font, and a landscape A4 page with "— N —" page numbers.
    public func styles() -> [UInt8] {
        let font = "仿宋_GB2312"
        let styles = element(
            "office:styles", [:],
            [
                element(
                    "style:default-style", ["style:family": "table-cell"],
                    [
                        element(
                            "style:text-properties",
                            [
                                "style:font-name": font, "fo:font-size": "12pt", "fo:language": "zh",
                                "fo:country": "CN", "style:font-name-asian": font, "style:font-size-asian": "12pt",
                                "style:language-asian": "zh", "style:country-asian": "CN",
                            ])
                    ]),
                element("style:style", ["style:name": "Default", "style:family": "table-cell"]),
            ])
        let layout = element(
            "office:automatic-styles", [:],
            [
                element(
                    "style:page-layout", ["style:name": "pm1"],
                    [
                        element(
                            "style:page-layout-properties",
                            [
                                "fo:page-width": "297mm", "fo:page-height": "210mm",
                                "style:print-orientation": "landscape", "fo:margin-top": "20mm",
                                "fo:margin-bottom": "15mm", "fo:margin-left": "25mm", "fo:margin-right": "25mm",
                                "style:print-page-order": "ttb", "style:scale-to-X": "1",
                                "style:table-centering": "horizontal",
                            ]),
                        element("style:header-style"),
                        element(
                            "style:footer-style", [:],
                            [
                                element(
                                    "style:header-footer-properties", ["fo:min-height": "7mm", "fo:margin-top": "3mm"])
                            ]),
                    ])
            ])
        let master = element(
            "office:master-styles", [:],
            [
                element(
                    "style:master-page", ["style:name": "Default", "style:page-layout-name": "pm1"],
                    [
                        element("style:header", ["style:display": "false"]),
                        element(
                            "style:footer", [:],
                            [
                                element(
                                    "text:p", [:],
                                    [
                                        .text("— "), element("text:page-number", [:], [.text("1")]), .text(" —"),
                                    ])
                            ]),
                    ])
            ])
        let root = XMLElement(
            "office:document-styles", attributes: Self.namespaces,
            children: [Self.fontFaces, styles, layout, master])
        return root.documentBytes()
    }

    private static var fontFaces: XMLNode {
        element(
            "office:font-face-decls", [:],
            [("仿宋_GB2312", "roman"), ("黑体", "swiss")].map { name, generic in
                element(
                    "style:font-face",
                    [
                        "style:name": name, "svg:font-family": name, "style:font-family-generic": generic,
                        "style:font-pitch": "variable",
                    ])
            })
    }

    private func table(_ sheet: Sheet) -> XMLNode {
        var children = sheet.columnWidths.map { element("table:table-column", ["table:style-name": "co\($0)"]) }
        let span = sheet.columnWidths.count
        func spanning(_ text: String, style: String) -> XMLNode {
            var cells = [
                element(
                    "table:table-cell",
                    [
                        "table:style-name": style, "table:number-columns-spanned": String(span),
                        "office:value-type": "string",
                    ], [element("text:p", [:], [.text(text)])])
            ]
            cells += Array(repeating: element("table:covered-table-cell"), count: span - 1)
            return element("table:table-row", ["table:style-name": "ro1"], cells)
        }
        if let title = sheet.title { children.append(spanning(title, style: "ceTitle")) }
        let header = sheet.header.map { line in
            element("table:table-row", ["table:style-name": "ro1"], line.map { cell(.text($0), style: "ceHead") })
        }
        if !header.isEmpty { children.append(element("table:table-header-rows", [:], header)) }
        for row in sheet.rows {
            children.append(element("table:table-row", ["table:style-name": "ro1"], row.map { cell($0) }))
        }
        for note in sheet.notes { children.append(spanning(note, style: "ceNote")) }
        return element("table:table", ["table:name": sheet.name, "table:style-name": "ta1"], children)
    }

    private func cell(_ cell: Cell, style: String? = nil) -> XMLNode {
        switch cell {
        case .text(let s):
            return element(
                "table:table-cell", ["table:style-name": style ?? "ceText", "office:value-type": "string"],
                [element("text:p", [:], [.text(s)])])
        case .number(let n):
            return element(
                "table:table-cell",
                ["table:style-name": style ?? "ceNumber", "office:value-type": "float", "office:value": String(n)],
                [element("text:p", [:], [.text(String(n))])])
        case .percentage(let fraction):
            return element(
                "table:table-cell",
                [
                    "table:style-name": style ?? "cePercent", "office:value-type": "percentage",
                    "office:value": String(fraction),
                ], [element("text:p", [:], [.text(Self.percent(fraction))])])
        case .empty:
            return element("table:table-cell", ["table:style-name": style ?? "ceNumber"])
        }
    }

    /// 0.875 → `87.5%` (rounded half up to one decimal).
    public static func percent(_ fraction: Double) -> String {
        let tenths = Int((fraction * 1000).rounded(.toNearestOrAwayFromZero))
        return "\(tenths / 10).\(tenths % 10)%"
    }

    private func cellStyle(
        _ name: String, align: String, font: String? = nil, size: String? = nil, border: Bool = true,
        data: String? = nil
    ) -> XMLNode {
        var attributes = ["style:name": name, "style:family": "table-cell", "style:parent-style-name": "Default"]
        if let data { attributes["style:data-style-name"] = data }
        var cellProperties = ["style:vertical-align": "middle", "fo:wrap-option": "wrap", "fo:padding": "0.8mm"]
        if border { cellProperties["fo:border"] = "0.5pt solid #000000" }
        var text: [String: String] = [:]
        if let font {
            text["style:font-name"] = font
            text["style:font-name-asian"] = font
        }
        if let size {
            text["fo:font-size"] = size
            text["style:font-size-asian"] = size
        }
        var children = [
            element("style:table-cell-properties", cellProperties),
            element("style:paragraph-properties", ["fo:text-align": align]),
        ]
        if !text.isEmpty { children.append(element("style:text-properties", text)) }
        return element("style:style", attributes, children)
    }
}

/// An element with attributes in a fixed order (sorted by name, so output never depends on hashing).
private func element(_ name: String, _ attributes: [String: String] = [:], _ children: [XMLNode] = []) -> XMLNode {
    .element(
        XMLElement(
            name, attributes: attributes.sorted { $0.key < $1.key }.map { XMLAttribute($0.key, $0.value) },
            children: children))
}
