/// An OpenDocument before it is packaged: its media type, `content.xml`, `styles.xml` and the parts copied
/// unchanged (settings.xml, pictures …). A filled form template gives one, and so does a spreadsheet;
/// the renderer turns it into a package (`.odt`, `.ods`) or a flat document (`.fodt`). `meta.xml` is not
/// among the parts: every document gets its own.
public struct ODFDocument: Sendable, Equatable {
    /// The package's media type, e.g. `application/vnd.oasis.opendocument.text`.
    public var mimetype: String
    /// The bytes of `content.xml`.
    public var content: [UInt8]
    /// The bytes of `styles.xml`.
    public var styles: [UInt8]
    /// `styles` deflated once, when every document of a template shares it (see ``DeflatedEntry``).
    public var stylesDeflated: DeflatedEntry?
    /// The parts copied unchanged into the package after content, styles and meta.
    public var staticParts: [ODFPart]

    /// Creates a document from its parts.
    public init(
        mimetype: String, content: [UInt8], styles: [UInt8], stylesDeflated: DeflatedEntry? = nil,
        staticParts: [ODFPart] = []
    ) {
        self.mimetype = mimetype
        self.content = content
        self.styles = styles
        self.stylesDeflated = stylesDeflated
        self.staticParts = staticParts
    }
}
