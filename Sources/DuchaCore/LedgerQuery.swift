public import Matters

/// The ledger (台账) as it stood on a day.
public struct LedgerView: Sendable {
    public var asOf: CivilDate
    /// One row per matter registered by that day, in archive order (year, id).
    public var rows: [LedgerRow]
    /// Matters whose stored log no longer folds, with why; their rows are missing.
    public var problems: [Problem]
}

extension Workspace {
    /// The ledger as it stood on `day`: matters registered by then, with only the events known by then (the
    /// same rule as the bulletin's and the assessment's figures, ``Ledger/standing(_:events:asOf:lifecycle:)``).
    /// Reads without the lock.
    public func ledger(asOf day: CivilDate) throws -> LedgerView {
        var view = LedgerView(asOf: day, rows: [], problems: [])
        let lifecycle = lifecycle
        let rules = ledgerRules
        try store.forEachRecord { matter, log in
            do {
                if let standing = try rules.standing(
                    matter, events: log.map(\.event), asOf: day, lifecycle: lifecycle)
                {
                    view.rows.append(standing.row)
                }
            } catch {
                view.problems.append(Problem(place: matter.id, matter: matter.id, error))
            }
        }
        return view
    }
}
