/// Chinese working days (工作日), from the State Council's yearly holiday notices.
///
/// A date is a working day when it is a listed 调休上班 day, or when it is Monday to Friday and not a
/// listed 放假 day. Working days cannot be computed without the year's notice, so the calendar holds one
/// ``CalendarYear`` per year it knows, and every question about another year, including a count that
/// runs into one, throws a ``CalendarError`` naming the file to add.
///
/// ```swift
/// let calendar = WorkingCalendar(years: [y2026], folder: "Templates/calendar")
/// // 办理时限 2026-02-25, 延期申请最迟在时限前 3 个工作日提出:
/// try calendar.nthWorkingDay(before: CivilDate(iso: "2026-02-25")!, n: 3)  // 2026-02-13
/// ```
public struct WorkingCalendar: Sendable {
    /// The folder a command line looks in by default: `Templates/calendar`.
    public static let defaultFolder = "Templates/calendar"

    /// What kind of day a date is.
    public enum DayKind: Sendable, Equatable {
        /// Monday to Friday, not a day off.
        case workday
        /// Saturday or Sunday, not a 调休上班 day.
        case weekend
        /// An official day off (放假) of the named holiday.
        case dayOff(holiday: String)
        /// A Saturday or Sunday declared a working day (调休上班) for the named holiday.
        case makeUpWorkday(holiday: String)

        /// Whether one works on such a day.
        public var isWorkingDay: Bool {
            switch self {
            case .workday, .makeUpWorkday: return true
            case .weekend, .dayOff: return false
            }
        }
    }

    /// The folder holding the year files, named in the message of a ``CalendarError`` so the user knows
    /// where to add a year.
    public let folder: String
    private let byYear: [Int: CalendarYear]
    /// Day number (``CivilDate/dayNumber``) → holiday name.
    private let daysOff: [Int: String]
    private let makeUpWorkdays: [Int: String]

    /// Creates a calendar from the years it should know.
    ///
    /// - Parameters:
    ///   - years: One arrangement per year; if two have the same ``CalendarYear/year``, the later one is used.
    ///     The data is taken as it is (``CalendarYear`` files are checked when they are read).
    ///   - folder: Where the year files live, for error messages, e.g. `./Templates/calendar`.
    public init(years: [CalendarYear], folder: String = WorkingCalendar.defaultFolder) {
        var byYear: [Int: CalendarYear] = [:]
        for year in years { byYear[year.year] = year }
        var daysOff: [Int: String] = [:]
        var makeUpWorkdays: [Int: String] = [:]
        for year in byYear.values {
            for group in year.daysOff {
                for date in group.dates { daysOff[date.dayNumber] = group.name }
            }
            for group in year.makeUpWorkdays {
                for date in group.dates { makeUpWorkdays[date.dayNumber] = group.name }
            }
        }
        self.folder = folder
        self.byYear = byYear
        self.daysOff = daysOff
        self.makeUpWorkdays = makeUpWorkdays
    }

    /// The years the calendar knows, in ascending order.
    public var years: [Int] { byYear.keys.sorted() }

    /// The arrangement of `year`, or `nil` when the calendar does not know it.
    public func arrangement(of year: Int) -> CalendarYear? { byYear[year] }

    /// What kind of day `date` is.
    ///
    /// - Throws: ``CalendarError`` when the calendar has no data for the date's year.
    public func kind(of date: CivilDate) throws(CalendarError) -> DayKind {
        guard byYear[date.year] != nil else { throw CalendarError(missingYear: date.year, date: date, folder: folder) }
        if let name = makeUpWorkdays[date.dayNumber] { return .makeUpWorkday(holiday: name) }
        if let name = daysOff[date.dayNumber] { return .dayOff(holiday: name) }
        return date.weekday >= 6 ? .weekend : .workday
    }

    /// Whether `date` is a working day: a listed 调休上班 day, or Monday to Friday and not a listed 放假 day.
    ///
    /// - Throws: ``CalendarError`` when the calendar has no data for the date's year.
    public func isWorkingDay(_ date: CivilDate) throws(CalendarError) -> Bool {
        try kind(of: date).isWorkingDay
    }

    /// The name of the holiday `date` is a day off of (`春节`), or `nil` when it is not an official day off.
    ///
    /// - Throws: ``CalendarError`` when the calendar has no data for the date's year.
    public func holiday(on date: CivilDate) throws(CalendarError) -> String? {
        if case .dayOff(let name) = try kind(of: date) { return name }
        return nil
    }

    /// The number of working days in `year` (2024: 251, 2025: 248, 2026: 248).
    ///
    /// - Throws: ``CalendarError`` when the calendar has no data for `year`.
    public func workingDays(in year: Int) throws(CalendarError) -> Int {
        guard byYear[year] != nil, let first = CivilDate(year: year, month: 1, day: 1),
            let last = CivilDate(year: year, month: 12, day: 31)
        else { throw CalendarError(missingYear: year, date: nil, folder: folder) }
        var count = 0
        for number in first.dayNumber...last.dayNumber {
            if try isWorkingDay(CivilDate(dayNumber: number)) { count += 1 }
        }
        return count
    }

    /// The date `n` working days after `date` (before it when `n` is negative).
    ///
    /// The start day is not counted, whether or not it is a working day: 1 working day after Thursday
    /// 2025-09-25 is Friday 2025-09-26, and 1 working day after Tuesday 2025-09-30 is Thursday 2025-10-09
    /// (国庆节、中秋节 1–8 October). The result is always a working day, except that `n == 0` returns `date`
    /// itself.
    ///
    /// - Throws: ``CalendarError`` when a day to be looked at lies in a year with no data.
    public func addingWorkingDays(_ n: Int, to date: CivilDate) throws(CalendarError) -> CivilDate {
        let step = n < 0 ? -1 : 1
        var remaining = n.magnitude
        var current = date
        while remaining > 0 {
            current = current.adding(days: step)
            if try isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }

    /// The `n`-th working day strictly before `deadline`: the last day for something due
    /// "在办理时限前 n 个工作日".
    ///
    /// The deadline itself is never counted; the working day just before it is the 1st. For a deadline of
    /// 2026-02-25 and `n == 3` this is 2026-02-13 (2-24 is the 1st, Saturday 2-14, a 调休上班 day, the 2nd).
    ///
    /// - Precondition: `n >= 1`.
    /// - Throws: ``CalendarError`` when a day to be looked at lies in a year with no data.
    public func nthWorkingDay(before deadline: CivilDate, n: Int) throws(CalendarError) -> CivilDate {
        precondition(n >= 1, "nthWorkingDay(before:n:) needs n >= 1, got \(n)")
        return try addingWorkingDays(-n, to: deadline)
    }

    /// The number of working days after `start` up to and including `end`: `start` is **excluded**, `end` is
    /// **included** (the counting of ``addingWorkingDays(_:to:)``, and of 《民法典》第二百零一条, which does
    /// not count the first day).
    ///
    /// When `end` is before `start` the result is negative: `workingDays(from: a, to: b) ==
    /// -workingDays(from: b, to: a)`. From Friday 2026-03-06 to Friday 2026-03-13 there are 5.
    ///
    /// - Throws: ``CalendarError`` when a day to be counted lies in a year with no data.
    public func workingDays(from start: CivilDate, to end: CivilDate) throws(CalendarError) -> Int {
        if end < start { return -(try workingDays(from: end, to: start)) }
        var count = 0
        var number = start.dayNumber + 1
        while number <= end.dayNumber {
            if try isWorkingDay(CivilDate(dayNumber: number)) { count += 1 }
            number += 1
        }
        return count
    }
}

/// Thrown when a working-day question needs a year the ``WorkingCalendar`` has no data for.
///
/// Its ``description`` tells the user which file to add:
/// `没有 2027 年的工作日历：请添加 Templates/calendar/2027.json（依据国务院办公厅当年的节假日安排通知）`.
public struct CalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The year with no data.
    public var year: Int
    /// The date that was being looked at, when there was one.
    public var date: CivilDate?
    /// The file that would supply the year, e.g. `Templates/calendar/2027.json`.
    public var file: String

    /// Creates the error for a missing year, naming `folder/year.json`.
    public init(missingYear year: Int, date: CivilDate?, folder: String) {
        self.year = year
        self.date = date
        let separator = folder.isEmpty || folder.hasSuffix("/") ? "" : "/"
        self.file = folder + separator + "\(year).json"
    }

    /// `没有 2027 年的工作日历：请添加 Templates/calendar/2027.json（依据国务院办公厅当年的节假日安排通知）`.
    public var description: String {
        "没有 \(year) 年的工作日历：请添加 \(file)（依据国务院办公厅当年的节假日安排通知）"
    }
}
