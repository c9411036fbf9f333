/// The OASIS OpenDocument 1.3 schemas, compiled, and which part of a document each one validates: every
/// `content.xml`, `styles.xml`, `meta.xml` and `settings.xml` (of the document and of any object embedded in
/// it) by the document schema, `META-INF/manifest.xml` by the manifest schema, and a flat document (`.fodt`)
/// whole by the document schema — as the standard's conformance clauses and the ODF Toolkit's validator apply
/// them. Validation is strict: markup of foreign namespaces (LibreOffice's `loext:`, say) is not filtered out,
/// so it fails.
///
/// The schemas are OASIS's, used as published (`https://docs.oasis-open.org/office/OpenDocument/v1.3/os/schemas/`);
/// the caller reads them from wherever they are installed.
public struct ODFSchemas: Sendable {
    /// The file name of the document schema.
    public static let documentSchemaFile = "OpenDocument-v1.3-schema.rng"
    /// The file name of the manifest schema.
    public static let manifestSchemaFile = "OpenDocument-v1.3-manifest-schema.rng"
    /// The part names the document schema validates, in a package's root or an embedded object's folder.
    public static let documentParts = ["content.xml", "styles.xml", "meta.xml", "settings.xml"]

    public let document: RelaxNGSchema
    public let manifest: RelaxNGSchema

    public init(document: RelaxNGSchema, manifest: RelaxNGSchema) {
        self.document = document
        self.manifest = manifest
    }

    /// Compiles the two schemas from their files' bytes.
    /// - Throws: ``ODFError`` when either is not a RELAX NG schema libxml2 can compile.
    public init(document: [UInt8], manifest: [UInt8], source: String) throws(ODFError) {
        self.document = try RelaxNGSchema(bytes: document, source: source + "/" + Self.documentSchemaFile)
        self.manifest = try RelaxNGSchema(bytes: manifest, source: source + "/" + Self.manifestSchemaFile)
    }

    /// The schema that validates the package part at `path`, or `nil` for a part no schema covers (pictures,
    /// `mimetype`, `META-INF/` files other than the manifest, …).
    public func schema(forPart path: String) -> RelaxNGSchema? {
        if path == ODFPackageReader.manifestPath { return manifest }
        if path.hasPrefix("META-INF/") { return nil }
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        return Self.documentParts.contains(name) ? document : nil
    }

    /// What validating one part found.
    public struct PartResult: Sendable {
        /// The part's path in the package (`content.xml`, `META-INF/manifest.xml`, …), or `""` for a flat document.
        public var part: String
        /// Its findings, or why it could not be validated.
        public var outcome: Result<SchemaValidation, ODFError>
    }

    /// Validates each of `parts` (path and bytes, e.g. every entry of a package) that a schema covers, in order;
    /// `source` names the package in errors (`通知单.odt`, giving `通知单.odt/content.xml`).
    public func validate(parts: [(path: String, data: [UInt8])], source: String, maxFindings: Int = 20)
        -> [PartResult]
    {
        parts.compactMap { part in
            guard let schema = schema(forPart: part.path) else { return nil }
            let outcome = Result { () throws(ODFError) in
                try schema.validate(part.data, source: source + "/" + part.path, maxFindings: maxFindings)
            }
            return PartResult(part: part.path, outcome: outcome)
        }
    }

    /// Validates a flat document (`.fodt` and its kin: one `office:document`) by the document schema.
    public func validate(flat bytes: [UInt8], source: String, maxFindings: Int = 20) -> PartResult {
        let outcome = Result { () throws(ODFError) in
            try document.validate(bytes, source: source, maxFindings: maxFindings)
        }
        return PartResult(part: "", outcome: outcome)
    }
}
