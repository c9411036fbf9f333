public import ODF

/// Packages a document's parts as an OpenDocument file: a zipped package (`.odt`, `.ods`) or one flat XML
/// file (`.fodt`).
///
/// Output is reproducible: the same parts and meta give the same bytes, since every zip time is the
/// document's own date and nothing depends on the clock or on chance.
public enum DocumentRenderer {
    /// The package: `mimetype` (stored, first), content, styles (its bytes deflated once when the document
    /// has them), meta, the document's static parts, then `extraParts` (a bulletin's chart …), and a
    /// manifest that lists them all.
    public static func package(_ document: ODFDocument, meta: DocumentMeta, extraParts: [ODFPart] = [])
        throws(ODFError) -> [UInt8]
    {
        var styles = ODFPart(path: "styles.xml", mediaType: "text/xml", data: document.styles)
        styles.deflated = document.stylesDeflated
        var parts = [
            ODFPart(path: "content.xml", mediaType: "text/xml", data: document.content), styles,
            ODFPart(path: "meta.xml", mediaType: "text/xml", data: meta.part),
        ]
        parts.append(contentsOf: document.staticParts)
        parts.append(contentsOf: extraParts)
        let time = ZipTimestamp(
            year: meta.date.year, month: meta.date.month, day: meta.date.day, hour: 0, minute: 0, second: 0)
        return try ODFPackageWriter.package(mimetype: document.mimetype, parts: parts, modified: time)
    }

    /// The flat document (`.fodt`): the same parts joined under one `office:document` (of the static parts
    /// only settings.xml can be joined).
    public static func flat(_ document: ODFDocument, meta: DocumentMeta) throws(ODFError) -> [UInt8] {
        let contentRoot = try XMLDocumentParser.parse(document.content, source: "content.xml")
        let stylesRoot = try XMLDocumentParser.parse(document.styles, source: "styles.xml")
        var settings: XMLElement?
        if let part = document.staticParts.first(where: { $0.path == "settings.xml" }) {
            settings = try XMLDocumentParser.parse(part.data, source: "settings.xml")
        }
        let metaRoot = XMLElement("office:document-meta", children: [.element(meta.element)])
        var root = FlatODF.join(
            content: contentRoot, styles: stylesRoot, meta: metaRoot, settings: settings,
            mimetype: document.mimetype)
        // The meta element needs its prefixes even when the template's parts never used them.
        for (prefix, uri) in DocumentMeta.namespaces where root.attribute("xmlns:" + prefix) == nil {
            root.attributes.insert(XMLAttribute("xmlns:" + prefix, uri), at: 0)
        }
        return root.documentBytes()
    }
}
