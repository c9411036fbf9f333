import DuchaCore
import Matters

/// The 台账 as one account asks for it: filters (unit, kind, state, light, overdue), a sort and a page.
struct LedgerRequest: Sendable {
    var unit = ""
    var kind = ""
    var state = ""
    var light = ""
    var overdue = false
    var sort = "id"
    var descending = false
    var page = 1

    static let pageSize = 50
    static let sorts = ["id", "title", "unit", "deadline", "state", "light", "next"]

    init(_ query: [String: String]) {
        unit = query["unit"] ?? ""
        kind = query["kind"] ?? ""
        state = query["state"] ?? ""
        light = query["light"] ?? ""
        overdue = query["overdue"] == "1"
        if let s = query["sort"], Self.sorts.contains(s) { sort = s }
        descending = query["order"] == "desc"
        page = max(1, min(Int(query["page"] ?? "") ?? 1, 1_000_000))
    }

    /// The rows this account may see that pass the filters, sorted, as indices into the snapshot's rows: a unit's
    /// rows come from the snapshot's index, the filters compare typed values, the orders are the snapshot's.
    func indices(_ view: LedgerSnapshot.View, viewer: Viewer) -> [Int] {
        var picked: [Int]?
        if viewer.role == .unit { picked = viewer.account.unit.flatMap { view.byUnit[$0] } ?? [] }
        if !unit.isEmpty {
            let chosen = view.byUnit[unit] ?? []
            picked = picked.map { Self.intersection($0, chosen) } ?? chosen
        }
        let kind = MatterKind(rawValue: kind)
        let state = MatterState(rawValue: state)
        let overdueState = self.state == "逾期"
        let light = LedgerRow.Light(rawValue: light)
        let filtering = kind != nil || state != nil || overdueState || light != nil || overdue
        if (!self.kind.isEmpty && kind == nil) || (!self.state.isEmpty && state == nil && !overdueState)
            || (!self.light.isEmpty && light == nil)
        {
            return []  // a word no row can have
        }
        func keep(_ row: LedgerRow) -> Bool {
            if let kind, row.kind != kind { return false }
            if let state, row.state != state || row.overdue { return false }
            if overdueState || overdue, !row.overdue { return false }
            if let light, row.light != light { return false }
            return true
        }
        var sequence: [Int]
        if let order = view.orders.order(sort) {
            if let picked {
                var chosen = [Bool](repeating: false, count: view.rows.count)
                for i in picked { chosen[i] = true }
                sequence = order.filter { chosen[$0] }
            } else {
                sequence = order
            }
        } else {
            sequence = picked ?? Array(view.rows.indices)
        }
        if filtering { sequence = sequence.filter { keep(view.rows[$0]) } }
        if descending { sequence.reverse() }
        return sequence
    }

    /// The rows of ``indices(_:viewer:)``.
    func rows(_ view: LedgerSnapshot.View, viewer: Viewer) -> [LedgerRow] {
        indices(view, viewer: viewer).map { view.rows[$0] }
    }

    /// The indices in both ascending lists.
    static func intersection(_ a: [Int], _ b: [Int]) -> [Int] {
        var result: [Int] = []
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                result.append(a[i])
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return result
    }

    /// The query string of this request with some parameters changed (empty values left out).
    func query(_ changes: [String: String] = [:]) -> String {
        var items: [(String, String)] = [
            ("unit", unit), ("kind", kind), ("state", state), ("light", light), ("overdue", overdue ? "1" : ""),
            ("sort", sort == "id" ? "" : sort), ("order", descending ? "desc" : ""),
            ("page", page == 1 ? "" : String(page)),
        ]
        for (key, value) in changes {
            if let i = items.firstIndex(where: { $0.0 == key }) { items[i].1 = value }
        }
        let kept = items.filter { !$0.1.isEmpty }
        return kept.isEmpty ? "" : "?" + kept.map { "\($0.0)=\(URLText.encode($0.1))" }.joined(separator: "&")
    }
}

/// Percent-encoding for URLs the pages write.
enum URLText {
    static func encode(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded
            }
        }
        return out
    }
}

extension String {
    fileprivate var leftPadded: String { count < 2 ? "0" + self : self }
}
