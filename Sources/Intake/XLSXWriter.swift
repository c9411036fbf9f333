public import ODF

/// Writes a ``LedgerWorkbook`` as an XLSX file the way Excel writes one: `[Content_Types].xml`,
/// package and workbook relationships, `docProps/app.xml` and `docProps/core.xml`,
/// `xl/workbook.xml`, one `xl/worksheets/sheetN.xml` per sheet, every text in
/// `xl/sharedStrings.xml`, and `xl/styles.xml` with a `yyyy-mm-dd` date format (dates are stored
/// as Excel serial days with that style), a bold header, text-formatted columns for text and ids,
/// and drop-down lists (`dataValidation`) for choices. The header row is frozen. The bytes are
/// reproducible: the same workbook gives the same file.
public enum XLSXWriter {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    /// The rows a drop-down list covers below the header.
    static let validatedRows = 1000

    /// Cell style indexes in `styles.xml`.
    enum Style: Int {
        case general = 0
        case header
        case date
        case text
    }

    /// The XLSX bytes of `workbook`.
    public static func write(_ workbook: LedgerWorkbook) throws(ODFError) -> [UInt8] {
        var strings = SharedStringTable()
        var entries: [ZipEntry] = []
        var sheetParts: [(name: String, path: String)] = []
        for (index, sheet) in workbook.sheets.enumerated() {
            let path = "xl/worksheets/sheet\(index + 1).xml"
            sheetParts.append((sheet.name, path))
            entries.append(ZipEntry(name: path, data: worksheet(sheet, selected: index == 0, strings: &strings)))
        }
        let sheetCount = sheetParts.count
        var types: [XMLNode] = [
            element(
                "Default",
                ["Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"]),
            element("Default", ["Extension": "xml", "ContentType": "application/xml"]),
            element("Override", ["PartName": "/xl/workbook.xml", "ContentType": spreadsheetML("sheet.main")]),
        ]
        for part in sheetParts {
            types.append(element("Override", ["PartName": "/" + part.path, "ContentType": spreadsheetML("worksheet")]))
        }
        types.append(element("Override", ["PartName": "/xl/styles.xml", "ContentType": spreadsheetML("styles")]))
        types.append(
            element("Override", ["PartName": "/xl/sharedStrings.xml", "ContentType": spreadsheetML("sharedStrings")]))
        types.append(
            element(
                "Override",
                ["PartName": "/" + XLSXDocumentProperties.corePath, "ContentType": XLSXDocumentProperties.coreType]))
        types.append(
            element(
                "Override",
                ["PartName": "/" + XLSXDocumentProperties.appPath, "ContentType": XLSXDocumentProperties.appType]))

        var workbookRelations = sheetParts.indices.map {
            relation("rId\($0 + 1)", "worksheet", "worksheets/sheet\($0 + 1).xml")
        }
        workbookRelations.append(relation("rId\(sheetCount + 1)", "styles", "styles.xml"))
        workbookRelations.append(relation("rId\(sheetCount + 2)", "sharedStrings", "sharedStrings.xml"))

        let sheetsElement = XMLElement(
            "sheets",
            children: sheetParts.enumerated().map { index, part in
                element("sheet", ["name": part.name, "sheetId": String(index + 1), "r:id": "rId\(index + 1)"])
            })
        let workbookElement = XMLElement(
            "workbook", attributes: [XMLAttribute("xmlns", main), XMLAttribute("xmlns:r", relationships)],
            children: [
                element("workbookPr", [:]),
                .element(XMLElement("bookViews", children: [element("workbookView", ["activeTab": "0"])])),
                .element(sheetsElement),
            ])
        let parts: [ZipEntry] = [
            ZipEntry(
                name: "[Content_Types].xml",
                data: document(
                    XMLElement(
                        "Types",
                        attributes: [
                            XMLAttribute("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")
                        ],
                        children: types))),
            ZipEntry(
                name: "_rels/.rels",
                data: document(
                    relationshipsElement([
                        element(
                            "Relationship",
                            [
                                "Id": "rId3", "Type": relationships + "/extended-properties",
                                "Target": XLSXDocumentProperties.appPath,
                            ]),
                        element(
                            "Relationship",
                            [
                                "Id": "rId2", "Type": XLSXDocumentProperties.coreRelationship,
                                "Target": XLSXDocumentProperties.corePath,
                            ]),
                        relation("rId1", "officeDocument", "xl/workbook.xml"),
                    ]))),
            ZipEntry(name: XLSXDocumentProperties.appPath, data: XLSXDocumentProperties.app),
            ZipEntry(name: XLSXDocumentProperties.corePath, data: XLSXDocumentProperties.core),
            ZipEntry(name: "xl/workbook.xml", data: document(workbookElement)),
            ZipEntry(name: "xl/_rels/workbook.xml.rels", data: document(relationshipsElement(workbookRelations))),
        ]
        let tail = [
            ZipEntry(name: "xl/styles.xml", data: XLSXStyleSheet.bytes),
            ZipEntry(name: "xl/sharedStrings.xml", data: document(strings.element)),
        ]
        return try ZipWriter.archive(parts + entries + tail, modified: .dosEpoch)
    }

    private static func worksheet(_ sheet: LedgerWorkbook.Sheet, selected: Bool, strings: inout SharedStringTable)
        -> [UInt8]
    {
        let view = XMLElement(
            "sheetView",
            attributes: (selected ? [XMLAttribute("tabSelected", "1")] : []) + [XMLAttribute("workbookViewId", "0")],
            children: [
                element("pane", ["ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft", "state": "frozen"]),
                element("selection", ["pane": "bottomLeft", "activeCell": "A2", "sqref": "A2"]),
            ])
        let columns = XMLElement(
            "cols",
            children: sheet.columns.enumerated().map { index, column in
                let style: Style = column.isText ? .text : .general
                return element(
                    "col",
                    [
                        "min": String(index + 1), "max": String(index + 1), "width": String(column.width * 2 + 1),
                        "style": String(style.rawValue), "customWidth": "1",
                    ])
            })
        var rows: [XMLNode] = []
        let header = sheet.columns.map { CellValue.text($0.header) }
        for (index, values) in ([header] + sheet.rows).enumerated() {
            var cells: [XMLNode] = []
            for (column, value) in values.enumerated() where value != .empty {
                let reference = CellReference(row: index + 1, column: column + 1).description
                cells.append(.element(cell(value, reference: reference, header: index == 0, strings: &strings)))
            }
            rows.append(
                .element(XMLElement("row", attributes: [XMLAttribute("r", String(index + 1))], children: cells)))
        }
        var children: [XMLNode] = [
            .element(XMLElement("sheetViews", children: [.element(view)])),
            element("sheetFormatPr", ["defaultRowHeight": "13.5"]),
            .element(columns),
            .element(XMLElement("sheetData", children: rows)),
        ]
        let validations = sheet.columns.enumerated().filter { !$0.element.choices.isEmpty }.map { index, column in
            let letters = CellReference.columnName(index + 1)
            return XMLNode.element(
                XMLElement(
                    "dataValidation",
                    attributes: [
                        XMLAttribute("type", "list"), XMLAttribute("allowBlank", "1"),
                        XMLAttribute("showErrorMessage", "1"),
                        XMLAttribute("sqref", "\(letters)2:\(letters)\(validatedRows + 1)"),
                    ],
                    children: [
                        .element(
                            XMLElement(
                                "formula1", children: [.text("\"" + column.choices.joined(separator: ",") + "\"")]))
                    ]))
        }
        if !validations.isEmpty {
            children.append(
                .element(
                    XMLElement(
                        "dataValidations", attributes: [XMLAttribute("count", String(validations.count))],
                        children: validations)))
        }
        children.append(
            element(
                "pageMargins",
                [
                    "left": "0.7", "right": "0.7", "top": "0.75", "bottom": "0.75", "header": "0.3", "footer": "0.3",
                ]))
        return document(
            XMLElement(
                "worksheet", attributes: [XMLAttribute("xmlns", main), XMLAttribute("xmlns:r", relationships)],
                children: children))
    }

    private static func cell(_ value: CellValue, reference: String, header: Bool, strings: inout SharedStringTable)
        -> XMLElement
    {
        var attributes = [XMLAttribute("r", reference)]
        var style: Style = header ? .header : .general
        var content = ""
        switch value {
        case .text(let s), .error(let s):
            if !header { style = .text }
            attributes.append(XMLAttribute("t", "s"))
            content = String(strings.index(of: s))
        case .number(let n): content = CellText.number(n)
        case .date(let d):
            style = .date
            content = String(ExcelDate.serial(of: d))
        case .bool(let b):
            attributes.append(XMLAttribute("t", "b"))
            content = b ? "1" : "0"
        case .empty: break
        }
        if style != .general { attributes.insert(XMLAttribute("s", String(style.rawValue)), at: 1) }
        return XMLElement(
            "c", attributes: attributes, children: [.element(XMLElement("v", children: [.text(content)]))])
    }

    static func element(_ name: String, _ attributes: KeyValuePairs<String, String>) -> XMLNode {
        .element(XMLElement(name, attributes: attributes.map { XMLAttribute($0.key, $0.value) }))
    }

    private static func spreadsheetML(_ kind: String) -> String {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.\(kind)+xml"
    }

    private static func relation(_ id: String, _ kind: String, _ target: String) -> XMLNode {
        element("Relationship", ["Id": id, "Type": relationships + "/" + kind, "Target": target])
    }

    private static func relationshipsElement(_ children: [XMLNode]) -> XMLElement {
        XMLElement("Relationships", attributes: [XMLAttribute("xmlns", packageRelationships)], children: children)
    }

    /// `<?xml … standalone="yes"?>`, as Excel writes it, then the element.
    static func document(_ root: XMLElement) -> [UInt8] {
        var out = Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n".utf8)
        XMLWriter.serialize(root, into: &out)
        return out
    }
}
