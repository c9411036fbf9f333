import Matters

/// The ledger rows of one snapshot in the order of each sort key the 台账 offers, all worked out when the snapshot
/// is built — on the refresher's thread, before the snapshot replaces the old one — so that a page only walks an
/// order, whatever its filters and page number, and no request ever sorts.
///
/// Each key is first turned into one whole number per row (a text into its rank among the distinct texts, by
/// Unicode scalar values — the order the bulletin gives units; a date into its day number), so sorting compares
/// numbers, never strings or whole rows. Ties keep the archive order (by 编号).
struct LedgerOrders: Sendable {
    /// The sort keys besides the archive order (`id`).
    static let keys = ["title", "unit", "deadline", "state", "light", "next"]

    private var orders: [String: [Int]] = [:]

    init(rows: [LedgerRow]) {
        for key in Self.keys { orders[key] = Self.sorted(Self.numbers(key, rows: rows)) }
    }

    /// The indices of the rows by `key` ascending, or nil for the archive order (by 编号).
    func order(_ key: String) -> [Int]? { orders[key] }

    /// One number per row that orders the rows by `key` as the 台账 does.
    static func numbers(_ key: String, rows: [LedgerRow]) -> [Int] {
        switch key {
        case "title": return ranks(rows.map(\.title))
        case "unit": return ranks(rows.map(\.leadUnit))
        case "state": return ranks(rows.map(\.displayState))
        case "deadline": return rows.map(\.deadline.dayNumber)
        case "next": return rows.map { $0.nextDue?.dayNumber ?? Int.max }
        case "light": return rows.map { rank($0.light) }
        default: return Array(rows.indices)
        }
    }

    /// Each text's rank among the distinct texts, ordered by their Unicode scalar values (their UTF-8 bytes
    /// order the same way).
    static func ranks(_ texts: [String]) -> [Int] {
        let distinct = Set(texts).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var rank: [String: Int] = [:]
        rank.reserveCapacity(distinct.count)
        for (n, text) in distinct.enumerated() { rank[text] = n }
        return texts.map { rank[$0] ?? 0 }
    }

    /// The indices ordered by their numbers, ties by index.
    static func sorted(_ numbers: [Int]) -> [Int] {
        numbers.indices.sorted { numbers[$0] != numbers[$1] ? numbers[$0] < numbers[$1] : $0 < $1 }
    }

    /// Red first, then yellow, green and none.
    private static func rank(_ light: LedgerRow.Light) -> Int {
        switch light {
        case .red: return 0
        case .yellow: return 1
        case .green: return 2
        case .none: return 3
        }
    }
}
