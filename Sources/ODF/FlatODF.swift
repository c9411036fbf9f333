/// Converts between a flat OpenDocument file (`.fodt`: one `office:document`) and the root
/// elements of a package's `content.xml`, `styles.xml`, `meta.xml` and `settings.xml`.
///
/// Elements are recognised by namespace, whatever prefix the document binds it to; the output
/// uses the input's prefixes. Child order follows the ODF 1.3 schema for each part root.
public enum FlatODF {
    /// Splits a flat ODF document into the package part roots.
    ///
    /// Every part root gets the flat root's attributes (namespace declarations,
    /// `office:version`, …) except `office:mimetype`. Children:
    /// - content (`office:document-content`): `office:scripts`, `office:font-face-decls`,
    ///   `office:automatic-styles` without `style:page-layout`, `office:body`;
    /// - styles (`office:document-styles`): `office:font-face-decls`, `office:styles`,
    ///   `office:automatic-styles` (every automatic style, page layouts included, because
    ///   master pages and their headers and footers may use any of them),
    ///   `office:master-styles`;
    /// - meta (`office:document-meta`): `office:meta`, or `nil` if the document has none;
    /// - settings (`office:document-settings`): `office:settings`, or `nil` if absent.
    ///
    /// Each child is copied whole (embedded `office:binary-data` included); whitespace between
    /// the flat root's children is dropped.
    ///
    /// - Throws: ``ODFError`` with code ``ODFError/Code/invalidDocument`` if the root is not
    ///   `office:document` or has no `office:body`.
    public static func split(
        _ document: XMLElement
    ) throws(ODFError) -> (
        content: XMLElement, styles: XMLElement, meta: XMLElement?, settings: XMLElement?
    ) {
        guard let officePrefix = document.declaredPrefix(for: ODFNamespace.office),
            document.name == QualifiedNames(prefix: officePrefix)("document")
        else {
            throw ODFError(
                .invalidDocument, "根元素是 \(document.name)，应为 office:document（扁平 ODF 文档）",
                source: document.name)
        }
        let office = QualifiedNames(prefix: officePrefix)
        let children = document.childElements
        func child(_ local: String) -> XMLElement? { children.first { $0.name == office(local) } }
        guard let body = child("body") else {
            throw ODFError(.invalidDocument, "文档缺少 office:body", source: document.name)
        }
        let attributes = document.attributes.filter { $0.name != office("mimetype") }
        func root(_ local: String, _ parts: [XMLElement?]) -> XMLElement {
            XMLElement(
                office(local), attributes: attributes,
                children: parts.compactMap { $0.map(XMLNode.element) })
        }

        let automaticStyles = child("automatic-styles")
        var contentAutomaticStyles = automaticStyles
        if let stylePrefix = document.declaredPrefix(for: ODFNamespace.style) {
            let pageLayout = QualifiedNames(prefix: stylePrefix)("page-layout")
            contentAutomaticStyles?.children.removeAll {
                if case .element(let element) = $0 { element.name == pageLayout } else { false }
            }
        }
        let fontFaces = child("font-face-decls")
        let content = root(
            "document-content", [child("scripts"), fontFaces, contentAutomaticStyles, body])
        let styles = root(
            "document-styles", [fontFaces, child("styles"), automaticStyles, child("master-styles")])
        let meta = child("meta").map { root("document-meta", [$0]) }
        let settings = child("settings").map { root("document-settings", [$0]) }
        return (content, styles, meta, settings)
    }

    /// Joins package part roots into one flat `office:document` with `office:mimetype`.
    ///
    /// The root gets the union of the part roots' attributes (first occurrence wins, content
    /// first) plus `office:mimetype`. Font face declarations and automatic styles of content
    /// and styles are merged: the styles part's list first, then content's styles that it does
    /// not have; a style of the same kind and name in both keeps content's definition, in the
    /// styles part's position (ODF producers give styles-part automatic styles distinct names,
    /// e.g. LibreOffice's `MP1`, so this only unifies what ``split(_:)`` duplicated).
    public static func join(
        content: XMLElement, styles: XMLElement, meta: XMLElement?, settings: XMLElement?,
        mimetype: String
    ) -> XMLElement {
        let parts = [content, styles, meta, settings].compactMap { $0 }
        let office = QualifiedNames(
            prefix: content.declaredPrefix(for: ODFNamespace.office) ?? "office")
        var attributes: [XMLAttribute] = []
        var seen = Set<String>()
        for part in parts {
            for attribute in part.attributes where seen.insert(attribute.name).inserted {
                attributes.append(attribute)
            }
        }
        var document = XMLElement(office("document"), attributes: attributes)
        document.setAttribute(office("mimetype"), mimetype)

        func child(_ part: XMLElement?, _ local: String) -> XMLElement? {
            guard let part else { return nil }
            let name = QualifiedNames(prefix: part.declaredPrefix(for: ODFNamespace.office) ?? "office")(
                local)
            return part.childElements.first { $0.name == name }
        }
        let ordered: [XMLElement?] = [
            child(meta, "meta"), child(settings, "settings"), child(content, "scripts"),
            merged(child(styles, "font-face-decls"), child(content, "font-face-decls"), in: content),
            child(styles, "styles"),
            merged(child(styles, "automatic-styles"), child(content, "automatic-styles"), in: content),
            child(styles, "master-styles"), child(content, "body"),
        ]
        document.children = ordered.compactMap { $0.map(XMLNode.element) }
        return document
    }

    /// `base` with the elements of `extra` added; an element with the same kind and name as one
    /// in `base` replaces it in place. Text in `base` is kept, text in `extra` dropped.
    private static func merged(_ base: XMLElement?, _ extra: XMLElement?, in root: XMLElement)
        -> XMLElement?
    {
        guard var result = base else { return extra }
        guard let extra else { return result }
        let style = QualifiedNames(prefix: root.declaredPrefix(for: ODFNamespace.style) ?? "style")
        func key(_ element: XMLElement) -> [String]? {
            element.attribute(style("name")).map {
                [element.name, element.attribute(style("family")) ?? "", $0]
            }
        }
        var positions: [[String]: Int] = [:]
        for (position, node) in result.children.enumerated() {
            if case .element(let element) = node, let key = key(element), positions[key] == nil {
                positions[key] = position
            }
        }
        for element in extra.childElements {
            if let key = key(element), let position = positions[key] {
                result.children[position] = .element(element)
            } else {
                result.children.append(.element(element))
            }
        }
        return result
    }
}
