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

    /// The rows this account may see that pass the filters, sorted.
    func rows(_ view: LedgerSnapshot.View, viewer: Viewer) -> [LedgerRow] {
        var rows: [LedgerRow] = []
        rows.reserveCapacity(view.entries.count)
        for entry in view.entries where viewer.sees(entry.matter) {
            guard let row = entry.standing?.row else { continue }
            if !unit.isEmpty, row.leadUnit != unit, !row.coUnits.contains(unit) { continue }
            if !kind.isEmpty, row.kind.rawValue != kind { continue }
            if !state.isEmpty, row.displayState != state, row.state.rawValue != state { continue }
            if !light.isEmpty, row.light.rawValue != light { continue }
            if overdue, !row.overdue { continue }
            rows.append(row)
        }
        let order: (LedgerRow, LedgerRow) -> Bool
        func rank(_ l: LedgerRow.Light) -> Int {
            switch l {
            case .red: return 0
            case .yellow: return 1
            case .green: return 2
            case .none: return 3
            }
        }
        switch sort {
        case "title": order = { ($0.title, $0.id) < ($1.title, $1.id) }
        case "unit": order = { ($0.leadUnit, $0.id) < ($1.leadUnit, $1.id) }
        case "deadline": order = { ($0.deadline, $0.id) < ($1.deadline, $1.id) }
        case "state": order = { ($0.displayState, $0.id) < ($1.displayState, $1.id) }
        case "light": order = { (rank($0.light), $0.id) < (rank($1.light), $1.id) }
        case "next":
            order = {
                ($0.nextDue?.dayNumber ?? Int.max, $0.id) < ($1.nextDue?.dayNumber ?? Int.max, $1.id)
            }
        default: order = { $0.id < $1.id }
        }
        rows.sort(by: descending ? { order($1, $0) } : order)
        return rows
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
