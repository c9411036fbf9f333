import CODFXML

/// Parses a whole XML document into an ``XMLElement`` tree with libxml2's streaming reader.
///
/// Untrusted input is safe: no network access, no DTD loading, no entity expansion, and any
/// document with a document type declaration (`<!DOCTYPE …>`) is refused before libxml2 reads
/// past its prolog. This blocks external entities (`SYSTEM "file:///etc/passwd"`) and entity
/// expansion bombs ("billion laughs"). OpenDocument, OOXML and Ducha's own files never have a
/// DOCTYPE.
///
/// Adjacent text, CDATA and whitespace become one ``XMLNode/text(_:)``; comments and
/// processing instructions are dropped. Attribute lists include namespace declarations; as
/// libxml2 reports them, the declarations come first and the other attributes after them,
/// each group in document order.
public enum XMLDocumentParser {
    /// Parses `bytes` and returns the root element.
    ///
    /// - Parameters:
    ///   - bytes: The document (UTF-8, or any encoding it declares that libxml2 supports).
    ///   - source: The file or part name used in errors, e.g. `模板.fodt` or `x.odt/content.xml`.
    ///   - limits: Size and depth limits.
    /// - Throws: ``ODFError`` with code ``ODFError/Code/xmlSyntax`` (with libxml2's message and
    ///   the line), ``ODFError/Code/forbiddenDTD`` or ``ODFError/Code/limitExceeded``.
    public static func parse(
        _ bytes: [UInt8], source: String, limits: XMLLimits = .default
    ) throws(ODFError) -> XMLElement {
        if bytes.count > limits.maxBytes || bytes.count > Int(Int32.max) {
            throw ODFError(
                .limitExceeded, "文档大小 \(bytes.count) 字节，超过上限 \(limits.maxBytes) 字节",
                source: source)
        }
        let result = bytes.withUnsafeBufferPointer { buffer -> Result<XMLElement, ODFError> in
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                return .failure(ODFError(.xmlSyntax, "文档为空", source: source, line: 1))
            }
            if let line = PrologScanner.doctypeLine(in: buffer) {
                return .failure(doctypeError(source: source, line: line))
            }
            let chars = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            guard let reader = codfxml_reader_open_memory(chars, Int32(buffer.count), source)
            else {
                return .failure(ODFError(.xmlSyntax, "libxml2 无法创建解析器", source: source))
            }
            defer { codfxml_reader_free(reader) }
            var builder = TreeBuilder(reader: reader, source: source, limits: limits)
            return Result { () throws(ODFError) in try builder.run() }
        }
        return try result.get()
    }

    static func doctypeError(source: String, line: Int?) -> ODFError {
        ODFError(
            .forbiddenDTD, "文档含有 DOCTYPE 文档类型声明，出于安全原因拒绝读取（ODF 文档不应含有 DOCTYPE）",
            source: source, line: line)
    }
}

/// Drives one reader and builds the tree (kept apart so `parse` stays short).
private struct TreeBuilder {
    let reader: OpaquePointer
    let source: String
    let limits: XMLLimits
    var stack: [XMLElement] = []
    var pendingText = ""
    var root: XMLElement?

    init(reader: OpaquePointer, source: String, limits: XMLLimits) {
        self.reader = reader
        self.source = source
        self.limits = limits
    }

    mutating func run() throws(ODFError) -> XMLElement {
        while true {
            let status = codfxml_reader_next(reader)
            if status < 0 { throw syntaxError() }
            if status == 0 { break }
            let type = codfxml_reader_node_type(reader)
            try handleNode(codfxml_node_type(rawValue: UInt32(bitPattern: type)))
        }
        guard let root, stack.isEmpty else {
            throw ODFError(.xmlSyntax, "文档没有完整的根元素", source: source, line: currentLine)
        }
        return root
    }

    private var currentLine: Int? {
        let line = Int(codfxml_reader_line(reader))
        return line > 0 ? line : nil
    }

    private func syntaxError() -> ODFError {
        let message = codfxml_reader_error_message(reader).map { String(cString: $0) }
        let errorLine = Int(codfxml_reader_error_line(reader))
        return ODFError(
            .xmlSyntax, message ?? "未知错误", source: source,
            line: errorLine > 0 ? errorLine : currentLine)
    }

    private mutating func handleNode(_ type: codfxml_node_type) throws(ODFError) {
        switch type {
        case CODFXML_NODE_ELEMENT_START:
            try startElement()
        case CODFXML_NODE_ELEMENT_END:
            flushText()
            guard let element = stack.popLast() else { throw syntaxError() }
            finish(element)
        case CODFXML_NODE_TEXT, CODFXML_NODE_CDATA, CODFXML_NODE_WHITESPACE,
            CODFXML_NODE_SIGNIFICANT_WHITESPACE:
            if !stack.isEmpty, let value = codfxml_reader_value(reader) {
                pendingText += String(cString: value)
            }
        case CODFXML_NODE_DOCTYPE:
            throw XMLDocumentParser.doctypeError(source: source, line: currentLine)
        case CODFXML_NODE_ENTITY_REF:
            let name = codfxml_reader_name(reader).map { String(cString: $0) } ?? "?"
            throw ODFError(
                .forbiddenDTD, "文档含有实体引用 &\(name);，出于安全原因拒绝读取", source: source,
                line: currentLine)
        default:
            break  // comments, processing instructions
        }
    }

    private mutating func startElement() throws(ODFError) {
        flushText()
        if stack.count >= limits.maxDepth {
            throw ODFError(
                .limitExceeded, "元素嵌套超过 \(limits.maxDepth) 层", source: source, line: currentLine)
        }
        guard let namePointer = codfxml_reader_name(reader) else { throw syntaxError() }
        var element = XMLElement(String(cString: namePointer))
        while codfxml_reader_next_attribute(reader) == 1 {
            guard let name = codfxml_reader_name(reader) else { continue }
            let value = codfxml_reader_value(reader).map { String(cString: $0) } ?? ""
            element.attributes.append(XMLAttribute(String(cString: name), value))
        }
        if !element.attributes.isEmpty { _ = codfxml_reader_move_to_element(reader) }
        if codfxml_reader_is_empty_element(reader) == 1 {
            finish(element)
        } else {
            stack.append(element)
        }
    }

    private mutating func flushText() {
        guard !pendingText.isEmpty else { return }
        stack[stack.count - 1].children.append(.text(pendingText))
        pendingText = ""
    }

    private mutating func finish(_ element: XMLElement) {
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(.element(element))
        }
    }
}
