/// The period a publication covers: a quarter (`2026Q1`, for 《西城政务督查》, 11(六)) or a whole year
/// (`2026`, for the 督考合一 sheet, 13(九)).
public struct ReportPeriod: Sendable, Hashable, CustomStringConvertible {
    public let year: Int
    /// 1…4, or `nil` for the whole year.
    public let quarter: Int?

    /// A quarter of a year.
    public init?(year: Int, quarter: Int) {
        guard (1...9999).contains(year), (1...4).contains(quarter) else { return nil }
        self.year = year
        self.quarter = quarter
    }

    /// A whole year.
    public init?(year: Int) {
        guard (1...9999).contains(year) else { return nil }
        self.year = year
        self.quarter = nil
    }

    /// Parses `2026Q1` (also `2026q1`, `2026-Q1`) or `2026`.
    public init?(parsing text: String) {
        var rest = Substring(text.uppercased())
        let yearText = rest.prefix(4)
        guard yearText.count == 4, yearText.allSatisfy(\.isASCII), let year = Int(yearText) else { return nil }
        rest = rest.dropFirst(4)
        if rest.isEmpty {
            self.init(year: year)
            return
        }
        if rest.hasPrefix("-") { rest = rest.dropFirst() }
        guard rest.count == 2, rest.first == "Q", let quarter = Int(rest.dropFirst()) else { return nil }
        self.init(year: year, quarter: quarter)
    }

    /// The quarter that ends on `day`, if `day` is the last day of a quarter (3-31, 6-30, 9-30, 12-31).
    public static func quarter(endingOn day: CivilDate) -> ReportPeriod? {
        guard day.month % 3 == 0, day.adding(days: 1).month != day.month else { return nil }
        return ReportPeriod(year: day.year, quarter: day.month / 3)
    }

    /// The first day of the period.
    public var first: CivilDate {
        CivilDate(year: year, month: quarter.map { ($0 - 1) * 3 + 1 } ?? 1, day: 1)!
    }

    /// The last day of the period: the day its figures are taken.
    public var last: CivilDate {
        let month = quarter.map { $0 * 3 } ?? 12
        return CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))!
    }

    /// Whether `day` falls in the period.
    public func contains(_ day: CivilDate) -> Bool { day >= first && day <= last }

    /// `2026Q1` or `2026`: the key the registry files the publication under.
    public var key: String { quarter.map { "\(year)Q\($0)" } ?? String(year) }

    public var description: String { key }

    /// `2026年第一季度` or `2026年度`.
    public var chinese: String {
        guard let quarter else { return "\(year)年度" }
        return "\(year)年第" + ["一", "二", "三", "四"][quarter - 1] + "季度"
    }
}
