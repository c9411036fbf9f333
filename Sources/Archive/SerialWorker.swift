/// A thread of its own that runs jobs one at a time, in the order they were given, while the caller goes on
/// with the next: the jobs' writes happen in the order a one-thread run makes them. Each job names the key
/// (a matter) whose files it writes, so that the caller can wait until a key's jobs are done before it reads
/// those files again. Results are handed back in the order the jobs were given.
///
/// The two threads wake each other in bursts: the worker sleeps until a few jobs are queued (or the caller
/// waits for something), and a caller that found the queue full sleeps until half of it is done.
public final class SerialWorker<Output: Sendable> {
    private let shared: Monitor<State>
    private let thread: WorkerThread
    private let depth: Int

    /// What the caller is waiting for, if anything.
    private enum Need {
        case nothing
        case space(below: Int)
        case key(String)
        case everything
    }

    private struct State {
        var queue: [(key: String, job: @Sendable () -> Output)] = []
        /// Jobs given and not yet done (queued or running), by key.
        var busy: [String: Int] = [:]
        var done: [Output] = []
        var closed = false
        var need = Need.nothing

        /// Whether what the caller waits for is there.
        var satisfied: Bool {
            switch need {
            case .nothing: return false
            case .space(let below): return queue.count < below
            case .key(let key): return busy[key] == nil
            case .everything: return busy.isEmpty
            }
        }

        /// Whether the worker should take the next job: enough are queued, the caller waits, or no more come.
        func ready(burst: Int) -> Bool {
            if case .nothing = need { return closed || queue.count >= burst }
            return true
        }
    }

    /// Starts the thread; nil when the system would not start one (the caller then does the work itself).
    /// - Parameter depth: how many jobs may wait at most; ``submit(key:_:)`` waits while that many do.
    public init?(depth: Int = 32) {
        let depth = max(depth, 2)
        let burst = max(depth / 4, 1)
        let shared = Monitor(State())
        let work: @Sendable () -> Void = {
            while let next = shared.wait(
                until: { $0.ready(burst: burst) && (!$0.queue.isEmpty || $0.closed) },
                then: { $0.queue.isEmpty ? nil : $0.queue.removeFirst() }, wakingIf: { $0.satisfied })
            {
                let output = next.job()
                shared.update(
                    { state in
                        state.done.append(output)
                        state.busy[next.key]! -= 1
                        if state.busy[next.key] == 0 { state.busy[next.key] = nil }
                    }, wakingIf: { $0.satisfied })
            }
        }
        guard let thread = WorkerThread(work) else { return nil }
        self.shared = shared
        self.thread = thread
        self.depth = depth
    }

    /// Queues `job`, which writes the files of `key`; when `depth` jobs are queued already, waits until half of
    /// them are done.
    public func submit(key: String, _ job: @escaping @Sendable () -> Output) {
        if shared.update({ $0.queue.count >= depth }, wakingIf: { _ in false }) {
            pause(for: .space(below: depth / 2 + 1))
        }
        let burst = max(depth / 4, 1)
        shared.update(
            { state in
                state.queue.append((key, job))
                state.busy[key, default: 0] += 1
            }, wakingIf: { $0.queue.count == burst })
    }

    /// Waits until no job of `key` is queued or running.
    public func wait(for key: String) {
        if shared.update({ $0.busy[key] != nil }, wakingIf: { _ in false }) { pause(for: .key(key)) }
    }

    /// The outputs of the jobs done since last asked, in the order the jobs were given.
    public func takeDone() -> [Output] {
        shared.update(
            { state in
                defer { state.done = [] }
                return state.done
            }, wakingIf: { _ in false })
    }

    /// Waits until every job given is done and returns the outputs not yet taken, in order; the thread goes on.
    public func drain() -> [Output] {
        pause(for: .everything)
        return takeDone()
    }

    /// Waits until every job given is done, stops the thread and returns the outputs not yet taken, in order.
    public func finish() -> [Output] {
        shared.update { $0.closed = true }
        thread.join()
        return takeDone()
    }

    /// Sleeps until `need` is met (the worker, woken now, goes on with what is queued).
    private func pause(for need: Need) {
        shared.update { $0.need = need }
        shared.wait(until: { $0.satisfied }, then: { $0.need = .nothing }, wakingIf: { _ in false })
    }

    /// Jobs given are never dropped: an owner that goes away (after an error, say) still has them done.
    deinit {
        shared.update { $0.closed = true }
        thread.join()
    }
}
