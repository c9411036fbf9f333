import Archive
import Intake
import Matters

/// Records many events, in the order given, exactly as ``Office/record(_:)`` records them one by one — with
/// the writing of each new event (its slip filled, packaged and filed, then its log) on a thread of its own
/// while the calling thread reads, tries and numbers the next. Everything whose order the archive shows stays on
/// the calling thread, in order: logs read, journal markers, numbers given (each in the registry's journal
/// before its slip is written). The writes run one at a time in the order given, and an event waits until every
/// earlier write of its matter is done before its log is read again, so the archive ends byte for byte as a
/// one-thread run leaves it. Each event's outcome is handed to its handler, on the calling thread, in the order
/// the events were given.
///
/// With one thread (the office's ``Workspace/threads``), or when no thread can be started, every event is
/// recorded whole before the next.
final class EventRecorder {
    typealias Outcome = Result<Recorded, any Error>

    private let office: Office
    private let writer: SerialWorker<Outcome>?
    /// Handlers not yet called, in order, with their outcomes once known (nil: the writer's next output).
    private var waiting: [(handler: (Outcome) -> Void, outcome: Outcome?)] = []
    private var head = 0

    init(office: Office) {
        self.office = office
        writer = office.workspace.threads > 1 && office.store.run != nil ? SerialWorker(depth: 32) : nil
    }

    /// Records `incoming` (see ``Office/prepare(_:known:)`` for `known`), then calls `handler` with what came of
    /// it once every earlier event's handler was called.
    func record(
        _ incoming: IncomingEvent, known: (matter: Matter, log: [StoredEvent])? = nil,
        then handler: @escaping (Outcome) -> Void
    ) {
        writer?.wait(for: incoming.event.matterID)
        var outcome: Outcome?
        do {
            switch try office.prepare(incoming, known: known) {
            case .done(let recorded):
                outcome = .success(recorded)
            case .write(let write):
                if let writer {
                    writer.submit(key: write.matter.id) { Result { try write.run() } }
                } else {
                    outcome = Result { try write.run() }
                }
            }
        } catch {
            outcome = .failure(error)
        }
        waiting.append((handler, outcome))
        deliver(writer?.takeDone() ?? [])
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
