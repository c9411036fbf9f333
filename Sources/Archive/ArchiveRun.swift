/// What one writing run keeps in memory, so that each document costs the same whether it is the year's first
/// or its ten-thousandth: every year's registry, loaded once and indexed, and the bags changed but not yet
/// sealed again. Made under the archive lock for one run and used from one thread at a time; ``finish()``
/// seals every changed bag once, rewrites each registry that took numbers, and clears the journal.
///
/// Crash safety is the journal's: a bag is marked in `.pending/` before its first change of the run and
/// unmarked only after ``finish()`` sealed it, and every number is in the registry's journal before its
/// document is written; a run that dies is finished by the next one's ``ArchiveStore/recover()``.
public final class ArchiveRun: @unchecked Sendable {
    let root: String
    private var registries: [Int: Registry] = [:]
    /// Bags changed in this run (relative paths, e.g. `2026/2026-001`), in the order first changed, with how
    /// to seal each.
    private var unsealed: [String: () throws(ArchiveError) -> Void] = [:]
    private var order: [String] = []
    /// Folders whose new files are renamed into place but not yet synced.
    private var folders: Set<String> = []

    public init(root: String) { self.root = root }

    /// The registry of `year`, loaded on first use.
    func registry(_ year: Int) throws(ArchiveError) -> Registry {
        if let registry = registries[year] { return registry }
        let registry = try Registry.load(root: root, year: year)
        registries[year] = registry
        return registry
    }

    /// Records a number durably (the registry's journal) before its document is written.
    func give(_ entry: Registry.Entry, year: Int) throws(ArchiveError) {
        _ = try registry(year)
        // In place: a copy of the registry here would cost as much as the year holds.
        try registries[year]!.append(entry)
    }

    /// Notes a folder to sync when the run ends (see ``FolderSync/later(_:)``).
    func syncLater(_ folder: String) { folders.insert(folder) }

    /// Whether `bag` was already marked changed in this run.
    func isMarked(_ bag: String) -> Bool { unsealed[bag] != nil }

    /// Notes that `bag` changed and how to seal it at the end of the run.
    func changed(_ bag: String, seal: @escaping () throws(ArchiveError) -> Void) {
        if unsealed[bag] == nil { order.append(bag) }
        unsealed[bag] = seal
    }

    /// Seals every changed bag once and unmarks it, then writes each registry that took numbers. Called when the
    /// run ends, also after an error (what was done is then sealed, not left for recovery).
    public func finish() throws(ArchiveError) {
        for bag in order { try unsealed[bag]?() }
        // Every renamed file durable before any bag leaves the journal.
        for folder in folders.sorted() { try Posix.syncDirectory(folder) }
        folders = []
        try ChangeJournal(root: root).end(order.filter { unsealed[$0] != nil })
        unsealed = [:]
        order = []
        for year in registries.keys.sorted() where registries[year]!.journaled > 0 {
            try registries[year]!.save()
        }
    }
}

extension Registry {
    /// The registry of `year` as a writer sees it: the run's copy, or (outside a run) read now.
    static func current(root: String, year: Int, in run: ArchiveRun?) throws(ArchiveError) -> Registry {
        if let run { return try run.registry(year) }
        return try load(root: root, year: year)
    }
}
