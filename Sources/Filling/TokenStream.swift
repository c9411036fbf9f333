import ODF

/// A part of a template flattened into tokens, with every tag in a token of its own even when the word
/// processor had split it across `text:span`s.
struct TokenStream {
    enum Token {
        case open(name: String, bytes: [UInt8])
        case close(name: String)
        /// Bytes that open and close nothing (an empty element, already serialised).
        case leaf([UInt8])
        case text(String)
        /// Index into ``tags``.
        case tag(Int)
    }

    struct Paragraph {
        /// Token indices of the paragraph's open and close tokens.
        var open: Int
        var close: Int
        /// The text as the editor sees it.
        var text: String
        /// The token of the paragraph's only tag, when the paragraph holds nothing else but spaces.
        var soleTag: Int?
        /// The open token of the innermost table row around the paragraph (rows: close found by matching).
        var row: Int?
        /// The open token of the paragraph's parent element.
        var parent: Int?
    }

    struct Occurrence {
        var tag: Tag
        var token: Int
        var paragraph: Int
    }

    var tokens: [Token] = []
    var paragraphs: [Paragraph] = []
    var tags: [Occurrence] = []
    /// For every open token, the index of its close token.
    var closeOf: [Int: Int] = [:]
    var problems: [TemplateProblem] = []
    let part: String

    private var stack: [Int] = []
    private var rows: [Int] = []
    private var currentParagraph: [Int] = []
    /// Marks a tag inside the normalised tree; no XML name can contain U+0000.
    private static let tagMarker = "\u{0}tag"

    init(part: String, root: XMLElement) {
        self.part = part
        walk(root)
    }

    static func isParagraph(_ name: String) -> Bool { name == "text:p" || name == "text:h" }

    private mutating func walk(_ element: XMLElement) {
        if element.name == Self.tagMarker, let index = Int(element.attributes.first?.value ?? "") {
            tags[index].token = tokens.count
            tokens.append(.tag(index))
            return
        }
        var element = element
        if Self.isParagraph(element.name) {
            element = normalise(element)
            paragraphs.append(
                Paragraph(
                    open: tokens.count, close: -1, text: Self.visibleText(element), soleTag: nil, row: rows.last,
                    parent: stack.last))
            currentParagraph.append(paragraphs.count - 1)
        }
        if element.children.isEmpty {
            var bytes: [UInt8] = []
            XMLWriter.serialize(element, into: &bytes)
            if Self.isParagraph(element.name), let p = currentParagraph.popLast() {
                paragraphs[p].close = tokens.count
                paragraphs[p].open = tokens.count
            }
            tokens.append(.leaf(bytes))
            return
        }
        var open: [UInt8] = []
        XMLWriter.openTag(element, into: &open)
        let openIndex = tokens.count
        tokens.append(.open(name: element.name, bytes: open))
        stack.append(openIndex)
        if element.name == "table:table-row" { rows.append(openIndex) }
        for child in element.children {
            switch child {
            case .text(let s): tokens.append(.text(s))
            case .element(let e): walk(e)
            }
        }
        if element.name == "table:table-row" { rows.removeLast() }
        stack.removeLast()
        closeOf[openIndex] = tokens.count
        tokens.append(.close(name: element.name))
        if Self.isParagraph(element.name), let p = currentParagraph.popLast() {
            paragraphs[p].close = tokens.count - 1
            let inside = tags.filter { $0.paragraph == p }
            if inside.count == 1, Self.plainText(element).allSatisfy(\.isWhitespace) {
                paragraphs[p].soleTag = inside[0].token
            }
        }
    }

    /// The paragraph's own text (nested paragraphs, e.g. in a text box, excluded), tags left out.
    private static func plainText(_ element: XMLElement) -> String {
        var s = ""
        for child in element.children {
            switch child {
            case .text(let t): s += t
            case .element(let e) where !isParagraph(e.name) && e.name != tagMarker: s += plainText(e)
            default: break
            }
        }
        return s
    }

    /// The paragraph's text as the editor sees it, tags included.
    private static func visibleText(_ element: XMLElement) -> String {
        var s = ""
        for child in element.children {
            switch child {
            case .text(let t): s += t
            case .element(let e) where e.name == tagMarker: s += e.attributes.last?.value ?? ""
            case .element(let e) where e.name == "text:s": s += " "
            case .element(let e) where e.name == "text:tab": s += "\t"
            case .element(let e) where !isParagraph(e.name): s += visibleText(e)
            default: break
            }
        }
        return s
    }

    // MARK: - Normalisation: one token per tag

    private static func collectText(_ element: XMLElement, into bytes: inout [UInt8]) {
        for child in element.children {
            switch child {
            case .text(let t): bytes.append(contentsOf: t.utf8)
            case .element(let e) where !isParagraph(e.name): collectText(e, into: &bytes)
            default: break
            }
        }
    }

    /// Finds the tags in a paragraph's text and rebuilds the paragraph so that each tag is one marker
    /// element at the place its first character was; the tag's characters leave every text node.
    private mutating func normalise(_ paragraph: XMLElement) -> XMLElement {
        var bytes: [UInt8] = []
        Self.collectText(paragraph, into: &bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        var ranges: [(start: Int, end: Int, tag: Int)] = []
        var i = 0
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        while i + 1 < bytes.count {
            guard bytes[i] == open, bytes[i + 1] == open else {
                i += 1
                continue
            }
            var j = i + 2
            var end: Int?
            while j + 1 < bytes.count {
                if bytes[j] == close, bytes[j + 1] == close {
                    end = j + 2
                    break
                }
                if bytes[j] == open, bytes[j + 1] == open { break }
                j += 1
            }
            guard let end else {
                problems.append(
                    TemplateProblem(
                        part: part, message: "标签“\(Self.snippet(bytes, from: i))”没有在本段内结束（标签不能跨段落，也不能嵌套 {{）",
                        paragraph: text))
                break
            }
            let raw = String(decoding: bytes[i..<end], as: UTF8.self)
            let inner = String(decoding: bytes[(i + 2)..<(end - 2)], as: UTF8.self)
            switch Tag.parse(inner: inner, raw: raw) {
            case .success(let tag):
                ranges.append((i, end, tags.count))
                tags.append(Occurrence(tag: tag, token: -1, paragraph: paragraphs.count))
            case .failure(let problem):
                problems.append(TemplateProblem(part: part, message: "标签“\(raw)”：\(problem.message)", paragraph: text))
            }
            i = end
        }
        guard !ranges.isEmpty else { return paragraph }
        var offset = 0
        return rebuild(paragraph, ranges: ranges, offset: &offset)
    }

    private func rebuild(_ element: XMLElement, ranges: [(start: Int, end: Int, tag: Int)], offset: inout Int)
        -> XMLElement
    {
        var copy = element
        copy.children = []
        for child in element.children {
            switch child {
            case .element(let e) where Self.isParagraph(e.name):
                copy.children.append(child)
            case .element(let e):
                copy.children.append(.element(rebuild(e, ranges: ranges, offset: &offset)))
            case .text(let t):
                let utf8 = Array(t.utf8)
                let a = offset
                let b = offset + utf8.count
                offset = b
                var cursor = a
                func keep(_ from: Int, _ to: Int, into children: inout [XMLNode]) {
                    if to > from {
                        children.append(.text(String(decoding: utf8[(from - a)..<(to - a)], as: UTF8.self)))
                    }
                }
                for r in ranges where r.end > a && r.start < b {
                    if r.start >= a {
                        keep(cursor, r.start, into: &copy.children)
                        copy.children.append(
                            .element(
                                XMLElement(
                                    Self.tagMarker,
                                    attributes: [
                                        XMLAttribute("i", String(r.tag)), XMLAttribute("raw", tags[r.tag].tag.raw),
                                    ]
                                )))
                    }
                    cursor = max(cursor, min(r.end, b))
                }
                keep(cursor, b, into: &copy.children)
            }
        }
        return copy
    }

    private static func snippet(_ bytes: [UInt8], from i: Int) -> String {
        let s = String(decoding: bytes[i...], as: UTF8.self)
        return s.count > 20 ? String(s.prefix(20)) + "…" : s
    }
}
