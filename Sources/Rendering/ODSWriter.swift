public import ODF

/// Writes a ``Spreadsheet`` as an OpenDocument spreadsheet (`.ods`, strictly valid ODF 1.3): `content.xml`
/// with the sheets as tables (header rows in `table:table-header-rows`, title and notes spanning the width,
/// typed cells, a cell's lines as one `text:p` each, drop-down lists as `table:content-validation`s),
/// `styles.xml` of its ``Spreadsheet/Look`` and `meta.xml`. The bytes are reproducible.
public enum ODSWriter {
    /// The `.ods` package. With `meta` it is dated like any document (its meta names a matter only when
    /// `meta.matterID` is not empty, since a spreadsheet covers many); without, meta.xml holds only the
    /// spreadsheet's title and every zip time is 1980-01-01.
    public static func write(_ spreadsheet: Spreadsheet, meta: DocumentMeta? = nil) throws(ODFError) -> [UInt8] {
        let document = document(spreadsheet)
        if let meta { return try DocumentRenderer.package(document, meta: meta.namingNoEmptyMatter) }
        let parts = [
            ODFPart(path: "content.xml", data: document.content), ODFPart(path: "styles.xml", data: document.styles),
            ODFPart(path: "meta.xml", data: undatedMeta(spreadsheet)),
        ]
        return try ODFPackageWriter.package(mimetype: document.mimetype, parts: parts, modified: .dosEpoch)
    }

    /// The parts, for ``DocumentRenderer``.
    public static func document(_ spreadsheet: Spreadsheet) -> ODFDocument {
        ODFDocument(mimetype: Spreadsheet.mimetype, content: content(spreadsheet), styles: styles(spreadsheet))
    }

    /// content.xml.
    public static func content(_ spreadsheet: Spreadsheet) -> [UInt8] {
        let look = ODSLook(look: spreadsheet.look)
        var validations: [XMLNode] = []
        var validationNames: [[String]: String] = [:]
        for sheet in spreadsheet.sheets {
            for column in sheet.columns where !column.choices.isEmpty && validationNames[column.choices] == nil {
                let name = "val\(validationNames.count + 1)"
                validationNames[column.choices] = name
                let list = column.choices.map { "\"\($0)\"" }.joined(separator: ";")
                validations.append(
                    look.node(
                        "table:content-validation",
                        [
                            ("table:name", name), ("table:condition", "of:cell-content-is-in-list(\(list))"),
                            ("table:allow-empty-cell", "true"), ("table:display-list", "unsorted"),
                        ],
                        [look.node("table:error-message", [("table:display", "true"), ("table:message-type", "stop")])]
                    ))
            }
        }
        let columnStyles = columnStyleNames(spreadsheet)
        let tables = ODSTable(look: look, columnStyles: columnStyles, validationNames: validationNames)
        var body: [XMLNode] = []
        if !validations.isEmpty { body.append(look.node("table:content-validations", [], validations)) }
        body += spreadsheet.sheets.map(tables.table)
        let columns = columnStyles.sorted { order($0.key, $1.key) }.map { width, name in
            look.node(
                "style:style", [("style:name", name), ("style:family", "table-column")],
                [look.node("style:table-column-properties", [("style:column-width", width.odfLength)])])
        }
        let cells = spreadsheet.sheets.flatMap { $0.rows.joined() }
        let automatic = look.automaticStyles(
            columns: columns, hasDates: cells.contains { if case .date = $0 { true } else { false } },
            hasPercentages: cells.contains { if case .percentage = $0 { true } else { false } })
        return XMLElement(
            "office:document-content", attributes: look.rootAttributes(needing: validations.isEmpty ? [] : ["of"]),
            children: look.fontFaces + [
                look.node("office:automatic-styles", [], automatic),
                look.node("office:body", [], [look.node("office:spreadsheet", [], body)]),
            ]
        ).documentBytes()
    }

    /// styles.xml.
    public static func styles(_ spreadsheet: Spreadsheet) -> [UInt8] {
        ODSLook(look: spreadsheet.look).stylesRoot.documentBytes()
    }

    /// meta.xml of a spreadsheet without a ``DocumentMeta``: the generator, the title and the language.
    private static func undatedMeta(_ spreadsheet: Spreadsheet) -> [UInt8] {
        let look = ODSLook(look: spreadsheet.look)
        var children = [look.node("meta:generator", [], [.text(DocumentMeta.generator)])]
        if !spreadsheet.title.isEmpty { children.append(look.node("dc:title", [], [.text(spreadsheet.title)])) }
        children.append(look.node("dc:language", [], [.text("zh-CN")]))
        return XMLElement(
            "office:document-meta", attributes: look.rootAttributes(needing: ["meta", "dc"]),
            children: [look.node("office:meta", [], children)]
        ).documentBytes()
    }

    /// A style name per column width: `co` and the width's number, `co…ch` for a width in characters whose
    /// number a width in millimetres already has.
    private static func columnStyleNames(_ spreadsheet: Spreadsheet) -> [Spreadsheet.Width: String] {
        let widths = Set(spreadsheet.sheets.flatMap { $0.columns.map(\.width) })
        var names: [Spreadsheet.Width: String] = [:]
        for width in widths {
            switch width {
            case .millimetres(let n): names[width] = "co\(n)"
            case .characters(let n): names[width] = widths.contains(.millimetres(n)) ? "co\(n)ch" : "co\(n)"
            }
        }
        return names
    }

    /// Widths by number, millimetres before characters.
    private static func order(_ a: Spreadsheet.Width, _ b: Spreadsheet.Width) -> Bool {
        func key(_ width: Spreadsheet.Width) -> (Int, Int) {
            switch width {
            case .millimetres(let n): return (n, 0)
            case .characters(let n): return (n, 1)
            }
        }
        return key(a) < key(b)
    }
}
