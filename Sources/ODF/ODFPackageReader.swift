/// Reads an OpenDocument package (`.odt`, `.ods`, …) into its media type and parts.
public struct ODFPackageReader: Sendable {
    /// `META-INF/manifest.xml`.
    public static let manifestPath = "META-INF/manifest.xml"

    /// The package's media type, from its `mimetype` entry.
    public var mimetype: String
    /// Every file of the package except `mimetype`, `META-INF/manifest.xml` and directory
    /// entries, in archive order; media types come from the manifest (from the extension for a
    /// file the manifest does not list).
    public var parts: [ODFPart]
    /// The manifest's `manifest:version`, if any.
    public var version: String?

    /// Reads and checks a package.
    ///
    /// - Parameters:
    ///   - bytes: The package file.
    ///   - source: The file name used in errors, e.g. `模板.odt`.
    ///   - limits: Zip limits for untrusted input.
    /// - Throws: ``ODFError`` — any ``ZipReader`` error; ``ODFError/Code/missingPart`` without a
    ///   `mimetype` or manifest; ``ODFError/Code/xmlSyntax`` for a malformed manifest;
    ///   ``ODFError/Code/encrypted`` for an encrypted package.
    public init(bytes: [UInt8], source: String, limits: ZipLimits = .default) throws(ODFError) {
        let zip = try ZipReader(bytes: bytes, source: source, limits: limits)
        for required in ["mimetype", Self.manifestPath] where !zip.contains(required) {
            throw ODFError(.missingPart, "不是 ODF 文档：缺少“\(required)”", source: source)
        }
        let entries = try zip.readAll()
        var mimetype = ""
        var manifestBytes: [UInt8] = []
        for (name, data) in entries {
            if name == "mimetype" { mimetype = String(decoding: data, as: UTF8.self) }
            if name == Self.manifestPath { manifestBytes = data }
        }
        let manifest = try XMLDocumentParser.parse(
            manifestBytes, source: source + "/" + Self.manifestPath)
        let (mediaTypes, version) = try Self.read(manifest: manifest, source: source)
        self.mimetype = mimetype.trimmingWhitespace
        self.version = version
        self.parts = entries.compactMap { name, data in
            if name == "mimetype" || name == Self.manifestPath || name.hasSuffix("/") { return nil }
            return ODFPart(
                path: name, mediaType: mediaTypes[name] ?? ODFPart.mediaType(forPath: name), data: data)
        }
    }

    /// The part at `path`, if the package has one.
    public func part(_ path: String) -> ODFPart? {
        parts.first { $0.path == path }
    }

    private static func read(
        manifest: XMLElement, source: String
    ) throws(ODFError) -> (mediaTypes: [String: String], version: String?) {
        let m = QualifiedNames(
            prefix: manifest.declaredPrefix(for: ODFNamespace.manifest) ?? "manifest")
        guard manifest.name == m("manifest") else {
            throw ODFError(
                .invalidDocument, "清单的根元素是 \(manifest.name)，应为 manifest:manifest",
                source: source + "/" + manifestPath)
        }
        var mediaTypes: [String: String] = [:]
        for entry in manifest.childElements where entry.name == m("file-entry") {
            guard let path = entry.attribute(m("full-path")) else { continue }
            if entry.childElements.contains(where: { $0.name == m("encryption-data") }) {
                throw ODFError(.encrypted, "文档已加密（“\(path)”）", source: source)
            }
            mediaTypes[path] = entry.attribute(m("media-type")) ?? ""
        }
        return (mediaTypes, manifest.attribute(m("version")))
    }
}

extension String {
    /// The string without leading and trailing ASCII whitespace.
    fileprivate var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }),
            let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
