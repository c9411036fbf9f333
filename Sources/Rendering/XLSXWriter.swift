public import ODF

/// Writes a ``Spreadsheet`` as an XLSX workbook the way Excel writes one: `[Content_Types].xml`, package
/// and workbook relationships, `docProps/app.xml` and `docProps/core.xml`, `xl/workbook.xml`, one
/// `xl/worksheets/sheetN.xml` per sheet (``XLSXWorksheet``), every text in `xl/sharedStrings.xml`, and
/// `xl/styles.xml` (``XLSXStyleSheet``). The bytes are reproducible: the same spreadsheet gives the same file.
/// The ``Spreadsheet/Look`` is not drawn: cells have no borders and the government fonts are not named.
public enum XLSXWriter {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// The XLSX bytes of `spreadsheet`.
    public static func write(_ spreadsheet: Spreadsheet) throws(ODFError) -> [UInt8] {
        var strings = SharedStringTable()
        var entries: [ZipEntry] = []
        var sheetParts: [(name: String, path: String)] = []
        for (index, sheet) in spreadsheet.sheets.enumerated() {
            let path = "xl/worksheets/sheet\(index + 1).xml"
            sheetParts.append((sheet.name, path))
            entries.append(
                ZipEntry(name: path, data: XLSXWorksheet.bytes(sheet, selected: index == 0, strings: &strings)))
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
        let contentTypes = XMLElement(
            "Types",
            attributes: [XMLAttribute("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")],
            children: types)
        let packageRelations = [
            element(
                "Relationship",
                [
                    "Id": "rId3", "Type": relationships + "/extended-properties",
                    "Target": XLSXDocumentProperties.appPath,
                ]
            ),
            element(
                "Relationship",
                [
                    "Id": "rId2", "Type": XLSXDocumentProperties.coreRelationship,
                    "Target": XLSXDocumentProperties.corePath,
                ]),
            relation("rId1", "officeDocument", "xl/workbook.xml"),
        ]
        let parts: [ZipEntry] = [
            ZipEntry(name: "[Content_Types].xml", data: document(contentTypes)),
            ZipEntry(name: "_rels/.rels", data: document(relationshipsElement(packageRelations))),
            ZipEntry(name: XLSXDocumentProperties.appPath, data: XLSXDocumentProperties.app),
            ZipEntry(
                name: XLSXDocumentProperties.corePath, data: XLSXDocumentProperties.core(title: spreadsheet.title)),
            ZipEntry(name: "xl/workbook.xml", data: document(workbookElement)),
            ZipEntry(name: "xl/_rels/workbook.xml.rels", data: document(relationshipsElement(workbookRelations))),
        ]
        let percentages = spreadsheet.sheets.contains { sheet in
            sheet.rows.joined().contains { if case .percentage = $0 { true } else { false } }
        }
        let tail = [
            ZipEntry(name: "xl/styles.xml", data: XLSXStyleSheet.bytes(percentages: percentages)),
            ZipEntry(name: "xl/sharedStrings.xml", data: document(strings.element)),
        ]
        return try ZipWriter.archive(parts + entries + tail, modified: .dosEpoch)
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
