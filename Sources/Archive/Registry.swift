public import Matters
import ODF

/// The year's register of document numbers (`Archive/<year>/registry.xml`). A number is recorded before
/// the document is written and is never given again, even if the document is later lost.
///
/// Numbers given during a run are appended, one line each and synced, to the year's journal
/// (`<year>/.registry-journal`) — a cost that does not grow with the year — and `registry.xml` is rewritten
/// once when the run ends (``save()``), which empties the journal. Loading reads both, so a run that died
/// loses no number: the next run (or ``load(root:year:)`` alone) sees every number the journal holds.
public struct Registry: Sendable {
    public struct Entry: Sendable, Equatable {
        public var form: String
        public var number: DocumentNumber
        public var matter: String
        public var date: CivilDate
        /// The document's path relative to the archive root.
        public var file: String

        public init(form: String, number: DocumentNumber, matter: String, date: CivilDate, file: String) {
            self.form = form
            self.number = number
            self.matter = matter
            self.date = date
            self.file = file
        }
    }

    public let year: Int
    public let path: String
    public private(set) var entries: [Entry] = []
    /// How many of ``entries`` are in the journal but not yet in `registry.xml`.
    public private(set) var journaled: Int = 0
    /// Where each form's first entry for a matter is (`单据` and `事项` → its position in ``entries``), and where its
    /// later ones are, in order (few forms are given twice to one matter: one number a year costs no list).
    private var first: [Key: Int] = [:]
    private var later: [Key: [Int]] = [:]
    /// The highest serial given of each prefix.
    private var highest: [String: Int] = [:]

    private struct Key: Hashable {
        var form: String
        var matter: String
    }

    init(year: Int, path: String, entries: [Entry]) {
        self.year = year
        self.path = path
        for entry in entries { add(entry) }
    }

    /// Adds an entry to the list and the indexes.
    private mutating func add(_ entry: Entry) {
        let key = Key(form: entry.form, matter: entry.matter)
        if first[key] == nil { first[key] = entries.count } else { later[key, default: []].append(entries.count) }
        highest[entry.number.prefix] = max(highest[entry.number.prefix] ?? 0, entry.number.serial)
        entries.append(entry)
    }

    /// Whether the register holds exactly this entry.
    private func holds(_ entry: Entry) -> Bool {
        positions(Key(form: entry.form, matter: entry.matter)).contains { entries[$0] == entry }
    }

    /// The positions of a form's entries for a matter, in order.
    private func positions(_ key: Key) -> [Int] {
        guard let first = first[key] else { return [] }
        return [first] + (later[key] ?? [])
    }

    /// `<year>/.registry-journal` beside `registry.xml`.
    var journalPath: String { AtomicFile.parent(of: path) + "/.registry-journal" }

    /// Loads the register of `year` with the numbers its journal holds, or an empty one when the year has none
    /// yet.
    public static func load(root: String, year: Int) throws(ArchiveError) -> Registry {
        let path = "\(root)/\(year)/registry.xml"
        var registry = Registry(year: year, path: path, entries: [])
        if let bytes = try AtomicFile.readIfPresent(path) {
            let element: XMLElement
            do {
                element = try XMLDocumentParser.parse(bytes, source: path)
            } catch {
                throw ArchiveError(path: path, message: "登记簿已损坏：\(error)", code: .damaged)
            }
            for case .element(let e) in element.children where e.name == "文号" {
                guard let entry = entry(e, year: year) else {
                    throw ArchiveError(
                        path: path, message: "登记簿已损坏：第 \(registry.entries.count + 1) 条记录缺项", code: .damaged)
                }
                registry.add(entry)
            }
        }
        if let journal = try AtomicFile.readIfPresent(registry.journalPath) {
            // Whole lines only: a line cut short by a crash gave no number (the document waits for the sync).
            let lines = journal.split(separator: 0x0A, omittingEmptySubsequences: true)
            for (n, line) in lines.enumerated() where n < lines.count - 1 || journal.last == 0x0A {
                guard let element = try? XMLDocumentParser.parse(Array(line), source: registry.journalPath),
                    let entry = entry(element, year: year)
                else {
                    throw ArchiveError(
                        path: registry.journalPath, message: "登记簿日志已损坏：第 \(n + 1) 行", code: .damaged)
                }
                if !registry.holds(entry) {
                    registry.add(entry)
                    registry.journaled += 1
                }
            }
        }
        return registry
    }

    private static func entry(_ e: XMLElement, year: Int) -> Entry? {
        guard e.name == "文号", let form = e.attribute("单据"), let prefix = e.attribute("前缀"),
            let serial = e.attribute("序号").flatMap({ Int($0) }), let matter = e.attribute("事项"),
            let date = e.attribute("日期").flatMap({ CivilDate(iso: $0) }), let file = e.attribute("文件")
        else { return nil }
        return Entry(
            form: form, number: DocumentNumber(prefix: prefix, year: year, serial: serial), matter: matter, date: date,
            file: file)
    }

    /// The `occurrence`-th number given to the series `form` (a form's name, or a publication series') for
    /// `matter` (a matter's id, or a publication's period), if any.
    public func existing(form: String, matter: String, occurrence: Int = 1) -> Entry? {
        let key = Key(form: form, matter: matter)
        guard occurrence >= 1, let first = first[key] else { return nil }
        if occurrence == 1 { return entries[first] }
        guard let later = later[key], occurrence - 2 < later.count else { return nil }
        return entries[later[occurrence - 2]]
    }

    /// The `occurrence`-th number given to `form` for `matter`, if any.
    public func existing(form: Form, matter: String, occurrence: Int = 1) -> Entry? {
        existing(form: form.rawValue, matter: matter, occurrence: occurrence)
    }

    /// Every number given to the series `form` for `matter`, in the order given.
    public func all(form: String, matter: String) -> [Entry] {
        positions(Key(form: form, matter: matter)).map { entries[$0] }
    }

    /// The next free number of `prefix` this year.
    public func next(prefix: String) -> DocumentNumber {
        DocumentNumber(prefix: prefix, year: year, serial: (highest[prefix] ?? 0) + 1)
    }

    /// Records a number as given in memory only (call ``save()`` before writing the document).
    public mutating func record(form: Form, number: DocumentNumber, matter: String, date: CivilDate, file: String) {
        add(Entry(form: form.rawValue, number: number, matter: matter, date: date, file: file))
    }

    /// Records a number as given, durably, at a cost that does not depend on how many the year has: one line
    /// appended to the journal and synced. The document may be written once this returns.
    public mutating func append(_ entry: Entry) throws(ArchiveError) {
        try AtomicFile.makeDirectories(AtomicFile.parent(of: path))
        var line: [UInt8] = []
        XMLWriter.serialize(Self.element(entry), into: &line)
        line.append(0x0A)
        let created = try !Posix.exists(journalPath)
        let file = try FileDescriptor(opening: journalPath, .append(mode: 0o644), failure: "无法打开登记簿日志")
        try file.write(line, failure: "写入登记簿日志失败")
        try file.sync(failure: "fsync 失败")
        try file.close(failure: "写入登记簿日志失败")
        if created { try Posix.syncDirectory(AtomicFile.parent(of: path)) }
        add(entry)
        journaled += 1
    }

    /// Writes the register atomically with every number (the journal's too), then empties the journal.
    public mutating func save() throws(ArchiveError) {
        // Written entry by entry, not as one tree of the year's elements (a year of ten thousand matters has
        // thirteen thousand numbers); the bytes are those of the tree.
        var out = XMLWriter.declaration
        out.reserveCapacity(out.count + 128 + entries.count * 256)
        out += Array(#"<登记簿 xmlns="urn:ducha:registry:1" 年度=""#.utf8) + Array(String(year).utf8) + Array(#"">"#.utf8)
        for entry in entries {
            out += Array("\n  ".utf8)
            XMLWriter.serialize(Self.element(entry), into: &out)
        }
        out += Array("\n</登记簿>\n".utf8)
        try AtomicFile.write(out, to: path)
        if try Posix.exists(journalPath) {
            try Posix.unlink(journalPath, failure: "无法删除登记簿日志")
            try Posix.syncDirectory(AtomicFile.parent(of: path))
        }
        journaled = 0
    }

    private static func element(_ entry: Entry) -> XMLElement {
        XMLElement(
            "文号",
            attributes: [
                XMLAttribute("单据", entry.form), XMLAttribute("前缀", entry.number.prefix),
                XMLAttribute("序号", String(entry.number.serial)), XMLAttribute("文号", entry.number.description),
                XMLAttribute("事项", entry.matter), XMLAttribute("日期", entry.date.iso), XMLAttribute("文件", entry.file),
            ])
    }
}
