import CODFXML

/// A name with its namespace resolved: the namespace name (URI) in scope for its prefix, and
/// the local part. Unprefixed attributes have no namespace (`""`), as the Namespaces in XML
/// recommendation says; an unprefixed element takes the default namespace in scope.
public struct XMLQualifiedName: Sendable, Hashable, CustomStringConvertible {
    /// The namespace name, e.g. `urn:oasis:names:tc:opendocument:xmlns:table:1.0`; `""` for none.
    public var namespace: String
    /// The local part, e.g. `table-cell`.
    public var local: String

    /// Creates a name.
    public init(_ namespace: String, _ local: String) {
        self.namespace = namespace
        self.local = local
    }

    /// `{namespace}local`.
    public var description: String { namespace.isEmpty ? local : "{\(namespace)}\(local)" }
}

/// What ``XMLStreamParser`` reports, in document order.
public enum XMLStreamEvent: Sendable {
    /// A start tag; its attributes without the namespace declarations. An empty element
    /// (`<a/>`) is reported as a start followed at once by its end.
    case start(XMLQualifiedName, attributes: [(name: XMLQualifiedName, value: String)])
    /// An end tag.
    case end(XMLQualifiedName)
    /// Character data (text, CDATA or whitespace), decoded; one run may come in several events.
    case text(String)
}

/// Reads an XML document as a stream of events, without building a tree, so that memory stays
/// small however large the document is (a spreadsheet's sheet part, say).
///
/// It is as strict as ``XMLDocumentParser``: no network, no DTD loading, no entity expansion,
/// and a document with a document type declaration or an entity reference is refused, so
/// external entities and "billion laughs" documents never expand. Names are resolved against
/// the namespace declarations in scope, so a document may use any prefixes it declares.
public enum XMLStreamParser {
    /// Parses `bytes`, calling `handler` for every start tag, end tag and run of text.
    ///
    /// - Parameters:
    ///   - bytes: The document (UTF-8, or any encoding it declares that libxml2 supports).
    ///   - source: The file or part name used in errors, e.g. `台账.xlsx/xl/worksheets/sheet1.xml`.
    ///   - limits: Size and depth limits.
    ///   - handler: Called for each event; an error it throws stops parsing and is rethrown.
    /// - Throws: ``ODFError`` (``ODFError/Code/xmlSyntax``, ``ODFError/Code/forbiddenDTD``,
    ///   ``ODFError/Code/limitExceeded``), or whatever `handler` throws.
    public static func parse(
        _ bytes: [UInt8], source: String, limits: XMLLimits = .default,
        handler: (XMLStreamEvent) throws -> Void
    ) throws {
        if bytes.count > limits.maxBytes || bytes.count > Int(Int32.max) {
            throw ODFError(
                .limitExceeded, "文档大小 \(bytes.count) 字节，超过上限 \(limits.maxBytes) 字节", source: source)
        }
        try bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                throw ODFError(.xmlSyntax, "文档为空", source: source, line: 1)
            }
            if let line = PrologScanner.doctypeLine(in: buffer) {
                throw XMLDocumentParser.doctypeError(source: source, line: line)
            }
            let chars = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            guard let reader = codfxml_reader_open_memory(chars, Int32(buffer.count), source) else {
                throw ODFError(.xmlSyntax, "libxml2 无法创建解析器", source: source)
            }
            defer { codfxml_reader_free(reader) }
            var stream = EventStream(reader: reader, source: source, limits: limits)
            try stream.run(handler)
        }
    }
}

/// Drives one reader, resolving namespaces (kept apart so `parse` stays short).
private struct EventStream {
    let reader: OpaquePointer
    let source: String
    let limits: XMLLimits
    /// Prefix bindings in scope, innermost last (`""` is the default namespace).
    var bindings: [(prefix: String, namespace: String)] = [
        ("xml", "http://www.w3.org/XML/1998/namespace")
    ]
    /// For each open element: its name and how many bindings it added.
    var open: [(name: XMLQualifiedName, added: Int)] = []

    init(reader: OpaquePointer, source: String, limits: XMLLimits) {
        self.reader = reader
        self.source = source
        self.limits = limits
    }

    var currentLine: Int? {
        let line = Int(codfxml_reader_line(reader))
        return line > 0 ? line : nil
    }

    func syntaxError() -> ODFError {
        let message = codfxml_reader_error_message(reader).map { String(cString: $0) }
        let errorLine = Int(codfxml_reader_error_line(reader))
        return ODFError(.xmlSyntax, message ?? "未知错误", source: source, line: errorLine > 0 ? errorLine : currentLine)
    }

    mutating func run(_ handler: (XMLStreamEvent) throws -> Void) throws {
        var sawRoot = false
        while true {
            let status = codfxml_reader_next(reader)
            if status < 0 { throw syntaxError() }
            if status == 0 { break }
            let type = codfxml_node_type(rawValue: UInt32(bitPattern: codfxml_reader_node_type(reader)))
            switch type {
            case CODFXML_NODE_ELEMENT_START:
                sawRoot = true
                try start(handler)
            case CODFXML_NODE_ELEMENT_END:
                try end(handler)
            case CODFXML_NODE_TEXT, CODFXML_NODE_CDATA, CODFXML_NODE_WHITESPACE, CODFXML_NODE_SIGNIFICANT_WHITESPACE:
                if !open.isEmpty, let value = codfxml_reader_value(reader) {
                    try handler(.text(String(cString: value)))
                }
            case CODFXML_NODE_DOCTYPE:
                throw XMLDocumentParser.doctypeError(source: source, line: currentLine)
            case CODFXML_NODE_ENTITY_REF:
                let name = codfxml_reader_name(reader).map { String(cString: $0) } ?? "?"
                throw ODFError(.forbiddenDTD, "文档含有实体引用 &\(name);，出于安全原因拒绝读取", source: source, line: currentLine)
            default:
                break  // comments, processing instructions
            }
        }
        guard sawRoot, open.isEmpty else {
            throw ODFError(.xmlSyntax, "文档没有完整的根元素", source: source, line: currentLine)
        }
    }

    private mutating func start(_ handler: (XMLStreamEvent) throws -> Void) throws {
        if open.count >= limits.maxDepth {
            throw ODFError(.limitExceeded, "元素嵌套超过 \(limits.maxDepth) 层", source: source, line: currentLine)
        }
        guard let namePointer = codfxml_reader_name(reader) else { throw syntaxError() }
        let qualified = String(cString: namePointer)
        var raw: [(name: String, value: String)] = []
        var added = 0
        while codfxml_reader_next_attribute(reader) == 1 {
            guard let name = codfxml_reader_name(reader).map({ String(cString: $0) }) else { continue }
            let value = codfxml_reader_value(reader).map { String(cString: $0) } ?? ""
            if name == "xmlns" {
                bindings.append(("", value))
                added += 1
            } else if name.hasPrefix("xmlns:") {
                bindings.append((String(name.dropFirst(6)), value))
                added += 1
            } else {
                raw.append((name, value))
            }
        }
        if !raw.isEmpty || added > 0 { _ = codfxml_reader_move_to_element(reader) }
        let isEmpty = codfxml_reader_is_empty_element(reader) == 1
        let name = resolve(qualified, isAttribute: false)
        let attributes = raw.map { (name: resolve($0.name, isAttribute: true), value: $0.value) }
        open.append((name, added))
        try handler(.start(name, attributes: attributes))
        if isEmpty { try end(handler) }
    }

    private mutating func end(_ handler: (XMLStreamEvent) throws -> Void) throws {
        guard let element = open.popLast() else { throw syntaxError() }
        bindings.removeLast(element.added)
        try handler(.end(element.name))
    }

    private func resolve(_ qualified: String, isAttribute: Bool) -> XMLQualifiedName {
        guard let colon = qualified.firstIndex(of: ":") else {
            if isAttribute { return XMLQualifiedName("", qualified) }
            return XMLQualifiedName(namespace(for: "") ?? "", qualified)
        }
        let prefix = String(qualified[..<colon])
        let local = String(qualified[qualified.index(after: colon)...])
        // libxml2 reports an undeclared prefix as a namespace error; keep the name as written.
        guard let namespace = namespace(for: prefix) else { return XMLQualifiedName("", qualified) }
        return XMLQualifiedName(namespace, local)
    }

    private func namespace(for prefix: String) -> String? {
        bindings.last { $0.prefix == prefix }?.namespace
    }
}
