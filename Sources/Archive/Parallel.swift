/// Independent work on several threads, with results that do not depend on how many: every index is done
/// exactly once, results come back in index order, and an error is the one a one-thread run meets first.
/// With one thread (or nothing to share) the work runs on the calling thread, in order, as a plain loop.
public enum Parallel {
    /// Runs `body` for every index of `0..<count` on up to `threads` threads (the calling one and threads of their
    /// own), each taking the next index not yet taken, and returns the results in index order. Once an index
    /// failed no further index is started; the error thrown is the lowest failing index's (every lower index was
    /// started before it, so it is the error a one-thread run stops at).
    public static func map<T: Sendable, Failure: Error>(
        _ count: Int, threads: Int, _ body: @escaping @Sendable (Int) throws(Failure) -> T
    ) throws(Failure) -> [T] {
        if threads <= 1 || count <= 1 {
            var results: [T] = []
            results.reserveCapacity(count)
            for index in 0..<count { results.append(try body(index)) }
            return results
        }
        let shared = Monitor(MapState<T, Failure>(count: count))
        let work: @Sendable () -> Void = {
            while let index = shared.update({ $0.take() }) {
                do throws(Failure) {
                    let result = try body(index)
                    shared.update { $0.results[index] = result }
                } catch {
                    shared.update { $0.failed(index, error) }
                }
            }
        }
        let helpers = (1..<min(threads, count)).compactMap { _ in WorkerThread(work) }
        work()
        for helper in helpers { helper.join() }
        return try shared.update { state throws(Failure) in
            if let failure = state.failure { throw failure.error }
            return state.results.map { $0! }
        }
    }

    /// ``map(_:threads:_:)`` for work that returns nothing.
    public static func forEach<Failure: Error>(
        _ count: Int, threads: Int, _ body: @escaping @Sendable (Int) throws(Failure) -> Void
    ) throws(Failure) {
        _ = try map(count, threads: threads, body)
    }

    /// Runs `background` on a thread of its own while `foreground` runs on the calling thread, and returns both
    /// results (with one thread, or when no thread can be started, `foreground` then `background` on the calling
    /// thread). The two must be independent of each other.
    public static func beside<Background: Sendable, Foreground>(
        threads: Int, background: @escaping @Sendable () -> Background, foreground: () throws -> Foreground
    ) rethrows -> (background: Background, foreground: Foreground) {
        let shared = Monitor<Background?>(nil)
        let helper =
            threads > 1
            ? WorkerThread {
                let result = background()
                shared.update { $0 = result }
            } : nil
        let foregroundResult = try foreground()
        guard let helper else { return (background(), foregroundResult) }
        helper.join()
        return (shared.update { $0! }, foregroundResult)
    }

    /// Visits the items `0..<count` in index order on the calling thread, each made before its visit by `make`
    /// on `makers` threads of their own (none: on the calling thread, just before its visit), at most `window`
    /// items ahead of the one being visited (memory follows the window, not the count). `visit` may throw: no item
    /// is visited after it, and the makers stop.
    public static func inOrder<T: Sendable>(
        _ count: Int, makers threads: Int, window: Int = 32, make: @escaping @Sendable (Int) -> T,
        visit: (Int, T) throws -> Void
    ) rethrows {
        if threads < 1 || count <= 1 {
            for index in 0..<count { try visit(index, make(index)) }
            return
        }
        let window = max(window, 4 * threads)
        let half = window / 2
        let shared = Monitor(AheadState<T>(count: count))
        // Maker and visitor wake each other in bursts: a maker that found the window full sleeps until half of it
        // is free, and a visitor that found its item missing sleeps until half a window of items is ready.
        let work: @Sendable () -> Void = {
            while let index = shared.wait(
                until: { $0.mayTake(window: window) }, then: { $0.take() }, wakingIf: { _ in false })
            {
                let item = make(index)
                shared.update({ $0.made[index] = item }, wakingIf: { $0.visitorWaiting && $0.isReady(half) })
            }
        }
        let makers = (0..<threads).compactMap { _ in WorkerThread(work) }
        defer {
            shared.update { $0.stopped = true }
            for maker in makers { maker.join() }
        }
        for index in 0..<count {
            let item: T
            if makers.isEmpty {
                item = make(index)  // no thread could be started: made here
            } else {
                let freed: (AheadState<T>) -> Bool = { $0.next <= $0.visited + half }
                item =
                    shared.update({ $0.visit(index, waiting: true) }, wakingIf: freed)
                    ?? shared.wait(
                        until: { $0.isReady(half) }, then: { $0.visit(index, waiting: false)! }, wakingIf: freed)
            }
            try visit(index, item)
        }
    }
}

/// The indices a ``Parallel/map(_:threads:_:)`` has handed out, its results so far and its first failure.
private struct MapState<T, Failure: Error> {
    let count: Int
    var next = 0
    var results: [T?]
    var failure: (index: Int, error: Failure)?

    init(count: Int) {
        self.count = count
        results = Array(repeating: nil, count: count)
    }

    mutating func take() -> Int? {
        guard failure == nil, next < count else { return nil }
        defer { next += 1 }
        return next
    }

    mutating func failed(_ index: Int, _ error: Failure) {
        if failure.map({ index < $0.index }) ?? true { failure = (index, error) }
    }
}

/// The items a ``Parallel/inOrder(_:makers:window:make:visit:)`` has made and not yet visited.
private struct AheadState<T> {
    let count: Int
    var next = 0
    var visited = 0
    var made: [Int: T] = [:]
    var stopped = false
    /// Whether the visitor sleeps until items are ready.
    var visitorWaiting = false

    init(count: Int) { self.count = count }

    /// Whether a maker may go on: to take the next index, or to stop.
    func mayTake(window: Int) -> Bool { stopped || next >= count || next < visited + window }

    mutating func take() -> Int? {
        guard !stopped, next < count else { return nil }
        defer { next += 1 }
        return next
    }

    /// Whether the item to visit next is made, with `half` a window of items (or all that are left) made.
    func isReady(_ half: Int) -> Bool { made[visited] != nil && made.count >= min(half, count - visited) }

    /// Takes item `index` to visit, when made; otherwise notes whether the visitor will sleep until it is.
    mutating func visit(_ index: Int, waiting: Bool) -> T? {
        guard let item = made.removeValue(forKey: index) else {
            visitorWaiting = waiting
            return nil
        }
        visitorWaiting = false
        visited = index + 1
        return item
    }
}
