import Archive
import Intake
import Matters

/// Records many events, in the order given, exactly as ``Office/record(_:)`` records them one by one — with
/// the writing of each new event (its slip filled, packaged and filed, then its log) on writer threads while the
/// calling thread reads, tries and numbers the next. Everything whose order the archive shows stays on the
/// calling thread, in order: logs read, journal markers, numbers given (each in the registry's journal before
/// its slip is written). A matter's writes run one at a time in the order given (``KeyedWorkers``; different
/// matters' writes touch different files), and an event waits until every earlier write of its matter is done
/// before its log is read again, so the archive ends byte for byte as a one-thread run leaves it. Each event's
/// outcome is handed to its handler, on the calling thread, in the order the events were given.
///
/// With one thread (the office's ``Workspace/threads``), or when no thread can be started, every event is
/// recorded whole before the next.
final class EventRecorder {
    typealias Outcome = Result<Recorded, any Error>

    private let office: Office
    private let writer: KeyedWorkers<Outcome>?
    /// Handlers not yet called, in order, with their outcomes once known (nil: the writer's next output).
    private var waiting: [(handler: (Outcome) -> Void, outcome: Outcome?)] = []
    private var head = 0
    /// The writes begun and not done, by matter: what a log read ahead is checked against.
    let writes = MatterWrites()

    init(office: Office) {
        self.office = office
        let threads = office.workspace.threads
        writer = threads > 1 && office.store.run != nil ? KeyedWorkers(threads: threads, depth: 32) : nil
    }

    /// How many threads may read logs ahead of their events (``MatterWrites/readAhead(_:store:)``) beside this one
    /// and the writer: none with one thread.
    var readers: Int { writer == nil ? 0 : max(office.workspace.threads - 1, 1) }

    /// Records an event whose log was read ahead: with that log when it is still what the archive holds,
    /// otherwise reading it again.
    func record(_ read: MatterWrites.ReadAhead, then handler: @escaping (Outcome) -> Void) {
        let id = read.incoming.event.matterID
        writer?.wait(for: id)
        record(read.incoming, known: writes.isCurrent(read.stamp, of: id) ? read.record : nil, then: handler)
    }

    /// Records `incoming` (see ``Office/prepare(_:known:)`` for `known`), then calls `handler` with what came of
    /// it once every earlier event's handler was called.
    func record(
        _ incoming: IncomingEvent, known: (matter: Matter, log: [StoredEvent])? = nil,
        then handler: @escaping (Outcome) -> Void
    ) {
        let id = incoming.event.matterID
        writer?.wait(for: id)
        var outcome: Outcome?
        do {
            switch try office.prepare(incoming, known: known) {
            case .done(let recorded):
                outcome = .success(recorded)
                if recorded != .unchanged { wrote(id) }  // a slip filed again, here
            case .write(let write):
                writes.begin(id)
                if let writer {
                    writer.submit(key: id) { [writes] in
                        defer { writes.end(id) }
                        return Result { try write.run() }
                    }
                } else {
                    outcome = Result { try write.run() }
                    writes.end(id)
                }
            }
        } catch {
            outcome = .failure(error)
            wrote(id)  // whatever it wrote before it failed
        }
        waiting.append((handler, outcome))
        deliver(writer?.takeDone() ?? [])
    }

    /// Notes a write of matter `id` made here.
    private func wrote(_ id: String) {
        writes.begin(id)
        writes.end(id)
    }

    /// Calls `body` in its place among the handlers of the events given (for what a caller notes between them).
    func then(_ body: @escaping () -> Void) {
        waiting.append(({ _ in body() }, .success(.unchanged)))
        deliver(writer?.takeDone() ?? [])
    }

    /// Waits for every write and calls the handlers not yet called.
    func finish() {
        deliver(writer?.finish() ?? [])
    }

    /// Gives the writer's outputs to the first handlers waiting for one, then calls every handler at the head whose
    /// outcome is known.
    private func deliver(_ outputs: [Outcome]) {
        var outputs = outputs[...]
        var index = head
        while let output = outputs.first, index < waiting.count {
            if waiting[index].outcome == nil {
                waiting[index].outcome = output
                outputs.removeFirst()
            }
            index += 1
        }
        while head < waiting.count, let outcome = waiting[head].outcome {
            let handler = waiting[head].handler
            head += 1
            handler(outcome)
        }
        if head == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 256 {
            waiting.removeFirst(head)
            head = 0
        }
    }
}
