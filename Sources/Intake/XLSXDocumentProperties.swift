/// The `docProps/core.xml` and `docProps/app.xml` of written workbooks, as Excel writes them
/// (without dates, so that the file is reproducible).
enum XLSXDocumentProperties {
    static let corePath = "docProps/core.xml"
    static let appPath = "docProps/app.xml"
    static let coreType = "application/vnd.openxmlformats-package.core-properties+xml"
    static let appType = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
    static let coreRelationship =
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

    static let core: [UInt8] = Array(
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>督查事项台账</dc:title><dc:creator>Ducha</dc:creator>\
        </cp:coreProperties>
        """.utf8)

    static let app: [UInt8] = Array(
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
        <Application>Ducha</Application></Properties>
        """.utf8)
}
