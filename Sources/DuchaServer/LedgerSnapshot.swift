import Archive
import Dispatch
import DuchaCore
import Foundation
import Matters
import Synchronization

/// The archive as the portal shows it: every matter with its log and its ledger standing on the day, read once
/// and then kept up to date by looking at each `matter.xml` (its inode, size and time of change — every write
/// replaces the file atomically) and reading again only the ones that changed, so that a change made by the
/// command line shows within one refresh and a page never reads the archive. A page takes the current picture
/// without waiting (a refresh builds the next one aside, with everything pages ask for worked out, and then swaps
/// it in: see ``View``).
final class LedgerSnapshot: Sendable {
    struct Entry: Sendable {
        var matter: Matter
        var log: [StoredEvent]
        /// nil when the stored log no longer folds (``problem`` says why) or the matter was registered later.
        var standing: LedgerStanding?
        var problem: String?
        var stamp: Stamp
        var folder: String
        /// The ledger row's HTML, made when the entry is read (empty without a row, or for a 涉密 matter).
        var fragment = ""
    }

    struct Stamp: Sendable, Equatable {
        var inode: UInt64
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
    }

    let workspace: Workspace
    private let today: @Sendable () -> CivilDate
    /// A ledger row's HTML.
    private let render: @Sendable (LedgerRow) -> String
    private let current: Mutex<View>
    /// Held while a refresh builds the next picture, so that two refreshes never overlap.
    private let refreshing = Mutex(())

    /// Reads the archive; `render` makes a ledger row's HTML (once per matter read).
    init(
        workspace: Workspace, today: @escaping @Sendable () -> CivilDate,
        render: @escaping @Sendable (LedgerRow) -> String
    ) throws {
        self.workspace = workspace
        self.today = today
        self.render = render
        current = Mutex(
            try Self.scan(workspace: workspace, day: today(), previous: nil, generation: 1, render: render))
    }

    /// The current picture.
    var view: View { current.withLock { $0 } }

    /// Reads again what changed since the last look (everything when the day has turned).
    @discardableResult
    func refresh() throws -> View {
        try refreshing.withLock { _ in
            let day = today()
            let previous = view
            let next = try Self.scan(
                workspace: workspace, day: day, previous: previous.day == day ? previous : nil,
                generation: previous.generation + 1, render: render)
            current.withLock { $0 = next }
            return next
        }
    }

    /// The picture now: `previous` itself when nothing changed, else a new one of `generation`, built whole —
    /// orders, row HTML (kept from `previous` for the matters that did not change), counts and the chart.
    private static func scan(
        workspace: Workspace, day: CivilDate, previous: View?, generation: Int,
        render: @escaping @Sendable (LedgerRow) -> String
    ) throws -> View {
        let root = workspace.archive
        let rules = workspace.ledgerRules
        // In archive order: each matter kept from `previous` when its matter.xml is the same, else to be read.
        var slots: [(folder: String, stamp: Stamp, kept: Entry?)] = []
        let fm = FileManager.default
        let years = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).filter {
            $0.count == 4 && $0.allSatisfy(\.isASCII) && Int($0) != nil
        }.sorted()
        for year in years {
            for id in ((try? fm.contentsOfDirectory(atPath: root + "/" + year)) ?? []).sorted() {
                let folder = "\(root)/\(year)/\(id)"
                guard let stamp = stamp(folder + "/data/matter.xml") else { continue }
                let old = previous?.entry(id).flatMap { $0.stamp == stamp && $0.folder == folder ? $0 : nil }
                slots.append((folder, stamp, old))
            }
        }
        // The matters to read are read, folded and their rows rendered on every core (at start, all of them).
        let toRead = slots.indices.filter { slots[$0].kept == nil }
        let read = Mutex([Entry?](repeating: nil, count: slots.count))
        let work = slots.map { (folder: $0.folder, stamp: $0.stamp) }
        let lifecycle = workspace.lifecycle
        DispatchQueue.concurrentPerform(iterations: toRead.count) { n in
            let slot = toRead[n]
            let entry = Self.read(
                folder: work[slot].folder, stamp: work[slot].stamp, day: day, lifecycle: lifecycle, rules: rules,
                render: render)
            read.withLock { $0[slot] = entry }
        }
        let made = read.withLock { $0 }
        let entries = slots.indices.compactMap { slots[$0].kept ?? made[$0] }
        let same =
            previous.map { previous in
                previous.entries.count == entries.count
                    && zip(previous.entries, entries).allSatisfy { $0.stamp == $1.stamp && $0.folder == $1.folder }
            } ?? false
        if same, let previous { return previous }
        return View(day: day, entries: entries, generation: generation, ledger: rules)
    }

    /// One matter read from its folder: its record and log, its standing on the day and its row's HTML; nil when its
    /// matter.xml cannot be read.
    private static func read(
        folder: String, stamp: Stamp, day: CivilDate, lifecycle: Lifecycle, rules: Ledger,
        render: (LedgerRow) -> String
    ) -> Entry? {
        let path = folder + "/data/matter.xml"
        guard let bytes = try? AtomicFile.read(path), let (matter, log) = try? MatterXML.decode(bytes, source: path)
        else { return nil }
        var entry = Entry(matter: matter, log: log, standing: nil, problem: nil, stamp: stamp, folder: folder)
        do {
            entry.standing = try rules.standing(matter, events: log.map(\.event), asOf: day, lifecycle: lifecycle)
        } catch {
            entry.problem = "\(error)"
        }
        if !matter.isClassified, let row = entry.standing?.row { entry.fragment = render(row) }
        return entry
    }

    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Stamp(
            inode: UInt64(info.st_ino), size: Int64(info.st_size), seconds: Int(info.st_ctim.tv_sec),
            nanoseconds: Int(info.st_ctim.tv_nsec))
    }
}
