public import ODF

/// Packages a document that covers many matters (a bulletin issue, an assessment sheet): like
/// ``DocumentRenderer/package(mimetype:content:styles:staticParts:meta:)``, but its meta.xml names no
/// matter (a ``DocumentMeta`` whose `matterID` is empty gets no `事项编号` field).
public enum PublicationRenderer {
    /// The package: `mimetype` (stored, first), content, styles, meta, then `staticParts` (pictures …),
    /// and a manifest listing them all; every zip time is the document's date, so the bytes are reproducible.
    public static func package(
        mimetype: String, content: [UInt8], styles: [UInt8], staticParts: [ODFPart] = [], meta: DocumentMeta
    ) throws(ODFError) -> [UInt8] {
        var parts = [
            ODFPart(path: "content.xml", mediaType: "text/xml", data: content),
            ODFPart(path: "styles.xml", mediaType: "text/xml", data: styles),
            ODFPart(path: "meta.xml", mediaType: "text/xml", data: metaPart(meta)),
        ]
        parts.append(contentsOf: staticParts)
        let time = ZipTimestamp(
            year: meta.date.year, month: meta.date.month, day: meta.date.day, hour: 0, minute: 0, second: 0)
        return try ODFPackageWriter.package(mimetype: mimetype, parts: parts, modified: time)
    }

    /// meta.xml, without the `事项编号` field when the document belongs to no one matter.
    static func metaPart(_ meta: DocumentMeta) -> [UInt8] {
        var element = meta.element
        if meta.matterID.isEmpty {
            element.children.removeAll {
                guard case .element(let child) = $0 else { return false }
                return child.name == "meta:user-defined" && child.attribute("meta:name") == "事项编号"
            }
        }
        let root = XMLElement(
            "office:document-meta",
            attributes: DocumentMeta.namespaces.map { XMLAttribute("xmlns:" + $0.0, $0.1) } + [
                XMLAttribute("office:version", "1.3")
            ],
            children: [.element(element)])
        return root.documentBytes()
    }
}
