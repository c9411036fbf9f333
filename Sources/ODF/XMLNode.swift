/// An attribute as written in the document: qualified name (`text:style-name`, or a namespace
/// declaration such as `xmlns:text`) and decoded value.
public struct XMLAttribute: Sendable, Equatable, Hashable {
    /// The qualified name as written, e.g. `office:version` or `xmlns:office`.
    public var name: String
    /// The decoded value (no entity or character references left).
    public var value: String

    /// Creates an attribute.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// An XML element: a plain value tree with qualified names as written.
///
/// Namespaces are not resolved: `name` is `text:p` exactly as in the source, and namespace
/// declarations are ordinary ``attributes`` named `xmlns` or `xmlns:prefix`. This keeps
/// templates byte-faithful and makes a tree cheap to copy and compare.
public struct XMLElement: Sendable, Equatable, Hashable {
    /// The qualified name as written, e.g. `text:p`.
    public var name: String
    /// Attributes, namespace declarations included.
    public var attributes: [XMLAttribute]
    /// Child elements and text, in document order.
    public var children: [XMLNode]

    /// Creates an element.
    public init(_ name: String, attributes: [XMLAttribute] = [], children: [XMLNode] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// The value of the first attribute with this qualified name, or `nil`.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Sets (replacing the first one with the same name) or appends an attribute.
    public mutating func setAttribute(_ name: String, _ value: String) {
        if let index = attributes.firstIndex(where: { $0.name == name }) {
            attributes[index].value = value
        } else {
            attributes.append(XMLAttribute(name, value))
        }
    }

    /// The child elements, text left out.
    public var childElements: [XMLElement] {
        children.compactMap {
            if case .element(let element) = $0 { element } else { nil }
        }
    }

    /// All descendant text concatenated in document order.
    public var textContent: String {
        var text = ""
        appendText(to: &text)
        return text
    }

    private func appendText(to text: inout String) {
        for child in children {
            switch child {
            case .text(let string): text += string
            case .element(let element): element.appendText(to: &text)
            }
        }
    }
}

/// A node in an ``XMLElement``'s content: an element or a run of text.
///
/// Text is the decoded character data; the parser merges adjacent text, CDATA and whitespace
/// into one `.text` and drops comments and processing instructions.
public enum XMLNode: Sendable, Equatable, Hashable {
    /// A child element.
    case element(XMLElement)
    /// Character data (decoded).
    case text(String)
}
