public import Matters

/// The office's periodic publications, beside the matter folders of a year: `<root>/<year>/bulletins/`
/// (《西城政务督查》, one issue per quarter) and `<root>/<year>/assessment/` (the 督考合一 sheets). Each folder
/// is one BagIt bag; each publication is numbered in the year's registry (`registry.xml`, same format as the
/// slips' numbers: 单据 tells the series, 事项 the period) before anything is written, so a number is never
/// given twice, and a re-run finds it and writes the same bytes again.
public struct PeriodicStore: Sendable {
    /// A series of publications: its registry name (单据) and its folder.
    public enum Series: String, Sendable, CaseIterable {
        /// 《西城政务督查》: 期号 per year of the issue date (第N期).
        case bulletin = "刊物"
        /// 督考合一考评表.
        case assessment = "督考合一考评表"

        /// The bag's folder name under the year.
        public var folder: String {
            switch self {
            case .bulletin: return "bulletins"
            case .assessment: return "assessment"
            }
        }
    }

    /// What ``publish(_:key:prefix:date:matchingDate:baseName:fileExtension:render:)`` did.
    public struct Publication: Sendable, Equatable {
        public var number: DocumentNumber
        /// The date registered with the number (the first publication's date).
        public var date: CivilDate
        /// The files written, main one first (absolute or relative to the current folder, as `root` is).
        public var paths: [String]
        /// Whether anything changed: a new number, or a file whose bytes differed.
        public var changed: Bool
    }

    public let root: String
    public let office: OfficeProfile
    /// The writing run (see ``ArchiveStore/run``): its registries, and the bag sealed at its end.
    public let run: ArchiveRun?

    public init(root: String, office: OfficeProfile, run: ArchiveRun? = nil) {
        self.root = root
        self.office = office
        self.run = run
    }

    /// The registry of `year`: the run's, or read now.
    private func registry(_ year: Int) throws(ArchiveError) -> Registry {
        try Registry.current(root: root, year: year, in: run)
    }

    /// `<root>/<year>/<series folder>`.
    public func bag(_ series: Series, year: Int) -> String { "\(root)/\(year)/\(series.folder)" }

    /// The publication of `series` registered for `key`, searched in the registries of `years`.
    public func existing(_ series: Series, key: String, date: CivilDate? = nil, years: ClosedRange<Int>)
        throws(ArchiveError) -> Registry.Entry?
    {
        for year in years {
            if let entry = try registry(year).all(form: series.rawValue, matter: key).first(where: {
                date == nil || $0.date == date
            }) {
                return entry
            }
        }
        return nil
    }

    /// Publishes (or re-publishes, byte for byte) one publication: takes the number registered for `key`
    /// (and `date`, when `matchingDate`), or registers the next number of `prefix` in the year of `date`;
    /// renders with that number and its registered date; writes each file atomically into the bag's `data/`
    /// folder (a file already holding the same bytes is left alone); and reseals the bag.
    /// - Parameters:
    ///   - key: the period, e.g. `2026Q1` (the registry's 事项).
    ///   - baseName: the file name, without extension, for a number.
    ///   - fileExtension: the main file's extension, as the registry records it.
    ///   - render: the files' bytes by extension, main file first, for a number and date.
    public func publish(
        _ series: Series, key: String, prefix: String, date: CivilDate, matchingDate: Bool = false,
        baseName: (DocumentNumber) -> String, fileExtension: String,
        render: (DocumentNumber, CivilDate) throws -> [(String, [UInt8])]
    ) throws -> Publication {
        let years = (date.year - 1)...(date.year + 1)
        var changed = false
        let entry: Registry.Entry
        if let found = try existing(series, key: key, date: matchingDate ? date : nil, years: years) {
            entry = found
        } else {
            // No copy of the run's registry is held while it takes the number: the year's entries would be copied.
            let number = try registry(date.year).next(prefix: prefix)
            let file = "\(date.year)/\(series.folder)/data/\(baseName(number)).\(fileExtension)"
            entry = Registry.Entry(form: series.rawValue, number: number, matter: key, date: date, file: file)
            // Record the number before writing anything, so that a run that dies never gives it twice.
            if let run {
                try run.give(entry, year: date.year)
            } else {
                let registry = try registry(date.year)
                var saved = Registry(year: registry.year, path: registry.path, entries: registry.entries + [entry])
                try saved.save()
            }
            changed = true
        }
        let year = entry.number.year
        let base = entry.file.lastIndex(of: ".").map { String(entry.file[..<$0]) } ?? entry.file
        let files = try render(entry.number, entry.date).map { (path: "\(root)/\(base).\($0.0)", bytes: $0.1) }
        // Files that already hold these bytes are left alone; when all do, nothing is written at all.
        let differing = try files.filter { try AtomicFile.readIfPresent($0.path) != $0.bytes }
        if !differing.isEmpty || changed {
            let journal = ChangeJournal(root: root)
            let marked = "\(year)/\(series.folder)"
            if !(run?.isMarked(marked) ?? false) { try journal.begin(marked) }
            for file in differing {
                try AtomicFile.write(file.bytes, to: file.path)
                changed = true
            }
            if let run {
                run.changed(marked) { () throws(ArchiveError) in try self.seal(series, year: year) }
            } else {
                try seal(series, year: year)
                try journal.end(marked)
            }
        }
        return Publication(number: entry.number, date: entry.date, paths: files.map(\.path), changed: changed)
    }

    /// Files `bytes` beside a publication (`document`, a full path in the series bag of `year`) under the same
    /// name with `fileExtension`, and reseals the bag; an existing file of that name is never replaced.
    /// - Returns: the new file's path, or nil when one was already filed.
    public func fileBeside(_ bytes: [UInt8], document: String, fileExtension: String, series: Series, year: Int)
        throws -> String?
    {
        let base = document.lastIndex(of: ".").map { String(document[..<$0]) } ?? document
        let path = "\(base).\(fileExtension)"
        guard path.hasPrefix(bag(series, year: year) + "/data/"), try AtomicFile.readIfPresent(path) == nil else {
            return nil
        }
        let journal = ChangeJournal(root: root)
        let marked = "\(year)/\(series.folder)"
        if !(run?.isMarked(marked) ?? false) { try journal.begin(marked) }
        try AtomicFile.write(bytes, to: path)
        if let run {
            run.changed(marked) { () throws(ArchiveError) in try self.seal(series, year: year) }
        } else {
            try seal(series, year: year)
            try journal.end(marked)
        }
        return path
    }

    /// Rewrites a series bag's manifests from what is in its `data/` now. The bag's date is its latest
    /// publication's, so the same publications give the same tag files.
    public func seal(_ series: Series, year: Int) throws(ArchiveError) {
        let dates = try registry(year).entries.filter { $0.form == series.rawValue }.map(\.date)
        let title = series == .bulletin ? "《\(office.publications.title)》" : "督考合一考评表"
        try Bag(root: bag(series, year: year)).seal(info: [
            ("Source-Organization", office.name),
            ("External-Identifier", "\(year)-\(series.folder)"),
            ("Bag-Group-Identifier", "\(office.name) \(year)年度\(title)"),
            ("Bagging-Date", (dates.max() ?? CivilDate(year: year, month: 1, day: 1)!).iso),
        ])
    }
}
