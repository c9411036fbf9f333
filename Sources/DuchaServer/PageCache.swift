import Synchronization

/// Page bodies already rendered, by a key that names everything they show (the snapshot's generation, the page, the
/// query, what the account may see). Never more than ``limit``: when full it starts again empty.
final class PageCache: Sendable {
    static let limit = 512
    private let bodies = Mutex<[String: String]>([:])

    subscript(key: String) -> String? {
        get { bodies.withLock { $0[key] } }
        set {
            bodies.withLock { bodies in
                if bodies.count >= Self.limit { bodies.removeAll(keepingCapacity: true) }
                bodies[key] = newValue
            }
        }
    }
}
