import Matters

/// What the items found while a subject is checked: problems (each fails its item) and notes (what was
/// checked, shown as evidence), per item.
struct CheckEvidence: Sendable {
    private(set) var problems: [CheckItem: [String]] = [:]
    private(set) var notes: [CheckItem: [String]] = [:]
    private(set) var counts: [CheckItem: Int] = [:]
    /// Items that could not be run, with the reason.
    private(set) var notRun: [CheckItem: String] = [:]

    /// What the document checks looked at, for the items' notes.
    var documents = DocumentCounts()

    /// The most problems listed per item; the rest are counted.
    static let shownProblems = 200

    /// Records a problem of `item`; `counting` is how many problems the line stands for (a line summing up the
    /// ones not listed stands for all of them).
    mutating func fail(_ item: CheckItem, _ problem: String, counting: Int = 1) {
        counts[item, default: 0] += counting
        if (problems[item]?.count ?? 0) < Self.shownProblems {
            problems[item, default: []].append(MessageText.escaped(problem))
        }
    }

    mutating func note(_ item: CheckItem, _ text: String) { notes[item, default: []].append(text) }

    mutating func skip(_ item: CheckItem, _ reason: String) { notRun[item] = reason }

    /// Adds what `other` found after what this found (problems, notes and counts), as if it had been found here.
    mutating func merge(_ other: CheckEvidence) {
        for item in CheckItem.allCases {
            if let count = other.counts[item] { counts[item, default: 0] += count }
            if let found = other.problems[item] {
                let room = Self.shownProblems - (problems[item]?.count ?? 0)
                if room > 0 { problems[item, default: []] += found.prefix(room) }
            }
            if let more = other.notes[item] { notes[item, default: []] += more }
            if notRun[item] == nil, let reason = other.notRun[item] { notRun[item] = reason }
        }
        documents.add(other.documents)
    }

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

/// How many documents, parts and copies the document checks looked at.
struct DocumentCounts: Sendable {
    /// ODF documents (packages and flat files) validated against the schemas.
    var odf = 0
    /// Their parts validated.
    var parts = 0
    /// PDF/A archival copies inspected, the font descriptors they have, and the copies with compressed object
    /// streams (whose dictionaries are not read).
    var archivalCopies = 0
    var fontDescriptors = 0
    var copiesWithObjectStreams = 0

    mutating func add(_ other: DocumentCounts) {
        odf += other.odf
        parts += other.parts
        archivalCopies += other.archivalCopies
        fontDescriptors += other.fontDescriptors
        copiesWithObjectStreams += other.copiesWithObjectStreams
    }
}
