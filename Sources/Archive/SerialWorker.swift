/// A thread of its own that runs jobs one at a time, in the order they were given, while the caller goes on
/// with the next: the jobs' writes happen in the order a one-thread run makes them. Each job names the key
/// (a matter) whose files it writes, so that the caller can wait until a key's jobs are done before it reads
/// those files again. Results are handed back in the order the jobs were given.
public final class SerialWorker<Output: Sendable> {
    private let shared: Monitor<State>
    private let thread: WorkerThread
    private let depth: Int

    private struct State {
        var queue: [(key: String, job: @Sendable () -> Output)] = []
        /// Jobs given and not yet done (queued or running), by key.
        var busy: [String: Int] = [:]
        var done: [Output] = []
        var closed = false
    }

    /// Starts the thread; nil when the system would not start one (the caller then does the work itself).
    /// - Parameter depth: how many jobs may wait at most; ``submit(key:_:)`` waits while that many do.
    public init?(depth: Int = 64) {
        let shared = Monitor(State())
        let work: @Sendable () -> Void = {
            while let next = shared.wait(
                until: { !$0.queue.isEmpty || $0.closed }, then: { $0.queue.isEmpty ? nil : $0.queue.removeFirst() })
            {
                let output = next.job()
                shared.update { state in
                    state.done.append(output)
                    state.busy[next.key]! -= 1
                    if state.busy[next.key] == 0 { state.busy[next.key] = nil }
                }
            }
        }
        guard let thread = WorkerThread(work) else { return nil }
        self.shared = shared
        self.thread = thread
        self.depth = max(depth, 1)
    }

    /// Queues `job`, which writes the files of `key`; waits while `depth` jobs are queued already.
    public func submit(key: String, _ job: @escaping @Sendable () -> Output) {
        shared.wait(
            until: { $0.queue.count < depth },
            then: { state in
                state.queue.append((key, job))
                state.busy[key, default: 0] += 1
            })
    }

    /// Waits until no job of `key` is queued or running.
    public func wait(for key: String) {
        shared.wait(until: { $0.busy[key] == nil }, then: { _ in })
    }

    /// The outputs of the jobs done since last asked, in the order the jobs were given.
    public func takeDone() -> [Output] {
        shared.update { state in
            defer { state.done = [] }
            return state.done
        }
    }

    /// Waits until every job given is done and returns the outputs not yet taken, in order; the thread goes on.
    public func drain() -> [Output] {
        shared.wait(
            until: { $0.busy.isEmpty },
            then: { state in
                defer { state.done = [] }
                return state.done
            })
    }

    /// Waits until every job given is done, stops the thread and returns the outputs not yet taken, in order.
    public func finish() -> [Output] {
        shared.update { $0.closed = true }
        thread.join()
        return takeDone()
    }

    /// Jobs given are never dropped: an owner that goes away (after an error, say) still has them done.
    deinit {
        shared.update { $0.closed = true }
        thread.join()
    }
}
