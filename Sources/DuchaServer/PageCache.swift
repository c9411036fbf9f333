import Synchronization

/// Page bodies (or the parts of one) already rendered, by a key that names everything they show (the snapshot's
/// generation, the page, the query, what the account may see). Never more than ``limit``: when full it starts again
/// empty.
final class PageCache<Value: Sendable>: Sendable {
    static var limit: Int { 512 }
    private let bodies = Mutex<[String: Value]>([:])

    subscript(key: String) -> Value? {
        get { bodies.withLock { $0[key] } }
        set {
            bodies.withLock { bodies in
                if bodies.count >= Self.limit { bodies.removeAll(keepingCapacity: true) }
                bodies[key] = newValue
            }
        }
    }
}
