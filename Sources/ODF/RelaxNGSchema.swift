import CODFXML

/// A RELAX NG schema compiled once by libxml2, validating any number of documents, on any number of threads at
/// once: the compiled schema is only read while a document is validated, and each validation has its own
/// libxml2 validation context and document tree.
///
/// Documents are untrusted: they are parsed as ``XMLDocumentParser`` parses, with no network, no DTD loading and
/// no entity expansion, a document with a document type declaration is refused, and size limits
/// (``Limits``) bound the tree libxml2 builds for validation.
public final class RelaxNGSchema: @unchecked Sendable {
    /// Bounds on a document validated: libxml2 validates a whole tree, so its size is bounded by the bytes and
    /// by the markup (each `<` starts at most one node).
    public struct Limits: Sendable, Equatable {
        /// The largest document validated, in bytes.
        public var maxBytes: Int
        /// The most tags (`<`) a validated document may have.
        public var maxMarkup: Int

        public init(maxBytes: Int = 32 << 20, maxMarkup: Int = 2_000_000) {
            self.maxBytes = maxBytes
            self.maxMarkup = maxMarkup
        }

        /// 32 MiB and 2,000,000 tags.
        public static let `default` = Limits()
    }

    /// The name of the schema in messages (e.g. its file).
    public let source: String
    private let handle: OpaquePointer

    /// Compiles the schema in `bytes`.
    /// - Throws: ``ODFError`` with code ``ODFError/Code/invalidDocument`` and libxml2's message when the bytes are
    ///   not a RELAX NG schema libxml2 can compile.
    public init(bytes: [UInt8], source: String) throws(ODFError) {
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else {
            throw ODFError(.invalidDocument, "RELAX NG 模式为空或过大", source: source)
        }
        var message: UnsafeMutablePointer<CChar>?
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                codfxml_schema_compile($0, Int32(buffer.count), &message)
            }
        }
        guard let compiled else {
            let text = message.map { String(cString: $0) } ?? "无法编译"
            codfxml_string_free(message)
            throw ODFError(.invalidDocument, "不是可用的 RELAX NG 模式：\(text)", source: source)
        }
        self.source = source
        handle = compiled
    }

    deinit { codfxml_schema_free(handle) }

    /// Validates one document.
    ///
    /// - Parameters:
    ///   - bytes: The document.
    ///   - source: Its name in errors, e.g. `通知单.odt/content.xml`.
    ///   - limits: Size limits for the tree libxml2 builds.
    ///   - maxFindings: How many findings to keep (all are counted).
    /// - Returns: Whether it is valid, and where it is not.
    /// - Throws: ``ODFError`` when the document cannot be validated at all: ``ODFError/Code/xmlSyntax`` (not
    ///   well-formed, with libxml2's message and the line), ``ODFError/Code/forbiddenDTD`` or
    ///   ``ODFError/Code/limitExceeded``.
    public func validate(_ bytes: [UInt8], source: String, limits: Limits = .default, maxFindings: Int = 20)
        throws(ODFError) -> SchemaValidation
    {
        if bytes.count > limits.maxBytes || bytes.count > Int(Int32.max) {
            throw ODFError(
                .limitExceeded, "文档大小 \(bytes.count) 字节，超过模式校验的上限 \(limits.maxBytes) 字节", source: source)
        }
        let result = bytes.withUnsafeBufferPointer { buffer -> Result<SchemaValidation, ODFError> in
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                return .failure(ODFError(.xmlSyntax, "文档为空", source: source, line: 1))
            }
            if let line = PrologScanner.doctypeLine(in: buffer) {
                return .failure(XMLDocumentParser.doctypeError(source: source, line: line))
            }
            var markup = 0
            for byte in buffer where byte == 0x3C { markup += 1 }
            if markup > limits.maxMarkup {
                return .failure(
                    ODFError(
                        .limitExceeded, "文档有 \(markup) 个标记，超过模式校验的上限 \(limits.maxMarkup) 个", source: source))
            }
            let chars = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            guard
                let validation = codfxml_schema_validate(
                    handle, chars, Int32(buffer.count), source, Int32(max(1, maxFindings)))
            else {
                return .failure(ODFError(.limitExceeded, "libxml2 无法分配校验所需的内存", source: source))
            }
            defer { codfxml_validation_free(validation) }
            return Self.result(of: validation, source: source)
        }
        return try result.get()
    }

    private static func result(of validation: OpaquePointer, source: String) -> Result<SchemaValidation, ODFError> {
        var findings: [SchemaFinding] = []
        for index in 0..<codfxml_validation_kept(validation) {
            let line = Int(codfxml_validation_line(validation, index))
            findings.append(
                SchemaFinding(
                    message: String(cString: codfxml_validation_message(validation, index)),
                    line: line > 0 ? line : nil,
                    path: codfxml_validation_path(validation, index).map { String(cString: $0) }))
        }
        switch Int(codfxml_validation_status(validation)) {
        case Int(CODFXML_VALID.rawValue):
            return .success(SchemaValidation(findings: [], total: 0))
        case Int(CODFXML_INVALID.rawValue):
            let total = Int(codfxml_validation_count(validation))
            return .success(SchemaValidation(findings: findings, total: max(total, findings.count, 1)))
        case Int(CODFXML_NOT_WELL_FORMED.rawValue):
            return .failure(
                ODFError(
                    .xmlSyntax, findings.first?.message ?? "文档不是格式正确的 XML", source: source, line: findings.first?.line))
        case Int(CODFXML_REFUSED_DOCTYPE.rawValue):
            return .failure(XMLDocumentParser.doctypeError(source: source, line: nil))
        default:
            return .failure(ODFError(.limitExceeded, "libxml2 无法分配校验所需的内存", source: source))
        }
    }
}

/// One place where a document breaks its schema, in libxml2's words.
public struct SchemaFinding: Sendable, Equatable, CustomStringConvertible {
    /// libxml2's message, e.g. `Did not expect element frobnicate there`.
    public var message: String
    /// The 1-based line of the element concerned, when known.
    public var line: Int?
    /// The element's path, e.g. `/office:document-content/office:body/office:text/text:p[3]`, when known.
    public var path: String?

    public init(message: String, line: Int?, path: String?) {
        self.message = message
        self.line = line
        self.path = path
    }

    /// `第 12 行（/office:document-content/…）：message`.
    public var description: String {
        var place = line.map { "第 \($0) 行" } ?? ""
        if let path { place += "（\(path)）" }
        return place.isEmpty ? message : place + "：" + message
    }
}

/// What validating one document against a schema found.
public struct SchemaValidation: Sendable, Equatable {
    /// The first findings (at most as many as were asked for).
    public var findings: [SchemaFinding]
    /// How many errors libxml2 reported in all; 0 when the document is valid.
    public var total: Int

    /// Whether the document is valid.
    public var isValid: Bool { total == 0 }
}
