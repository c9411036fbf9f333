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

    @Test("a ledger page put together from its kept frame shows its order's rows, its head and its page line")
    func pagesFromFrames() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            var clerk = try await Browser.signedIn(client, as: "clerk")
            let ascending = try await clerk.get("/ledger?sort=deadline").text
            let descending = try await clerk.get("/ledger?sort=deadline&order=desc").text
            let again = try await clerk.get("/ledger?sort=deadline&order=desc&page=7").text  // clamped to page 1
            func ids(_ html: String) -> [String] {
                html.components(separatedBy: "<td class=\"nowrap\"><a href=\"/matters/").dropFirst().map {
                    String($0.prefix { $0 != "\"" })
                }
            }
            #expect(ids(ascending).count == 31)
            #expect(Set(ids(ascending)).count == 31)
            #expect(ids(descending) == ids(ascending).reversed())
            #expect(ids(again) == ids(descending))
            #expect(ascending.contains("办理时限▲"))
            #expect(descending.contains("办理时限▼"))
            for page in [ascending, descending, again] {
                #expect(page.contains("第 1 / 1 页"))
                #expect(!page.contains("\u{1}"))
                #expect(page.hasSuffix("</html>\n") || page.hasSuffix("</html>"))
            }
            var shichahai = try await Browser.signedIn(client, as: "shichahai")
            let unit = try await shichahai.get("/ledger?sort=title")
            #expect(!ids(unit.text).isEmpty)
            #expect(!ids(unit.text).contains("2026-002"))
        }
    }
}
