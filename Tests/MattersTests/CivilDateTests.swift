import Testing

@testable import Matters

@Suite("CivilDate")
struct CivilDateTests {
    @Test(
        "ISO text is parsed into its parts and printed back unchanged",
        arguments: [
            ("2026-03-05", 2026, 3, 5),
            ("2026-12-31", 2026, 12, 31),
            ("0001-01-01", 1, 1, 1),
            ("9999-12-31", 9999, 12, 31),
            ("1970-01-01", 1970, 1, 1),
            ("2024-02-29", 2024, 2, 29),
        ])
    func isoRoundTrip(text: String, year: Int, month: Int, day: Int) throws {
        let date = try #require(CivilDate(iso: text))
        #expect(date.year == year)
        #expect(date.month == month)
        #expect(date.day == day)
        #expect(date.iso == text)
        #expect(date.description == text)
        #expect(CivilDate(year: year, month: month, day: day) == date)
    }

    @Test(
        "Impossible or badly written dates are refused",
        arguments: [
            "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-3-5", "2026/03/05",
            "2026-04-31", "2026-06-31", "2026-09-31", "2026-11-31", "2026-01-32", "2026-01-00",
            "2100-02-29", "1900-02-29", "0000-01-01", "", "2026-03-05 ", " 2026-03-05", "2026-03-5x",
            "20260305", "2026-03-05T00:00", "+026-03-05", "2026-0a-05", "２０２６-03-05", "2026－03－05",
        ])
    func impossibleDatesAreRefused(text: String) {
        #expect(CivilDate(iso: text) == nil)
    }

    @Test(
        "Components that do not form a day are refused",
        arguments: [
            (2026, 2, 29), (2026, 4, 31), (2026, 13, 1), (2026, 0, 1), (2026, 1, 0), (2026, 1, 32),
            (0, 1, 1), (10000, 1, 1), (-1, 1, 1), (2100, 2, 29),
        ])
    func impossibleComponentsAreRefused(year: Int, month: Int, day: Int) {
        #expect(CivilDate(year: year, month: month, day: day) == nil)
    }

    @Test(
        "February 29 exists exactly in Gregorian leap years",
        arguments: [
            (2024, true), (2000, true), (1600, true), (2400, true), (1996, true), (2028, true),
            (2100, false), (1900, false), (2200, false), (2300, false), (2025, false), (2026, false),
            (2027, false),
        ])
    func leapYears(year: Int, isLeap: Bool) {
        let text = String(year) + "-02-29"
        #expect((CivilDate(iso: text) != nil) == isLeap)
        #expect((CivilDate(year: year, month: 2, day: 29) != nil) == isLeap)
        // February 28 always exists, and the day after it is 29 or March 1 depending on the year.
        let feb28 = CivilDate(year: year, month: 2, day: 28)
        let next = feb28?.adding(days: 1)
        #expect(next?.month == (isLeap ? 2 : 3))
        #expect(next?.day == (isLeap ? 29 : 1))
    }

    @Test(
        "Chinese and compact forms",
        arguments: [
            ("2026-03-05", "2026年3月5日", "20260305"),
            ("2026-12-31", "2026年12月31日", "20261231"),
            ("2026-10-01", "2026年10月1日", "20261001"),
            ("2024-02-29", "2024年2月29日", "20240229"),
            ("0999-01-09", "999年1月9日", "09990109"),
        ])
    func chineseAndCompact(iso: String, chinese: String, compact: String) throws {
        let date = try #require(CivilDate(iso: iso))
        #expect(date.chinese == chinese)
        #expect(date.compact == compact)
    }

    @Test(
        "Known day numbers and ISO weekdays (1 = Monday … 7 = Sunday)",
        arguments: [
            // Day numbers computed independently with Python's datetime.date.
            ("1970-01-01", 0, 4),
            ("1969-12-31", -1, 3),
            ("2026-01-01", 20454, 4),
            ("2026-02-14", 20498, 6),
            ("2026-03-05", 20517, 4),
            ("2000-02-29", 11016, 2),
            ("2000-03-01", 11017, 3),
            ("2024-02-29", 19782, 4),
            ("1900-03-01", -25508, 4),
            ("0001-01-01", -719162, 1),
            ("9999-12-31", 2_932_896, 5),
        ])
    func knownDayNumbers(iso: String, dayNumber: Int, weekday: Int) throws {
        let date = try #require(CivilDate(iso: iso))
        #expect(date.dayNumber == dayNumber)
        #expect(date.weekday == weekday)
        #expect(CivilDate(dayNumber: dayNumber) == date)
    }

    /// Walks day by day from 1899-12-31 to 2101-01-01 with the test's own calendar, checking that
    /// every date has the next day number, maps back to itself and keeps the weekday cycle.
    @Test("Day numbers round trip over two centuries")
    func dayNumberRoundTripOverARange() throws {
        func daysIn(_ month: Int, _ year: Int) -> Int {
            let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            let leap = year % 400 == 0 || (year % 4 == 0 && year % 100 != 0)
            return month == 2 && leap ? 29 : lengths[month - 1]
        }
        var (year, month, day) = (1899, 12, 31)
        let start = try #require(CivilDate(year: year, month: month, day: day))
        var expectedNumber = start.dayNumber
        var expectedWeekday = 7  // 1899-12-31 was a Sunday
        var failures = 0
        while (year, month, day) <= (2101, 1, 1) {
            let date = try #require(CivilDate(year: year, month: month, day: day))
            if date.dayNumber != expectedNumber || CivilDate(dayNumber: expectedNumber) != date
                || date.weekday != expectedWeekday || date.adding(days: 0) != date
            {
                failures += 1
                Issue.record("\(date.iso): dayNumber \(date.dayNumber), weekday \(date.weekday)")
                if failures > 5 { break }
            }
            expectedNumber += 1
            expectedWeekday = expectedWeekday % 7 + 1
            day += 1
            if day > daysIn(month, year) {
                day = 1
                month += 1
                if month > 12 {
                    month = 1
                    year += 1
                }
            }
        }
        #expect(failures == 0)
        #expect(year == 2101 && month == 1 && day == 2)
    }

    @Test(
        "Adding days crosses month and year ends",
        arguments: [
            ("2026-01-31", 1, "2026-02-01"),
            ("2026-02-28", 1, "2026-03-01"),
            ("2024-02-28", 1, "2024-02-29"),
            ("2024-02-29", 1, "2024-03-01"),
            ("2026-12-31", 1, "2027-01-01"),
            ("2027-01-01", -1, "2026-12-31"),
            ("2026-03-01", -1, "2026-02-28"),
            ("2024-03-01", -1, "2024-02-29"),
            ("2026-02-14", 7, "2026-02-21"),
            ("2026-01-05", 53, "2026-02-27"),
            ("2026-03-05", 365, "2027-03-05"),
            ("2024-01-01", 366, "2025-01-01"),
            ("2026-03-05", -20517, "1970-01-01"),
            ("1999-12-31", 1, "2000-01-01"),
            ("2026-03-05", 0, "2026-03-05"),
        ])
    func addingDays(from: String, days: Int, to: String) throws {
        let start = try #require(CivilDate(iso: from))
        let end = try #require(CivilDate(iso: to))
        #expect(start.adding(days: days) == end)
        #expect(end.adding(days: -days) == start)
    }

    @Test("Dates order by year, then month, then day")
    func ordering() throws {
        let texts = ["2026-03-05", "2025-12-31", "2026-01-31", "2026-03-04", "2026-02-28", "2026-03-05"]
        let dates = try texts.map { try #require(CivilDate(iso: $0)) }
        #expect(
            dates.sorted().map(\.iso) == [
                "2025-12-31", "2026-01-31", "2026-02-28", "2026-03-04", "2026-03-05", "2026-03-05",
            ])
        let a = try #require(CivilDate(iso: "2026-02-28"))
        let b = try #require(CivilDate(iso: "2026-03-01"))
        #expect(a < b)
        #expect(!(b < a))
        #expect(!(a < a))
        #expect(Set(dates).count == 5)
    }
}
