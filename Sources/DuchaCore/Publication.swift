import Archive
import Filling
public import Matters

/// A periodic publication filed in the archive: 《西城政务督查》 or the 督考合一 sheet.
public struct Publication: Sendable, Equatable {
    public var number: DocumentNumber
    /// The date registered with the number (the first publication's date).
    public var date: CivilDate
    /// The files written (or found unchanged), the printable .odt first.
    public var paths: [String]
    /// Whether anything was written.
    public var changed: Bool

    init(_ stored: PeriodicStore.Publication) {
        number = stored.number
        date = stored.date
        paths = stored.paths
        changed = stored.changed
    }
}

/// A publication with the figures it shows.
public struct Published: Sendable {
    public var publication: Publication
    public var report: PeriodReport
}

/// Rates as the publications print them: one decimal, `16.7%`.
public enum Percent {
    public static func text(_ fraction: Double) -> String { AssessmentCatalogue.percent(fraction) }
}
