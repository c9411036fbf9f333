import Matters
import ODF

/// Catalogue values as XML elements named by their keys: lists as `<项>`, paragraphs as `<段>`. Used by
/// `matter.xml` and the event records, so an archivist can read them without Ducha and Ducha can read
/// them back exactly.
enum FieldXML {
    static func indent(_ depth: Int) -> XMLNode { .text("\n" + String(repeating: "  ", count: depth)) }

    static func elements(_ record: FieldRecord, fields: [FieldSpec], depth: Int) -> [XMLNode] {
        var nodes: [XMLNode] = []
        for spec in fields {
            guard let value = record[spec.key] else { continue }
            nodes.append(indent(depth))
            nodes.append(.element(element(spec.key, value, type: spec.type, depth: depth)))
        }
        return nodes
    }

    static func element(_ name: String, _ value: FieldValue, type: FieldType, depth: Int) -> XMLElement {
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

    static func record(_ element: XMLElement, fields: [FieldSpec], source: String, skipping: Set<String> = [])
        throws(ArchiveError) -> FieldRecord
    {
        var result = FieldRecord()
        for child in element.children {
            guard case .element(let e) = child, !skipping.contains(e.name) else { continue }
            guard let spec = fields.spec(e.name) else {
                throw ArchiveError(path: source, message: "<\(element.name)> 中有未知元素 <\(e.name)>", code: .damaged)
            }
            result[spec.key] = try value(e, type: spec.type, source: source)
        }
        return result
    }

    static func text(_ element: XMLElement) -> String {
        var s = ""
        for case .text(let t) in element.children { s += t }
        return s
    }

    static func value(_ e: XMLElement, type: FieldType, source: String) throws(ArchiveError) -> FieldValue {
        switch type {
        case .text, .multilineText, .identifier, .phone, .choice, .documentNumber, .count:
            return .text(text(e))
        case .date:
            guard let d = CivilDate(iso: text(e)) else {
                throw ArchiveError(path: source, message: "<\(e.name)> 的日期“\(text(e))”无效", code: .damaged)
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
