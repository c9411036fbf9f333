public import ODF

/// Packages filled parts as an OpenDocument file: a zipped package (`.odt`) or one flat XML file (`.fodt`).
///
/// Output is reproducible: the same parts and meta give the same bytes, since every zip time is the
/// document's own date and nothing depends on the clock or on chance.
public enum DocumentRenderer {
    /// The package: `mimetype` (stored, first), content, styles, meta, the template's static parts, and a
    /// manifest that lists them all.
    /// - Parameter stylesDeflated: `styles` deflated once, when every document shares it.
    public static func package(
        mimetype: String, content: [UInt8], styles: [UInt8], stylesDeflated: DeflatedEntry? = nil,
        staticParts: [ODFPart], meta: DocumentMeta
    ) throws(ODFError) -> [UInt8] {
        var stylesPart = ODFPart(path: "styles.xml", mediaType: "text/xml", data: styles)
        stylesPart.deflated = stylesDeflated
        var parts = [
            ODFPart(path: "content.xml", mediaType: "text/xml", data: content), stylesPart,
            ODFPart(path: "meta.xml", mediaType: "text/xml", data: meta.part),
        ]
        parts.append(contentsOf: staticParts)
        let time = ZipTimestamp(
            year: meta.date.year, month: meta.date.month, day: meta.date.day, hour: 0, minute: 0, second: 0)
        return try ODFPackageWriter.package(mimetype: mimetype, parts: parts, modified: time)
    }

    /// The flat document (`.fodt`): the same parts joined under one `office:document`.
    public static func flat(
        mimetype: String, content: [UInt8], styles: [UInt8], staticParts: [ODFPart], meta: DocumentMeta
    ) throws(ODFError) -> [UInt8] {
        let contentRoot = try XMLDocumentParser.parse(content, source: "content.xml")
        let stylesRoot = try XMLDocumentParser.parse(styles, source: "styles.xml")
        var settings: XMLElement?
        if let part = staticParts.first(where: { $0.path == "settings.xml" }) {
            settings = try XMLDocumentParser.parse(part.data, source: "settings.xml")
        }
        let metaRoot = XMLElement("office:document-meta", children: [.element(meta.element)])
        var document = FlatODF.join(
            content: contentRoot, styles: stylesRoot, meta: metaRoot, settings: settings, mimetype: mimetype)
        // The meta element needs its prefixes even when the template's parts never used them.
        for (prefix, uri) in DocumentMeta.namespaces where document.attribute("xmlns:" + prefix) == nil {
            document.attributes.insert(XMLAttribute("xmlns:" + prefix, uri), at: 0)
        }
        var out = XMLWriter.declaration
        XMLWriter.serialize(document, into: &out)
        return out
    }
}
