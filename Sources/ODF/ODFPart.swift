/// One file inside an OpenDocument package (other than `mimetype` and the manifest).
public struct ODFPart: Sendable, Equatable {
    /// The path inside the package, e.g. `content.xml` or `Pictures/logo.png`.
    public var path: String
    /// The media type listed in the manifest, e.g. `text/xml` or `image/png`.
    public var mediaType: String
    /// The file's bytes.
    public var data: [UInt8]
    /// The same bytes deflated once, for parts that every document of a template shares.
    public var deflated: DeflatedEntry?

    /// Creates a part.
    public init(path: String, mediaType: String, data: [UInt8]) {
        self.path = path
        self.mediaType = mediaType
        self.data = data
    }

    /// The part with its bytes deflated once, so that packages reuse them (see ``DeflatedEntry``).
    public func deflatedOnce() throws(ODFError) -> ODFPart {
        guard !isPrecompressed else { return self }
        var copy = self
        copy.deflated = try DeflatedEntry(data)
        return copy
    }

    /// Creates a part whose media type follows from its extension (see ``mediaType(forPath:)``).
    public init(path: String, data: [UInt8]) {
        self.init(path: path, mediaType: Self.mediaType(forPath: path), data: data)
    }

    /// The media type for a path's extension: `text/xml` for `.xml`, `application/rdf+xml`
    /// for `.rdf`, the image types for `.png`, `.jpg`/`.jpeg`, `.gif`, `.svg`, `.bmp`,
    /// `.tif`/`.tiff` and `.webp`; otherwise `application/octet-stream`.
    public static func mediaType(forPath path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        switch name[name.index(after: dot)...].lowercased() {
        case "xml": return "text/xml"
        case "rdf": return "application/rdf+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "svg": return "image/svg+xml"
        case "bmp": return "image/bmp"
        case "tif", "tiff": return "image/tiff"
        case "webp": return "image/webp"
        default: return "application/octet-stream"
        }
    }

    /// Whether deflating the part is pointless because its format is already compressed.
    var isPrecompressed: Bool {
        ["image/png", "image/jpeg", "image/gif", "image/webp"].contains(mediaType)
    }
}
