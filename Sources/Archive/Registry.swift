public import Matters
import ODF

/// The year's register of document numbers (`Archive/<year>/registry.xml`). A number is recorded before
/// the document is written and is never given again, even if the document is later lost.
public struct Registry: Sendable {
    public struct Entry: Sendable, Equatable {
        public var form: String
        public var number: DocumentNumber
        public var matter: String
        public var date: CivilDate
        /// The document's path relative to the archive root.
        public var file: String
    }

    public let year: Int
    public let path: String
    public private(set) var entries: [Entry]

    /// Loads the register of `year`, or an empty one when the year has none yet.
    public static func load(root: String, year: Int) throws(ArchiveError) -> Registry {
        let path = "\(root)/\(year)/registry.xml"
        guard let bytes = try AtomicFile.readIfPresent(path) else {
            return Registry(year: year, path: path, entries: [])
        }
        let element: XMLElement
        do {
            element = try XMLDocumentParser.parse(bytes, source: path)
        } catch {
            throw ArchiveError(path: path, message: "登记簿已损坏：\(error)", code: .damaged)
        }
        var entries: [Entry] = []
        for case .element(let e) in element.children where e.name == "文号" {
            guard let form = e.attribute("单据"), let prefix = e.attribute("前缀"),
                let serial = e.attribute("序号").flatMap({ Int($0) }), let matter = e.attribute("事项"),
                let date = e.attribute("日期").flatMap({ CivilDate(iso: $0) }), let file = e.attribute("文件")
            else {
                throw ArchiveError(path: path, message: "登记簿已损坏：第 \(entries.count + 1) 条记录缺项", code: .damaged)
            }
            entries.append(
                Entry(
                    form: form, number: DocumentNumber(prefix: prefix, year: year, serial: serial), matter: matter,
                    date: date, file: file))
        }
        return Registry(year: year, path: path, entries: entries)
    }

    /// The number already given to `form` for `matter`, if any.
    public func existing(form: Form, matter: String, occurrence: Int = 1) -> Entry? {
        entries.filter { $0.form == form.rawValue && $0.matter == matter }.dropFirst(occurrence - 1).first
    }

    /// The next free number of `prefix` this year.
    public func next(prefix: String) -> DocumentNumber {
        let serial = (entries.filter { $0.number.prefix == prefix }.map(\.number.serial).max() ?? 0) + 1
        return DocumentNumber(prefix: prefix, year: year, serial: serial)
    }

    /// Records a number as given (call ``save()`` before writing the document, so that a crash can never
    /// hand the number out twice).
    public mutating func record(form: Form, number: DocumentNumber, matter: String, date: CivilDate, file: String) {
        entries.append(Entry(form: form.rawValue, number: number, matter: matter, date: date, file: file))
    }

    /// Writes the register atomically.
    public func save() throws(ArchiveError) {
        var root = XMLElement(
            "登记簿", attributes: [XMLAttribute("xmlns", "urn:ducha:registry:1"), XMLAttribute("年度", String(year))])
        for entry in entries {
            root.children.append(.text("\n  "))
            root.children.append(
                .element(
                    XMLElement(
                        "文号",
                        attributes: [
                            XMLAttribute("单据", entry.form), XMLAttribute("前缀", entry.number.prefix),
                            XMLAttribute("序号", String(entry.number.serial)),
                            XMLAttribute("文号", entry.number.description),
                            XMLAttribute("事项", entry.matter), XMLAttribute("日期", entry.date.iso),
                            XMLAttribute("文件", entry.file),
                        ])))
        }
        root.children.append(.text("\n"))
        var out = XMLWriter.declaration
        XMLWriter.serialize(root, into: &out)
        out.append(0x0A)
        try AtomicFile.write(out, to: path)
    }
}
