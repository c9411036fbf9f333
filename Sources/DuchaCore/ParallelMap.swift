import Foundation

/// Work spread over every core: each worker takes the next element as it finishes one, so a long element does
/// not hold the others back.
enum ParallelMap {
    /// `transform` of every element of `elements`, in their order, computed on `workers` threads.
    static func map<Element: Sendable, Mapped: Sendable>(
        _ elements: [Element], workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        _ transform: @Sendable (Element) -> Mapped
    ) -> [Mapped] {
        let workers = max(1, min(workers, elements.count))
        guard workers > 1 else { return elements.map(transform) }
        let results = Results<Mapped>(count: elements.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = results.take() { results.set(index, transform(elements[index])) }
        }
        return results.all
    }
}

/// The results as they come in, and the next element to hand out.
private final class Results<Mapped: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Mapped?]
    private var next = 0

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func take() -> Int? {
        lock.withLock {
            guard next < results.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func set(_ index: Int, _ result: Mapped) { lock.withLock { results[index] = result } }

    var all: [Mapped] { lock.withLock { results.map { $0! } } }
}
