public import Matters
import ODF

/// An event as the archive keeps it: numbered, its attachments stored in the bag with their digests, and
/// the number of the slip issued for it, if any.
public struct StoredEvent: Sendable, Equatable {
    /// 1, 2, 3 … in the matter's log.
    public var sequence: Int
    /// The event; its `附件` holds the attachments' paths inside the bag.
    public var event: MatterEvent
    /// SHA-256 of each attachment, in the order of `附件`.
    public var digests: [String]
    /// The slip issued for this event (通知单, 转阅单, 催办单, 退办单).
    public var slip: DocumentNumber?

    public init(sequence: Int, event: MatterEvent, digests: [String] = [], slip: DocumentNumber? = nil) {
        self.sequence = sequence
        self.event = event
        self.digests = digests
        self.slip = slip
    }
}

/// `matter.xml`: a matter's record and event log, as XML whose element names are the catalogues' keys.
public enum MatterXML {
    public static let namespace = "urn:ducha:matter:1"

    /// The record and its log, indented for reading; text values are kept exactly.
    public static func encode(_ matter: Matter, log: [StoredEvent] = []) -> [UInt8] {
        var root = XMLElement("督查事项", attributes: [XMLAttribute("xmlns", namespace)])
        root.children = FieldXML.elements(matter.values, fields: MatterCatalogue.fields, depth: 1)
        if !log.isEmpty {
            var events = XMLElement("事件记录")
            for stored in log {
                events.children.append(FieldXML.indent(2))
                events.children.append(.element(element(stored, depth: 2)))
            }
            events.children.append(FieldXML.indent(1))
            root.children.append(FieldXML.indent(1))
            root.children.append(.element(events))
        }
        root.children.append(.text("\n"))
        var out = XMLWriter.declaration
        XMLWriter.serialize(root, into: &out)
        out.append(0x0A)
        return out
    }

    /// Reads a record and its log back exactly.
    public static func decode(_ bytes: [UInt8], source: String) throws(ArchiveError) -> (Matter, [StoredEvent]) {
        let root: XMLElement
        do {
            root = try XMLDocumentParser.parse(bytes, source: source)
        } catch {
            throw ArchiveError(path: source, message: "matter.xml 无法读取：\(error)", code: .damaged)
        }
        guard root.name == "督查事项" else { throw ArchiveError(path: source, message: "根元素应为 <督查事项>", code: .damaged) }
        let matter = Matter(
            values: try FieldXML.record(root, fields: MatterCatalogue.fields, source: source, skipping: ["事件记录"]))
        var log: [StoredEvent] = []
        for case .element(let events) in root.children where events.name == "事件记录" {
            for case .element(let e) in events.children where e.name == "事件" {
                log.append(try event(e, source: source))
            }
        }
        return (matter, log)
    }

    /// One event as an element (also the root of the event's own record file).
    static func element(_ stored: StoredEvent, depth: Int) -> XMLElement {
        var attributes = [
            XMLAttribute("序号", String(stored.sequence)), XMLAttribute("类型", stored.event.kind.rawValue),
        ]
        if let slip = stored.slip {
            attributes += [
                XMLAttribute("文号", slip.description), XMLAttribute("文号前缀", slip.prefix),
                XMLAttribute("文号年度", String(slip.year)), XMLAttribute("文号序号", String(slip.serial)),
            ]
        }
        var e = XMLElement("事件", attributes: attributes)
        let fields = EventCatalogue.allFields(of: stored.event.kind).filter { $0.key != "附件" }
        e.children = FieldXML.elements(stored.event.values, fields: fields, depth: depth + 1)
        let paths = stored.event.values["附件"]?.list?.compactMap(\.text) ?? []
        for (path, digest) in zip(paths, stored.digests) {
            e.children.append(FieldXML.indent(depth + 1))
            e.children.append(
                .element(XMLElement("附件", attributes: [XMLAttribute("sha256", digest)], children: [.text(path)])))
        }
        e.children.append(FieldXML.indent(depth))
        return e
    }

    static func event(_ e: XMLElement, source: String) throws(ArchiveError) -> StoredEvent {
        guard let kindName = e.attribute("类型"), let kind = EventKind(rawValue: kindName),
            let sequence = e.attribute("序号").flatMap({ Int($0) })
        else { throw ArchiveError(path: source, message: "事件记录缺少序号或类型", code: .damaged) }
        let fields = EventCatalogue.allFields(of: kind).filter { $0.key != "附件" }
        var values = try FieldXML.record(e, fields: fields, source: source, skipping: ["附件"])
        var paths: [FieldValue] = []
        var digests: [String] = []
        for case .element(let a) in e.children where a.name == "附件" {
            paths.append(.text(FieldXML.text(a)))
            digests.append(a.attribute("sha256") ?? "")
        }
        if !paths.isEmpty { values["附件"] = .list(paths) }
        var slip: DocumentNumber?
        if let prefix = e.attribute("文号前缀"), let year = e.attribute("文号年度").flatMap({ Int($0) }),
            let serial = e.attribute("文号序号").flatMap({ Int($0) })
        {
            slip = DocumentNumber(prefix: prefix, year: year, serial: serial)
        }
        return StoredEvent(
            sequence: sequence, event: MatterEvent(kind: kind, values: values), digests: digests, slip: slip)
    }

    /// An event's own record file (filed in its stage's folder).
    public static func eventRecord(_ stored: StoredEvent) -> [UInt8] {
        var root = element(stored, depth: 0)
        root.attributes.insert(XMLAttribute("xmlns", namespace), at: 0)
        var out = XMLWriter.declaration
        XMLWriter.serialize(root, into: &out)
        out.append(0x0A)
        return out
    }
}
