/// Threads of their own that run jobs while the caller goes on with the next. Each job names the key (a matter)
/// whose files it writes: a key's jobs all run on one thread, one at a time, in the order given (so a matter's
/// writes happen in the order a one-thread run makes them, while different matters' writes, which touch different
/// files, may overlap — on a disk, one thread's `fsync` no longer waits for another's), and the caller can wait
/// until a key's jobs are done before it reads those files again. Results are handed back in the order the jobs
/// were given.
///
/// The threads wake each other in bursts: a worker sleeps until a few jobs are queued (or the caller waits for
/// something), and a caller that found the queue full sleeps until half of it is done.
public final class KeyedWorkers<Output: Sendable> {
    private let shared: Monitor<State>
    private let threads: [WorkerThread]
    private let depth: Int

    /// What the caller is waiting for, if anything.
    private enum Need {
        case nothing
        case space(below: Int)
        case key(String)
        case everything
    }

    private struct Job {
        let ticket: Int
        let key: String
        let run: @Sendable () -> Output
    }

    private struct State {
        /// The jobs not yet started, one queue per thread.
        var queues: [[Job]]
        var queued = 0
        /// Jobs given and not yet done (queued or running), by key.
        var busy: [String: Int] = [:]
        /// Outputs of jobs done and not yet taken, by ticket; tickets are given in order from 0.
        var done: [Int: Output] = [:]
        var given = 0
        var taken = 0
        /// The thread of each key with a job not done.
        var home: [String: Int] = [:]
        var closed = false
        var need = Need.nothing
        /// Set by a change that may have made a sleeping worker ready.
        var wakeWorkers = false

        init(threads: Int) { queues = Array(repeating: [], count: threads) }

        /// Whether what the caller waits for is there.
        var satisfied: Bool {
            switch need {
            case .nothing: return false
            case .space(let below): return queued < below
            case .key(let key): return busy[key] == nil
            case .everything: return busy.isEmpty
            }
        }

        /// Whether worker `thread` should go on: it has a job and enough are queued, or the caller waits, or no
        /// more come (then it stops once its queue is empty).
        func ready(_ thread: Int, burst: Int) -> Bool {
            if queues[thread].isEmpty { return closed }
            if case .nothing = need { return closed || queued >= burst }
            return true
        }

        /// The outputs from the next ticket on that are done, in order.
        mutating func takeDone() -> [Output] {
            var outputs: [Output] = []
            while let output = done.removeValue(forKey: taken) {
                outputs.append(output)
                taken += 1
            }
            return outputs
        }
    }

    /// Starts `threads` threads (at least one); nil when the system would not start one (the caller then does
    /// the work itself).
    /// - Parameter depth: how many jobs may wait at most; ``submit(key:_:)`` waits while that many do.
    public init?(threads count: Int = 1, depth: Int = 32) {
        let count = max(count, 1)
        let depth = max(depth, 2 * count)
        let burst = max(depth / 4, 1)
        let shared = Monitor(State(threads: count))
        var threads: [WorkerThread] = []
        for thread in 0..<count {
            let work: @Sendable () -> Void = {
                while let job = shared.wait(
                    until: { $0.ready(thread, burst: burst) },
                    then: { state -> Job? in
                        guard !state.queues[thread].isEmpty else { return nil }
                        state.queued -= 1
                        return state.queues[thread].removeFirst()
                    }, wakingIf: { $0.satisfied })
                {
                    let output = job.run()
                    shared.update(
                        { state in
                            state.done[job.ticket] = output
                            state.busy[job.key]! -= 1
                            if state.busy[job.key] == 0 {
                                state.busy[job.key] = nil
                                state.home[job.key] = nil
                            }
                        }, wakingIf: { $0.satisfied })
                }
            }
            guard let started = WorkerThread(work) else { break }
            threads.append(started)
        }
        guard !threads.isEmpty else { return nil }
        if threads.count < count {
            // Fewer threads than asked: jobs go only to the queues of those that started.
            let started = threads.count
            shared.update { $0.queues.removeLast(count - started) }
        }
        self.shared = shared
        self.threads = threads
        self.depth = depth
    }

    /// Queues `job`, which writes the files of `key`; when `depth` jobs are queued already, waits until half of
    /// them are done.
    public func submit(key: String, _ job: @escaping @Sendable () -> Output) {
        if shared.update({ $0.queued >= depth }, wakingIf: { _ in false }) {
            pause(for: .space(below: depth / 2 + 1))
        }
        let burst = max(depth / 4, 1)
        shared.update(
            { state in
                // A key's jobs all go to one thread while it has one not done; a key with none goes to the thread
                // with the shortest queue.
                let thread =
                    state.home[key]
                    ?? state.queues.indices.min { state.queues[$0].count < state.queues[$1].count }!
                state.home[key] = thread
                state.queues[thread].append(Job(ticket: state.given, key: key, run: job))
                state.given += 1
                state.queued += 1
                state.busy[key, default: 0] += 1
                // Its worker sleeps if its queue was empty, or if too few jobs were queued before this one.
                state.wakeWorkers =
                    state.queued == burst || (state.queued > burst && state.queues[thread].count == 1)
            }, wakingIf: { $0.wakeWorkers })
    }

    /// Waits until no job of `key` is queued or running.
    public func wait(for key: String) {
        if shared.update({ $0.busy[key] != nil }, wakingIf: { _ in false }) { pause(for: .key(key)) }
    }

    /// The outputs of the jobs done since last asked, in the order the jobs were given (those after a job not yet
    /// done wait for it).
    public func takeDone() -> [Output] {
        shared.update({ $0.takeDone() }, wakingIf: { _ in false })
    }

    /// Waits until every job given is done and returns the outputs not yet taken, in order; the threads go on.
    public func drain() -> [Output] {
        pause(for: .everything)
        return takeDone()
    }

    /// Waits until every job given is done, stops the threads and returns the outputs not yet taken, in order.
    public func finish() -> [Output] {
        shared.update { $0.closed = true }
        for thread in threads { thread.join() }
        return takeDone()
    }

    /// Sleeps until `need` is met (the workers, woken now, go on with what is queued).
    private func pause(for need: Need) {
        shared.update { $0.need = need }
        shared.wait(until: { $0.satisfied }, then: { $0.need = .nothing }, wakingIf: { _ in false })
    }

    /// Jobs given are never dropped: an owner that goes away (after an error, say) still has them done.
    deinit {
        shared.update { $0.closed = true }
        for thread in threads { thread.join() }
    }
}
