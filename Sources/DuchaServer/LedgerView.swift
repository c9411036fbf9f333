import DuchaCore
import Matters

extension LedgerSnapshot {
    /// One consistent picture of the archive with everything a page asks for worked out once, when the picture is
    /// built — at start, and then on the refresher's thread before it replaces the old one — so that no request
    /// pays for it: the ledger rows, each unit's rows, every sort order, each row's HTML, the dashboard's counts,
    /// and the bulletin's per-unit figures with their chart.
    struct View: Sendable {
        var day: CivilDate
        /// By year, then id.
        var entries: [Entry]
        var index: [String: Int]
        /// The ledger rows of the non-涉密 matters on the ledger that day, in archive order.
        var rows: [LedgerRow] = []
        /// Each row's HTML (`ledger-row.mustache`), by its index in ``rows``.
        var fragments: [String] = []
        /// Unit → the indices into ``rows`` of the matters where it is 主责 or 协办, ascending.
        var byUnit: [String: [Int]] = [:]
        /// The units of ``rows``, sorted.
        var units: [String] = []
        /// 涉密 matters on the ledger (counted in totals only).
        var classified = 0
        /// Changes whenever anything in the picture does (pages made from one generation can be kept).
        var generation: Int
        /// The orders of ``rows`` by each sort key.
        var orders: LedgerOrders
        /// Counts by state and light of every row.
        var counts: Counts
        /// The figures of 《西城政务督查》 for the day's quarter as of the day (the core's, from the standings
        /// already worked out): 涉密 matters only in the totals.
        var report: PeriodReport?
        /// The bulletin's per-unit chart of ``report`` (SVG).
        var chart: [UInt8] = []

        init(day: CivilDate, entries: [Entry], generation: Int, ledger: Ledger) {
            self.day = day
            self.generation = generation
            self.entries = entries
            index = [:]
            index.reserveCapacity(entries.count)
            for (n, entry) in entries.enumerated() {
                index[entry.matter.id.lowercased()] = n
                guard let row = entry.standing?.row else { continue }
                if row.classified {
                    classified += 1
                    continue
                }
                for unit in Set([row.leadUnit] + row.coUnits) { byUnit[unit, default: []].append(rows.count) }
                rows.append(row)
                fragments.append(entry.fragment)
            }
            units = byUnit.keys.sorted()
            orders = LedgerOrders(rows: rows)
            counts = Counts(rows)
            if let period = ReportPeriod(year: day.year, quarter: (day.month - 1) / 3 + 1) {
                report = try? PeriodReport(period: period, asOf: day, ledger: ledger) { visit in
                    for entry in entries { if let standing = entry.standing { try visit(entry.matter, standing) } }
                }
            }
            chart = report.map { UnitChart.svg($0) } ?? []
        }

        func entry(_ id: String) -> Entry? { index[id.lowercased()].map { entries[$0] } }
    }

    /// How many rows are in each state and under each light.
    struct Counts: Sendable {
        var shown = 0
        var states: [String: Int] = [:]
        var lights: [String: Int] = [:]

        init(_ rows: some Sequence<LedgerRow>) {
            for row in rows {
                shown += 1
                states[row.displayState, default: 0] += 1
                lights[row.light.rawValue, default: 0] += 1
            }
        }
    }
}
