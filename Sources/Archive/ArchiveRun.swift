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
    /// The file systems (by `st_dev`, with a folder on each) that hold files and folders written but not yet
    /// synced. Not the folders themselves: a run of ten thousand bags would hold sixty thousand names.
    private var fileSystems: [UInt64: String] = [:]
    /// The last folder noted, to spare a `stat` when the next file goes into the same folder.
    private var lastFolder = ""

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
    func syncLater(_ folder: String) throws(ArchiveError) {
        guard folder != lastFolder else { return }
        let device = try Posix.device(of: folder)
        if fileSystems[device] == nil { fileSystems[device] = folder }
        lastFolder = folder
    }

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
        // Every file and folder of the run durable before any bag leaves the journal: one `syncfs` for each file
        // system written to, in place of an `fsync` for every folder and tag file.
        for device in fileSystems.keys.sorted() { try Posix.syncFileSystem(containing: fileSystems[device]!) }
        fileSystems = [:]
        lastFolder = ""
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
