import Archive
import DuchaCore
import Foundation
import Matters
import Synchronization

/// The archive as the portal shows it: every matter with its log and its ledger standing on the day, read once
/// and then kept up to date by looking at each `matter.xml` (its inode, size and time of change — every write
/// replaces the file atomically) and reading again only the ones that changed, so that a change made by the
/// command line shows within one refresh and a page never reads the archive. A page takes the current picture
/// without waiting (a refresh builds the next one aside and then swaps it in).
final class LedgerSnapshot: Sendable {
    struct Entry: Sendable {
        var matter: Matter
        var log: [StoredEvent]
        /// nil when the stored log no longer folds (``problem`` says why) or the matter was registered later.
        var standing: LedgerStanding?
        var problem: String?
        var stamp: Stamp
        var folder: String
    }

    struct Stamp: Sendable, Equatable {
        var inode: UInt64
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
    }

    /// One consistent picture of the archive, with what every ledger page asks for worked out once.
    struct View: Sendable {
        var day: CivilDate
        /// By year, then id.
        var entries: [Entry]
        var index: [String: Int]
        /// The ledger rows of the non-涉密 matters on the ledger that day, in archive order.
        var rows: [LedgerRow] = []
        /// Unit → the indices into ``rows`` of the matters where it is 主责 or 协办, ascending.
        var byUnit: [String: [Int]] = [:]
        /// The units of ``rows``, sorted.
        var units: [String] = []
        /// 涉密 matters on the ledger (counted in totals only).
        var classified = 0
        /// Changes whenever anything in the picture does (pages made from one generation can be kept).
        var generation: Int
        /// The orders of ``rows`` by each sort key, worked out on first use.
        let orders = LedgerOrders()
        /// Each row's HTML, rendered on first use.
        let fragments = RowFragments()

        init(day: CivilDate, entries: [Entry], generation: Int) {
            self.day = day
            self.generation = generation
            self.entries = entries
            index = [:]
            for (n, entry) in entries.enumerated() {
                index[entry.matter.id.lowercased()] = n
                guard let row = entry.standing?.row else { continue }
                if row.classified {
                    classified += 1
                    continue
                }
                for unit in Set([row.leadUnit] + row.coUnits) { byUnit[unit, default: []].append(rows.count) }
                rows.append(row)
            }
            units = byUnit.keys.sorted()
        }

        func entry(_ id: String) -> Entry? { index[id.lowercased()].map { entries[$0] } }
    }

    let workspace: Workspace
    private let today: @Sendable () -> CivilDate
    private let current: Mutex<View>
    /// Held while a refresh builds the next picture, so that two refreshes never overlap.
    private let refreshing = Mutex(())

    init(workspace: Workspace, today: @escaping @Sendable () -> CivilDate) throws {
        self.workspace = workspace
        self.today = today
        current = Mutex(try Self.scan(workspace: workspace, day: today(), previous: nil, generation: 1))
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
                generation: previous.generation + 1)
            current.withLock { $0 = next }
            return next
        }
    }

    /// The picture now: `previous` itself when nothing changed, else a new one of `generation`.
    private static func scan(workspace: Workspace, day: CivilDate, previous: View?, generation: Int) throws -> View {
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
                entries.append(entry)
            }
        }
        let same =
            previous.map { previous in
                previous.entries.count == entries.count
                    && zip(previous.entries, entries).allSatisfy { $0.stamp == $1.stamp && $0.folder == $1.folder }
            } ?? false
        if same, let previous { return previous }
        return View(day: day, entries: entries, generation: generation)
    }

    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Stamp(
            inode: UInt64(info.st_ino), size: Int64(info.st_size), seconds: Int(info.st_ctim.tv_sec),
            nanoseconds: Int(info.st_ctim.tv_nsec))
    }
}
