import Archive
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
        /// The ledger row's HTML, and the record and timeline of the matter's page, made when the entry is read
        /// (empty for a 涉密 matter, which is never shown; the row also without a row).
        var fragment = ""
        var record = ""
        var timeline = ""
    }

    struct Stamp: Sendable, Equatable {
        var inode: UInt64
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
    }

    let workspace: Workspace
    private let today: @Sendable () -> CivilDate
    /// The HTML made once per matter read.
    private let render: Fragments
    private let current: Mutex<View>
    /// Held while a refresh builds the next picture, so that two refreshes never overlap.
    private let refreshing = Mutex(())

    /// Reads the archive; `render` makes the HTML of each matter read (see ``Fragments``).
    init(workspace: Workspace, today: @escaping @Sendable () -> CivilDate, render: Fragments) throws {
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
        render: Fragments
    ) throws -> View {
        let root = workspace.archive
        let lifecycle = workspace.lifecycle
        let rules = workspace.ledgerRules
        var entries: [Entry] = []
        let fm = FileManager.default
        let years = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).filter {
            $0.count == 4 && $0.allSatisfy(\.isASCII) && Int($0) != nil
        }.sorted()
        for year in years {
            for id in ((try? fm.contentsOfDirectory(atPath: root + "/" + year)) ?? []).sorted() {
                let folder = "\(root)/\(year)/\(id)"
                let path = folder + "/data/matter.xml"
                guard let stamp = stamp(path) else { continue }
                if let previous, let old = previous.entry(id), old.stamp == stamp, old.folder == folder {
                    entries.append(old)
                    continue
                }
                guard let bytes = try? AtomicFile.read(path),
                    let (matter, log) = try? MatterXML.decode(bytes, source: path)
                else { continue }
                var entry = Entry(matter: matter, log: log, standing: nil, problem: nil, stamp: stamp, folder: folder)
                do {
                    entry.standing = try rules.standing(
                        matter, events: log.map(\.event), asOf: day, lifecycle: lifecycle)
                } catch {
                    entry.problem = "\(error)"
                }
                if !matter.isClassified {
                    if let row = entry.standing?.row { entry.fragment = render.row(row) }
                    (entry.record, entry.timeline) = render.matter(matter, log)
                }
                entries.append(entry)
            }
        }
        let same =
            previous.map { previous in
                previous.entries.count == entries.count
                    && zip(previous.entries, entries).allSatisfy { $0.stamp == $1.stamp && $0.folder == $1.folder }
            } ?? false
        if same, let previous { return previous }
        return View(day: day, entries: entries, generation: generation, ledger: rules)
    }

    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Stamp(
            inode: UInt64(info.st_ino), size: Int64(info.st_size), seconds: Int(info.st_ctim.tv_sec),
            nanoseconds: Int(info.st_ctim.tv_nsec))
    }
}
