/// Writes OpenDocument packages (`.odt`, `.ods`, …) as zip bytes.
public enum ODFPackageWriter {
    /// The ODF version written into the manifest.
    public static let version = "1.3"

    /// Packages `parts` into an OpenDocument file.
    ///
    /// The `mimetype` entry comes first, stored, with no extra field; then the parts in the
    /// given order (deflated, except already compressed images, which are stored); then
    /// `META-INF/manifest.xml` from ``manifest(mimetype:parts:)``. Every entry gets the time
    /// `modified`, so identical input gives byte-identical packages.
    ///
    /// - Throws: ``ODFError`` with code ``ODFError/Code/invalidArgument`` if a part is named
    ///   `mimetype` or `META-INF/manifest.xml`, or any error of ``ZipWriter/archive(_:modified:)``.
    public static func package(
        mimetype: String, parts: [ODFPart], modified: ZipTimestamp
    ) throws(ODFError) -> [UInt8] {
        var entries = [ZipEntry(name: "mimetype", data: Array(mimetype.utf8), compressed: false)]
        entries.reserveCapacity(parts.count + 2)
        for part in parts {
            if part.path == "mimetype" || part.path == ODFPackageReader.manifestPath {
                throw ODFError(.invalidArgument, "“\(part.path)”由打包程序生成，不能作为部件传入", source: part.path)
            }
            if let deflated = part.deflated {
                entries.append(ZipEntry(name: part.path, deflated: deflated))
            } else {
                entries.append(ZipEntry(name: part.path, data: part.data, compressed: !part.isPrecompressed))
            }
        }
        entries.append(
            ZipEntry(
                name: ODFPackageReader.manifestPath, data: manifest(mimetype: mimetype, parts: parts)))
        return try ZipWriter.archive(entries, modified: modified)
    }

    /// The bytes of `META-INF/manifest.xml`: `manifest:version="1.3"`, a `/` entry with the
    /// package media type and version, then one entry per part with its ``ODFPart/mediaType``
    /// (or the type derived from its extension when that is empty).
    public static func manifest(mimetype: String, parts: [ODFPart]) -> [UInt8] {
        var root = XMLElement(
            "manifest:manifest",
            attributes: [
                XMLAttribute("xmlns:manifest", ODFNamespace.manifest),
                XMLAttribute("manifest:version", version),
            ])
        root.children.reserveCapacity(parts.count * 2 + 3)
        func entry(_ attributes: [XMLAttribute]) {
            root.children.append(.text("\n "))
            root.children.append(.element(XMLElement("manifest:file-entry", attributes: attributes)))
        }
        entry([
            XMLAttribute("manifest:full-path", "/"),
            XMLAttribute("manifest:version", version),
            XMLAttribute("manifest:media-type", mimetype),
        ])
        for part in parts {
            let mediaType =
                part.mediaType.isEmpty ? ODFPart.mediaType(forPath: part.path) : part.mediaType
            entry([
                XMLAttribute("manifest:full-path", part.path),
                XMLAttribute("manifest:media-type", mediaType),
            ])
        }
        root.children.append(.text("\n"))
        var out = XMLWriter.declaration
        XMLWriter.serialize(root, into: &out)
        out.append(0x0A)
        return out
    }
}
