import Archive
import Intake
import Matters
import Synchronization

/// The writes of an ``EventRecorder`` by matter — how many were begun, how many are not done — so that a
/// matter's log read ahead of its event (on another thread, while earlier events were recorded) is used only
/// when it is still what the archive holds: no write of that matter was running when it was read, and none was
/// begun since. Any other log is read again when its event comes.
final class MatterWrites: Sendable {
    /// What a matter's writes were when its log was read.
    struct Stamp: Sendable {
        let begun: Int
        let settled: Bool
    }

    /// A matter's log read ahead of its event, with the event's full record loaded (both on another thread).
    struct ReadAhead: Sendable {
        let incoming: IncomingEvent
        let record: (matter: Matter, log: [StoredEvent])?
        let stamp: Stamp
    }

    private let writes = Mutex<[String: (begun: Int, running: Int)]>([:])

    /// The writes of matter `id` now.
    func stamp(_ id: String) -> Stamp {
        writes.withLock { writes in
            let (begun, running) = writes[id] ?? (0, 0)
            return Stamp(begun: begun, settled: running == 0)
        }
    }

    /// Notes a write of matter `id` begun (before it is handed to another thread, or after it was made here).
    func begin(_ id: String) {
        writes.withLock { writes in
            let (begun, running) = writes[id] ?? (0, 0)
            writes[id] = (begun + 1, running + 1)
        }
    }

    /// Notes a write of matter `id` done.
    func end(_ id: String) {
        writes.withLock { writes in writes[id]!.running -= 1 }
    }

    /// Whether a log of matter `id` read under `stamp` is what the archive holds now (the caller has waited for
    /// the matter's writes).
    func isCurrent(_ stamp: Stamp, of id: String) -> Bool {
        stamp.settled && self.stamp(id).begun == stamp.begun
    }

    /// Reads `incoming`'s matter ahead of its event: the stamp first, then the log (nil when it cannot be read:
    /// the event then reads it again and meets the same error), and the event's full record.
    func readAhead(_ incoming: IncomingEvent, store: ArchiveStore) -> ReadAhead {
        let loaded = (try? incoming.loaded()) ?? incoming
        let stamp = stamp(incoming.event.matterID)
        let record = (try? store.record(id: incoming.event.matterID)) ?? nil
        return ReadAhead(incoming: loaded, record: record, stamp: stamp)
    }
}
