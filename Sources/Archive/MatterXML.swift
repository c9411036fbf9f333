public import Matters
import ODF

/// `matter.xml`: a matter's record as XML whose element names are the catalogue's keys, so an archivist
/// can read it without Ducha, and Ducha can read it back exactly.
public enum MatterXML {
    public static let namespace = "urn:ducha:matter:1"

    /// The record, indented for reading; text values are kept exactly.
    public static func encode(_ matter: Matter) -> [UInt8] {
        var root = XMLElement("督查事项", attributes: [XMLAttribute("xmlns", namespace)])
        root.children = elements(matter.values, fields: MatterCatalogue.fields, depth: 1)
        root.children.append(.text("\n"))
        var out = XMLWriter.declaration
        XMLWriter.serialize(root, into: &out)
        out.append(0x0A)
        return out
    }

    /// Reads a record back; the result equals the matter that was encoded.
    public static func decode(_ bytes: [UInt8], source: String) throws(ArchiveError) -> Matter {
        let root: XMLElement
        do {
            root = try XMLDocumentParser.parse(bytes, source: source)
        } catch {
            throw ArchiveError(path: source, message: "matter.xml 无法读取：\(error)")
        }
        guard root.name == "督查事项" else { throw ArchiveError(path: source, message: "根元素应为 <督查事项>") }
        return Matter(values: try record(root, fields: MatterCatalogue.fields, source: source))
    }

    private static func indent(_ depth: Int) -> XMLNode { .text("\n" + String(repeating: "  ", count: depth)) }

    private static func elements(_ record: FieldRecord, fields: [FieldSpec], depth: Int) -> [XMLNode] {
        var nodes: [XMLNode] = []
        for spec in fields {
            guard let value = record[spec.key] else { continue }
            nodes.append(indent(depth))
            nodes.append(.element(element(spec.key, value, type: spec.type, depth: depth)))
        }
        return nodes
    }

    private static func element(_ name: String, _ value: FieldValue, type: FieldType, depth: Int) -> XMLElement {
        var e = XMLElement(name)
        switch (value, type) {
        case (.text(let s), _): e.children = s.isEmpty ? [] : [.text(s)]
        case (.date(let d), _): e.children = [.text(d.iso)]
        case (.flag(let b), _): e.children = [.text(b ? "true" : "false")]
        case (.record(let r), .record(let fields)):
            e.children = elements(r, fields: fields, depth: depth + 1) + [indent(depth)]
        case (.list(let items), .list(let itemType)):
            for item in items {
                e.children.append(indent(depth + 1))
                e.children.append(.element(element("项", item, type: itemType, depth: depth + 1)))
            }
            e.children.append(indent(depth))
        case (.list(let items), .paragraphs):
            for item in items {
                e.children.append(indent(depth + 1))
                e.children.append(.element(element("段", item, type: .text, depth: depth + 1)))
            }
            e.children.append(indent(depth))
        default: break
        }
        return e
    }

    private static func record(_ element: XMLElement, fields: [FieldSpec], source: String) throws(ArchiveError)
        -> FieldRecord
    {
        var result = FieldRecord()
        for child in element.children {
            guard case .element(let e) = child else { continue }
            guard let spec = fields.spec(e.name) else {
                throw ArchiveError(path: source, message: "<\(element.name)> 中有未知元素 <\(e.name)>")
            }
            result[spec.key] = try value(e, type: spec.type, source: source)
        }
        return result
    }

    private static func text(_ element: XMLElement) -> String {
        var s = ""
        for case .text(let t) in element.children { s += t }
        return s
    }

    private static func value(_ e: XMLElement, type: FieldType, source: String) throws(ArchiveError) -> FieldValue {
        switch type {
        case .text, .multilineText, .identifier, .phone, .choice, .documentNumber:
            return .text(text(e))
        case .date:
            guard let d = CivilDate(iso: text(e)) else {
                throw ArchiveError(path: source, message: "<\(e.name)> 的日期“\(text(e))”无效")
            }
            return .date(d)
        case .flag:
            return .flag(text(e) == "true")
        case .record(let fields):
            return .record(try record(e, fields: fields, source: source))
        case .list(let itemType):
            var items: [FieldValue] = []
            for case .element(let item) in e.children { items.append(try value(item, type: itemType, source: source)) }
            return .list(items)
        case .paragraphs:
            var items: [FieldValue] = []
            for case .element(let item) in e.children { items.append(.text(text(item))) }
            return .list(items)
        }
    }
}
