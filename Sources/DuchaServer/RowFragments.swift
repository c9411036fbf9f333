import Synchronization

/// The HTML of each ledger row of one snapshot, rendered the first time a page shows the row.
final class RowFragments: Sendable {
    private let html = Mutex<[Int: String]>([:])

    /// Row `index`'s HTML, made by `render` the first time.
    func html(_ index: Int, render: () -> String) -> String {
        if let known = html.withLock({ $0[index] }) { return known }
        let made = render()
        html.withLock { $0[index] = made }
        return made
    }
}
