/// A matter as the ledger saw it on a day: the events known by then, the status they fold to, and its row.
public struct LedgerStanding: Sendable, Equatable {
    /// The events dated on or before the day.
    public var known: [MatterEvent]
    public var status: MatterStatus
    public var row: LedgerRow
}

extension Ledger {
    /// The one rule for "the ledger as it stood on a day", shared by `status`, the bulletin and the assessment:
    /// a matter registered after `day` is not on it (`nil`), and events dated after `day` are not yet known.
    /// - Throws: ``LifecycleRefusal`` when the stored log no longer folds.
    public func standing(_ matter: Matter, events: [MatterEvent], asOf day: CivilDate, lifecycle: Lifecycle) throws
        -> LedgerStanding?
    {
        guard matter.registered <= day else { return nil }
        let known = events.filter { $0.date <= day }
        let status = try lifecycle.fold(matter, events: known)
        return LedgerStanding(known: known, status: status, row: try row(matter, status: status, asOf: day))
    }
}
