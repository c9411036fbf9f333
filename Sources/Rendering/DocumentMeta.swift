import ODF

/// What a document says about itself in `meta.xml` (or the flat document's `office:meta`).
public struct DocumentMeta: Sendable, Equatable {
    /// dc:title, e.g. `督查通知单 西督通〔2026〕12号：…`.
    public var title: String
    /// dc:subject: the matter's name.
    public var subject: String
    /// The matter's id, stored as the user-defined field `事项编号`; `nil` for a document about no one matter
    /// (a bulletin issue, an assessment sheet), whose meta then has no such field.
    public var matterID: String?
    /// The issue date, `YYYY-MM-DD`: meta:creation-date and dc:date, and the zip entries' time.
    public var date: (year: Int, month: Int, day: Int)
    /// Further user-defined fields (name, value), e.g. 文号.
    public var extra: [(name: String, value: String)]

    /// meta:generator.
    public static let generator = "Ducha/1.0"

    public init(
        title: String, subject: String, matterID: String? = nil, date: (year: Int, month: Int, day: Int),
        extra: [(name: String, value: String)] = []
    ) {
        self.title = title
        self.subject = subject
        self.matterID = matterID
        self.date = date
        self.extra = extra
    }

    public static func == (lhs: DocumentMeta, rhs: DocumentMeta) -> Bool {
        lhs.title == rhs.title && lhs.subject == rhs.subject && lhs.matterID == rhs.matterID
            && lhs.date == rhs.date && lhs.extra.elementsEqual(rhs.extra, by: { $0 == $1 })
    }

    var dateTime: String { Self.isoDate(date.year, date.month, date.day) + "T00:00:00" }

    /// `2026-03-05`.
    static func isoDate(_ year: Int, _ month: Int, _ day: Int) -> String {
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The office:meta element.
    var element: XMLElement {
        func leaf(_ name: String, _ text: String, _ attributes: [XMLAttribute] = []) -> XMLNode {
            .element(XMLElement(name, attributes: attributes, children: [.text(text)]))
        }
        var children: [XMLNode] = [
            leaf("meta:generator", Self.generator),
            leaf("dc:title", title),
            leaf("dc:subject", subject),
            leaf("meta:creation-date", dateTime),
            leaf("dc:date", dateTime),
            leaf("dc:language", "zh-CN"),
        ]
        if let matterID {
            children.append(leaf("meta:user-defined", matterID, [XMLAttribute("meta:name", "事项编号")]))
        }
        for (name, value) in extra {
            children.append(leaf("meta:user-defined", value, [XMLAttribute("meta:name", name)]))
        }
        return XMLElement("office:meta", children: children)
    }

    /// The namespaces the meta element uses, by prefix.
    static let namespaces = [
        ("office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
        ("meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"),
        ("dc", "http://purl.org/dc/elements/1.1/"),
    ]

    /// A whole meta.xml part.
    var part: [UInt8] {
        XMLElement(
            "office:document-meta",
            attributes: Self.namespaces.map { XMLAttribute("xmlns:" + $0.0, $0.1) } + [
                XMLAttribute("office:version", ODFPackageWriter.version)
            ],
            children: [.element(element)]
        ).documentBytes()
    }

    /// The meta of a document that covers many matters: an empty `matterID` names none.
    var namingNoEmptyMatter: DocumentMeta {
        var meta = self
        if meta.matterID?.isEmpty == true { meta.matterID = nil }
        return meta
    }
}
