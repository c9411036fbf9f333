import Synchronization

/// What one writing run keeps in memory, so that each document costs the same whether it is the year's first
/// or its ten-thousandth: every year's registry, loaded once and indexed, and the bags changed but not yet
/// sealed again. Made under the archive lock for one run; its threads share it (each call takes its lock).
/// ``finish()`` seals every changed bag once (on ``threads`` threads: bags are independent), rewrites each
/// registry that took numbers, and clears the journal.
///
/// Crash safety is the journal's: a bag is marked in `.pending/` before its first change of the run and
/// unmarked only after ``finish()`` sealed it, and every number is in the registry's journal before its
/// document is written; a run that dies is finished by the next one's ``ArchiveStore/recover()``.
public final class ArchiveRun: Sendable {
    let root: String
    /// How many threads the run's independent work may use (sealing, reading matters ahead).
    public let threads: Int
    private let state = Mutex(State())

    private struct State: Sendable {
        var registries: [Int: Registry] = [:]
        /// Bags changed in this run (relative paths, e.g. `2026/2026-001`), in the order first changed, with how
        /// to seal each.
        var unsealed: [String: @Sendable () throws(ArchiveError) -> Void] = [:]
        var order: [String] = []
        /// Bags sealed already in this run (``sealChanged()``), still marked in the journal until it finishes.
        var sealed: [String] = []
        /// The file systems (by `st_dev`, with a folder on each) that hold files and folders written but not yet
        /// synced. Not the folders themselves: a run of ten thousand bags would hold sixty thousand names.
        var fileSystems: [UInt64: String] = [:]
        /// The last folder noted, to spare a `stat` when the next file goes into the same folder.
        var lastFolder = ""
    }

    public init(root: String, threads: Int = 1) {
        self.root = root
        self.threads = max(threads, 1)
    }

    /// The registry of `year`, loaded on first use.
    func registry(_ year: Int) throws(ArchiveError) -> Registry {
        try state.withLock { state throws(ArchiveError) in try Self.registry(year, root: root, in: &state) }
    }

    private static func registry(_ year: Int, root: String, in state: inout State) throws(ArchiveError) -> Registry {
        if let registry = state.registries[year] { return registry }
        let registry = try Registry.load(root: root, year: year)
        state.registries[year] = registry
        return registry
    }

    /// Records a number durably (the registry's journal) before its document is written.
    func give(_ entry: Registry.Entry, year: Int) throws(ArchiveError) {
        try state.withLock { state throws(ArchiveError) in
            _ = try Self.registry(year, root: root, in: &state)
            // In place: a copy of the registry here would cost as much as the year holds.
            try state.registries[year]!.append(entry)
        }
    }

    /// Notes a folder to sync when the run ends (see ``FolderSync/later(_:)``).
    func syncLater(_ folder: String) throws(ArchiveError) {
        if state.withLock({ $0.lastFolder == folder }) { return }
        let device = try Posix.device(of: folder)
        state.withLock { state in
            if state.fileSystems[device] == nil { state.fileSystems[device] = folder }
            state.lastFolder = folder
        }
    }

    /// Whether `bag` was marked changed in this run and not sealed since (a bag ``sealChanged()`` sealed is marked
    /// again when it changes again: its marker is there already, and is not written twice).
    func isMarked(_ bag: String) -> Bool { state.withLock { $0.unsealed[bag] != nil } }

    /// Notes that `bag` changed and how to seal it at the end of the run.
    func changed(_ bag: String, seal: @escaping @Sendable () throws(ArchiveError) -> Void) {
        state.withLock { state in
            if state.unsealed[bag] == nil { state.order.append(bag) }
            state.unsealed[bag] = seal
        }
    }

    /// Seals every bag changed so far, now (on ``threads`` threads: bags are independent); they stay marked in the
    /// journal until ``finish()``, which seals again only those changed after. Lets a long run give up what it
    /// held to seal each bag once its bags are done.
    public func sealChanged() throws(ArchiveError) {
        let (bags, seals) = state.withLock { state in (state.order, state.order.compactMap { state.unsealed[$0] }) }
        // An error is the first bag's in the run's order; the bags stay marked, for recovery.
        try Parallel.forEach(seals.count, threads: threads) { index throws(ArchiveError) in try seals[index]() }
        state.withLock { state in
            state.sealed += bags
            for bag in bags { state.unsealed[bag] = nil }
            state.order.removeFirst(bags.count)
        }
    }

    /// Seals every changed bag once and unmarks it, then writes each registry that took numbers. Called when the
    /// run ends, also after an error (what was done is then sealed, not left for recovery).
    public func finish() throws(ArchiveError) {
        try sealChanged()
        // Every file and folder of the run durable before any bag leaves the journal: one `syncfs` for each file
        // system written to, in place of an `fsync` for every folder and tag file.
        let fileSystems = state.withLock { state in
            defer {
                state.fileSystems = [:]
                state.lastFolder = ""
            }
            return state.fileSystems
        }
        for device in fileSystems.keys.sorted() { try Posix.syncFileSystem(containing: fileSystems[device]!) }
        var unmarked: Set<String> = []
        let sealed = state.withLock { state in state.sealed.filter { unmarked.insert($0).inserted } }
        try ChangeJournal(root: root).end(sealed)
        state.withLock { $0.sealed = [] }
        try state.withLock { state throws(ArchiveError) in
            for year in state.registries.keys.sorted() where state.registries[year]!.journaled > 0 {
                try state.registries[year]!.save()
            }
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
