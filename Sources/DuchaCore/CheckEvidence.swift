import Matters

/// What the items found while a subject is checked: problems (each fails its item) and notes (what was
/// checked, shown as evidence), per item.
struct CheckEvidence {
    private(set) var problems: [CheckItem: [String]] = [:]
    private(set) var notes: [CheckItem: [String]] = [:]
    private(set) var counts: [CheckItem: Int] = [:]
    /// Items that could not be run, with the reason.
    private(set) var notRun: [CheckItem: String] = [:]

    /// The most problems listed per item; the rest are counted.
    static let shownProblems = 200

    mutating func fail(_ item: CheckItem, _ problem: String) {
        counts[item, default: 0] += 1
        if (problems[item]?.count ?? 0) < Self.shownProblems {
            problems[item, default: []].append(MessageText.escaped(problem))
        }
    }

    mutating func note(_ item: CheckItem, _ text: String) { notes[item, default: []].append(text) }

    mutating func skip(_ item: CheckItem, _ reason: String) { notRun[item] = reason }

    /// The outcomes, in the items' order.
    func outcomes() -> [CheckOutcome] {
        CheckItem.allCases.map { item in
            let found = problems[item] ?? []
            if !found.isEmpty {
                let total = counts[item] ?? found.count
                let more = total > found.count ? ["……另有 \(total - found.count) 处问题未列出"] : []
                return CheckOutcome(
                    item: item, verdict: .failed, evidence: ["发现 \(total) 处问题："] + found + more + (notes[item] ?? []))
            }
            if let reason = notRun[item] {
                return CheckOutcome(item: item, verdict: .notRun, evidence: [reason] + (notes[item] ?? []))
            }
            return CheckOutcome(item: item, verdict: .passed, evidence: notes[item] ?? [])
        }
    }
}
