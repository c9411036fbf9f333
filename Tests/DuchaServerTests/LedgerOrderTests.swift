import DuchaCore
import Matters
import Testing

@testable import DuchaServer

@Suite("Portal: the ledger's sort orders")
struct LedgerOrderTests {
    @Test("every order is worked out with the snapshot and sorts the rows by its key, ties in archive order")
    func ordersSortByTheirKeys() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        var configuration = PortalConfiguration(workspace: fixture.workspace)
        configuration.today = { PortalFixture.day }
        let view = try await Portal(configuration).snapshot.view
        #expect(view.rows.count == 31)
        #expect(view.fragments.count == view.rows.count)
        for (row, html) in zip(view.rows, view.fragments) { #expect(html.contains(">\(row.id)</a>")) }
        func text(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
        let keys: [String: (LedgerRow, LedgerRow) -> Bool?] = [
            "title": {
                text($0.title) == text($1.title) ? nil : text($0.title).lexicographicallyPrecedes(text($1.title))
            },
            "unit": {
                text($0.leadUnit) == text($1.leadUnit)
                    ? nil : text($0.leadUnit).lexicographicallyPrecedes(text($1.leadUnit))
            },
            "deadline": { $0.deadline == $1.deadline ? nil : $0.deadline < $1.deadline },
            "state": {
                $0.displayState == $1.displayState
                    ? nil : text($0.displayState).lexicographicallyPrecedes(text($1.displayState))
            },
            "next": {
                let (a, b) = ($0.nextDue?.dayNumber ?? Int.max, $1.nextDue?.dayNumber ?? Int.max)
                return a == b ? nil : a < b
            },
        ]
        #expect(Set(keys.keys).union(["light"]) == Set(LedgerOrders.keys))
        for (key, before) in keys {
            let order = try #require(view.orders.order(key))
            #expect(order.sorted() == Array(view.rows.indices), "\(key) is a permutation")
            for (a, b) in zip(order, order.dropFirst()) {
                let (x, y) = (view.rows[a], view.rows[b])
                if let less = before(x, y) { #expect(less, "\(key): \(x.id) before \(y.id)") } else { #expect(a < b) }
            }
        }
        let lights = try #require(view.orders.order("light")).map { view.rows[$0].light }
        let rank: [LedgerRow.Light] = [.red, .yellow, .green, .none]
        #expect(lights == lights.sorted { rank.firstIndex(of: $0)! < rank.firstIndex(of: $1)! })
        #expect(view.orders.order("id") == nil)
    }
}
