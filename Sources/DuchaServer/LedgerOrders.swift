import Matters
import Synchronization

/// The ledger rows of one snapshot sorted by each key the 台账 offers, each order worked out once, the first time a
/// page asks for it: a page then only walks the order, whatever its filters and page number.
final class LedgerOrders: Sendable {
    private let orders = Mutex<[String: [Int]]>([:])

    /// The indices of `rows` by `key` ascending (ties by 编号), or nil for the archive order (by 编号).
    func order(_ key: String, rows: [LedgerRow]) -> [Int]? {
        guard let less = Self.comparison(key) else { return nil }
        if let known = orders.withLock({ $0[key] }) { return known }
        let sorted = rows.indices.sorted { less(rows[$0], rows[$1]) }
        orders.withLock { $0[key] = sorted }
        return sorted
    }

    private static func comparison(_ key: String) -> ((LedgerRow, LedgerRow) -> Bool)? {
        func rank(_ light: LedgerRow.Light) -> Int {
            switch light {
            case .red: return 0
            case .yellow: return 1
            case .green: return 2
            case .none: return 3
            }
        }
        switch key {
        case "title": return { ($0.title, $0.id) < ($1.title, $1.id) }
        case "unit": return { ($0.leadUnit, $0.id) < ($1.leadUnit, $1.id) }
        case "deadline": return { ($0.deadline.dayNumber, $0.id) < ($1.deadline.dayNumber, $1.id) }
        case "state": return { ($0.displayState, $0.id) < ($1.displayState, $1.id) }
        case "light": return { (rank($0.light), $0.id) < (rank($1.light), $1.id) }
        case "next": return { ($0.nextDue?.dayNumber ?? Int.max, $0.id) < ($1.nextDue?.dayNumber ?? Int.max, $1.id) }
        default: return nil
        }
    }
}
