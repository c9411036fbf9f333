public import Matters

/// The 一事一档 store: `<root>/<year>/<matter-id>/` is a BagIt bag holding `data/matter.xml` (the record
/// and its event log) and the matter's papers in one folder per stage.
public struct ArchiveStore: Sendable {
    /// The folders of a matter's papers under `data/`, one per stage of its life.
    public enum Folder: String, CaseIterable, Sendable {
        /// 交办: 《督查通知单》, 《领导批示转阅（办）单》, 审定, 签收.
        case assignment = "交办"
        /// 预案: 项目管理责任制, 落实预案, 保障措施.
        case plan = "预案"
        /// 进展: 进展报告, 周报/月报.
        case progress = "进展"
        /// 督查: 督查记录, 《督查催办单》, 《督查退办单》, 延期和调整置换材料.
        case inspections = "督查"
        /// 办结: 办理报告, 审核, 办结, 归档, 再督查.
        case completion = "办结"

        /// Where an event's record and papers are filed.
        public static func of(_ event: MatterEvent) -> Folder {
            switch event.kind {
            case .registration, .approval, .assignment, .transfer, .receipt: return .assignment
            case .responsibility, .plan, .safeguards: return .plan
            case .progress, .weeklyReport, .monthlyReport: return .progress
            case .inspection, .reminder, .extensionRequest, .extensionDecision, .adjustment: return .inspections
            case .review: return event.verdict == .returned ? .inspections : .completion
            case .report, .completion, .archiving, .reinspection: return .completion
            }
        }
    }

    public let root: String
    public let office: OfficeProfile
    /// The writing run this store works in: registries in memory, each changed bag sealed once at its end.
    /// Without one, every change is sealed at once (for tools and tests that write outside a run).
    public let run: ArchiveRun?
    /// How many threads reading every matter (``forEachRecord(_:)``) may use: the run's, or one.
    public var threads: Int { run?.threads ?? readers }
    private let readers: Int

    /// - Parameter threads: for a store outside a run, how many threads may read matters ahead.
    public init(root: String, office: OfficeProfile, run: ArchiveRun? = nil, threads: Int = 1) {
        self.root = root
        self.office = office
        self.run = run
        readers = max(threads, 1)
    }

    /// `<root>/<year>/<id>`.
    public func folder(of matter: Matter) -> String { "\(root)/\(matter.year)/\(matter.id)" }

    /// The journal that makes changes to bags crash-safe.
    public var journal: ChangeJournal { ChangeJournal(root: root) }

    /// Runs `change` on a matter's bag between a journal marker and a fresh seal (in a run: the bag's seal at
    /// the run's end).
    public func changing<T>(_ matter: Matter, _ change: () throws -> T) throws -> T {
        if run != nil {
            try mark(matter)
            return try change()
        }
        let bag = bagName(matter)
        try journal.begin(bag)
        let result = try change()
        try seal(matter)
        try journal.end(bag)
        return result
    }

    /// `<year>/<id>`, the bag's name in the journal.
    private func bagName(_ matter: Matter) -> String { "\(matter.year)/\(matter.id)" }

    /// In a run: marks the bag in the journal before its first change, and has the run seal it at its end.
    private func mark(_ matter: Matter) throws(ArchiveError) {
        guard let run else { return }
        let bag = bagName(matter)
        if !run.isMarked(bag) { try journal.begin(bag) }
        // What the seal needs and no more: a run holds one of these for every bag it changed.
        let (id, year, registered, mode) = (matter.id, matter.year, matter.registered, fileMode(matter))
        let (root, office) = (root, office.name)
        run.changed(bag) { () throws(ArchiveError) in
            try Bag(root: "\(root)/\(year)/\(id)").seal(
                info: Self.sealInfo(office: office, id: id, year: year, registered: registered), mode: mode,
                folderSync: .withRun(run))
        }
    }

    /// Seals the bag now, or (in a run) at the run's end.
    func sealed(_ matter: Matter) throws(ArchiveError) {
        if run != nil { try mark(matter) } else { try seal(matter) }
    }

    /// Folder syncs of a run's writes wait for its end (the bag is marked in the journal until then).
    var folderSync: FolderSync { run.map { .later($0) } ?? .now }

    /// The registry of `year`: the run's, or read now.
    func registry(_ year: Int) throws(ArchiveError) -> Registry {
        try Registry.current(root: root, year: year, in: run)
    }

    /// Finishes what a run that died left: removes stray temporary files and reseals every bag it was
    /// changing. Call under the archive lock before writing.
    /// - Returns: the bags that were resealed.
    @discardableResult
    public func recover() throws(ArchiveError) -> [String] {
        try journal.removeStrayTemporaryFiles()
        for year in try years() {
            // Numbers a dead run gave are in the journal only: write them into registry.xml.
            var registry = try Registry.load(root: root, year: year)
            if registry.journaled > 0 { try registry.save() }
        }
        var resealed: [String] = []
        for bag in try journal.pending() {
            let path = "\(root)/\(bag)/data/matter.xml"
            let parts = bag.split(separator: "/").map(String.init)
            if try Posix.exists(path) {
                // matter.xml is synced before it is renamed into place: the event records a dead run wrote after
                // it (synced only at a run's end) are made again from it, whole.
                let (matter, log) = try MatterXML.decode(try AtomicFile.read(path), source: path)
                try writeEventRecords(log, of: matter, folderSync: .now)
                try seal(matter)
                resealed.append(bag)
            } else if parts.count == 2, let year = Int(parts[0]),
                let series = PeriodicStore.Series.allCases.first(where: { $0.folder == parts[1] })
            {
                // A publication series: sealed with the fields its store gives it, even if the run died before
                // the series' first seal.
                try PeriodicStore(root: root, office: office).seal(series, year: year)
                resealed.append(bag)
            } else if let fields = try Bag(root: "\(root)/\(bag)").statedInfo() {
                // Another kind of bag (bulletins, assessment): reseal with the fields it already states.
                try Bag(root: "\(root)/\(bag)").seal(info: fields)
                resealed.append(bag)
            }
            try journal.end(bag)
        }
        return resealed
    }

    /// An archived matter and its event log, found by id in any year.
    public func record(id: String) throws(ArchiveError) -> (matter: Matter, log: [StoredEvent])? {
        for year in try years() {
            let path = "\(root)/\(year)/\(id)/data/matter.xml"
            guard try Posix.exists(path) else { continue }
            let (matter, log) = try MatterXML.decode(try AtomicFile.read(path), source: path)
            return (matter, log)
        }
        return nil
    }

    /// An archived matter, found by id in any year.
    public func matter(id: String) throws(ArchiveError) -> Matter? { try record(id: id)?.matter }

    /// Every archived matter with its log, by year then id.
    public func allRecords() throws(ArchiveError) -> [(matter: Matter, log: [StoredEvent])] {
        var result: [(matter: Matter, log: [StoredEvent])] = []
        for year in try years() {
            for id in try Self.list("\(root)/\(year)").sorted() {
                let path = "\(root)/\(year)/\(id)/data/matter.xml"
                guard try Posix.exists(path) else { continue }
                let (matter, log) = try MatterXML.decode(try AtomicFile.read(path), source: path)
                result.append((matter, log))
            }
        }
        return result
    }

    /// How many matters are archived (without reading them).
    public func recordCount() throws(ArchiveError) -> Int {
        var count = 0
        for year in try years() {
            for id in try Self.list("\(root)/\(year)") where try Posix.exists("\(root)/\(year)/\(id)/data/matter.xml") {
                count += 1
            }
        }
        return count
    }

    /// Visits every archived matter with its log, by year then id (a year of matters is never held at once).
    /// `body` may change the matter it is given, and no other.
    public func forEachRecord(_ body: (Matter, [StoredEvent]) throws -> Void) throws {
        try forEachRecord(prepare: { $0 }, visit: { try body($0.matter, $0.log) })
    }

    /// Visits every archived matter, by year then id, as `prepare` makes it of the matter and its log. Matters
    /// are read, decoded and prepared ahead of their visit on ``threads`` threads (a few dozen ahead: a year of
    /// matters is never held at once) and visited in order on the calling thread, so that what `body` does comes
    /// out as from one thread. `body` may change the matter it is given, and no other (those after it may have
    /// been read already).
    public func forEachRecord<Prepared: Sendable>(
        prepare: @escaping @Sendable ((matter: Matter, log: [StoredEvent])) -> Prepared,
        visit body: (Prepared) throws -> Void
    ) throws {
        var paths: [String] = []
        for year in try years() {
            for id in try Self.list("\(root)/\(year)").sorted() {
                paths.append("\(root)/\(year)/\(id)/data/matter.xml")
            }
        }
        try Parallel.inOrder(
            paths.count, makers: threads > 1 ? threads : 0,
            make: { [paths] index -> Result<Prepared?, ArchiveError> in
                let path = paths[index]
                return Result { () throws(ArchiveError) -> Prepared? in
                    guard try Posix.exists(path) else { return nil }
                    return prepare(try MatterXML.decode(try AtomicFile.read(path), source: path))
                }
            },
            visit: { _, made in
                if let prepared = try made.get() { try body(prepared) }
            })
    }

    public enum RegisterOutcome: Sendable, Equatable {
        case added
        case unchanged
    }

    /// Archives a new matter as a bag (立项). The same record again changes nothing; a different record
    /// under an archived id is refused, so nothing archived is ever overwritten by intake.
    public func register(_ matter: Matter) throws(ArchiveError) -> RegisterOutcome {
        if let existing = try self.matter(id: matter.id) {
            if existing == matter { return .unchanged }
            let changed = MatterCatalogue.fields.map(\.key).filter { existing.values[$0] != matter.values[$0] }
            throw ArchiveError(
                path: folder(of: existing),
                message: "事项 \(matter.id) 已归档，记录与已归档的不同（字段：\(changed.joined(separator: "、"))）；已归档的内容不会被覆盖",
                code: .conflict)
        }
        let bag = folder(of: matter)
        if run == nil { try journal.begin(bagName(matter)) } else { try mark(matter) }
        for stage in Folder.allCases {
            try AtomicFile.makeDirectories("\(bag)/data/\(stage.rawValue)", folderSync: folderSync)
        }
        try restrict(matter)
        try AtomicFile.write(
            MatterXML.encode(matter), to: "\(bag)/data/matter.xml", mode: fileMode(matter), folderSync: folderSync)
        if run == nil {
            try seal(matter)
            try journal.end(bagName(matter))
        }
        return .added
    }

    /// Issues a numbered document for a matter: ``give(form:for:occurrence:date:into:fileExtension:)`` its
    /// number, renders it, and ``file(_:at:of:)`` it.
    /// - Parameters:
    ///   - occurrence: 1 for the matter's first slip of this form, 2 for the second …
    ///   - render: makes the document's bytes for its number and date.
    /// - Returns: the number, the document's date and its path.
    public func issue(
        form: Form, for matter: Matter, occurrence: Int = 1, date: CivilDate, into folder: Folder,
        fileExtension: String, render: (DocumentNumber, CivilDate) throws -> [UInt8]
    ) throws -> (number: DocumentNumber, date: CivilDate, path: String) {
        let given = try give(
            form: form, for: matter, occurrence: occurrence, date: date, into: folder, fileExtension: fileExtension)
        let path = "\(root)/\(given.file)"
        try file(try render(given.number, given.date), at: path, of: matter)
        return (given.number, given.date, path)
    }

    /// The number of a document to issue: the number already registered for this occurrence of the form (with
    /// its date, so a re-run gives the same bytes), or the next free one, recorded before anything is written
    /// (in a run, a line of the registry's journal), so that a run that dies never gives a number twice.
    /// - Returns: the number, the document's date and where to ``file(_:at:of:)`` it, relative to the archive's
    ///   root: the registry's own string when its extension is `fileExtension` (a run holds the year's entries
    ///   and every slip it made, and the two then share one copy of each path).
    public func give(
        form: Form, for matter: Matter, occurrence: Int = 1, date: CivilDate, into folder: Folder,
        fileExtension: String
    ) throws -> (number: DocumentNumber, date: CivilDate, file: String) {
        var found: Registry.Entry?
        for year in matter.year...max(matter.year, date.year) {
            if let entry = try registry(year).existing(form: form, matter: matter.id, occurrence: occurrence) {
                found = entry
                break
            }
        }
        let entry: Registry.Entry
        if let found {
            entry = found
        } else {
            let number = try registry(date.year).next(prefix: try office.prefix(for: form))
            // Of its own size: the run holds the year's entries, and an interpolated string keeps room to grow.
            let file = String.exactly(
                "\(matter.year)/\(matter.id)/data/\(folder.rawValue)/\(form.rawValue)-\(number).\(fileExtension)")
            entry = Registry.Entry(form: form.rawValue, number: number, matter: matter.id, date: date, file: file)
            // Recorded before the document is written, so that a run that dies never gives the number twice.
            if let run {
                try run.give(entry, year: date.year)
            } else {
                var registry = try registry(date.year)
                registry.record(form: form, number: number, matter: matter.id, date: date, file: file)
                try registry.save()
            }
        }
        if entry.file.hasSuffix(".\(fileExtension)") { return (entry.number, entry.date, entry.file) }
        let base = entry.file.lastIndex(of: ".").map { String(entry.file[..<$0]) } ?? entry.file
        return (entry.number, entry.date, String.exactly("\(base).\(fileExtension)"))
    }

    /// Files a numbered document's bytes at the path ``give(form:for:occurrence:date:into:fileExtension:)``
    /// gave, and reseals the bag (in a run: at its end). Touches only this matter's bag.
    public func file(_ bytes: [UInt8], at path: String, of matter: Matter) throws(ArchiveError) {
        try AtomicFile.write(bytes, to: path, mode: fileMode(matter), folderSync: folderSync)
        try sealed(matter)
    }

    /// Files `bytes` beside one of the matter's documents (`document`, a full path in its bag), under the same
    /// name with `fileExtension`, and reseals the bag; an existing file of that name is never replaced. The
    /// caller holds the journal marker (``changing(_:_:)``).
    /// - Returns: the new file's path, or nil when one was already filed.
    public func fileBeside(_ bytes: [UInt8], document: String, fileExtension: String, of matter: Matter)
        throws(ArchiveError) -> String?
    {
        let base = document.lastIndex(of: ".").map { String(document[..<$0]) } ?? document
        let path = "\(base).\(fileExtension)"
        guard path.hasPrefix(folder(of: matter) + "/data/"), try AtomicFile.readIfPresent(path) == nil else {
            return nil
        }
        try AtomicFile.write(bytes, to: path, mode: fileMode(matter), folderSync: folderSync)
        try sealed(matter)
        return path
    }

    /// Rewrites the bag's manifests and tag files.
    public func seal(_ matter: Matter) throws(ArchiveError) {
        try Bag(root: folder(of: matter)).seal(info: sealInfo(matter), mode: fileMode(matter))
    }

    /// A matter bag's bag-info.txt fields.
    private func sealInfo(_ matter: Matter) -> [(String, String)] {
        Self.sealInfo(office: office.name, id: matter.id, year: matter.year, registered: matter.registered)
    }

    private static func sealInfo(office: String, id: String, year: Int, registered: CivilDate) -> [(String, String)] {
        [
            ("Source-Organization", office),
            ("External-Identifier", id),
            ("Bag-Group-Identifier", "\(office) \(year)年度督查事项"),
            ("Bagging-Date", registered.iso),
        ]
    }

    /// The permission bits of a matter's files: owner only for a 涉密 matter.
    func fileMode(_ matter: Matter) -> FileMode { matter.isClassified ? 0o600 : 0o644 }

    /// 涉密 matters: the folder and everything in it readable by the owner only.
    private func restrict(_ matter: Matter) throws(ArchiveError) {
        guard matter.isClassified else { return }
        try ArchiveFolders.restrictToOwner(folder(of: matter))
    }

    /// The archive's years; none when nothing was archived yet.
    private func years() throws(ArchiveError) -> [Int] {
        try Self.list(root).compactMap { Int($0) }.sorted()
    }

    static func pad(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 3 ? s : String(repeating: "0", count: 3 - s.count) + s
    }

    /// The visible names in a folder of the archive (the root, a year); none when the folder is not there
    /// yet, an error when it cannot be read.
    static func list(_ path: String) throws(ArchiveError) -> [String] {
        try Directory.entries(path, missing: .empty).map(\.name).filter { !$0.hasPrefix(".") }
    }
}

extension String {
    /// A copy of `text` in storage of just its size (an interpolated string keeps room to grow), for strings a
    /// run holds many of.
    static func exactly(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
}
