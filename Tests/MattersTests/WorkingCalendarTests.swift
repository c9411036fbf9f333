import Testing

@testable import Matters

/// The 2024–2026 arrangements of BRIEF §4.2–4.4, written here by hand and independently of
/// `Templates/calendar/*.json` (which `CalendarReaderTests` checks against the same vectors).
enum BriefCalendar {
    static func day(_ iso: String) -> CivilDate {
        guard let date = CivilDate(iso: iso) else { preconditionFailure("bad test date \(iso)") }
        return date
    }

    /// Every day from `first` to `last`, both included.
    static func span(_ first: String, _ last: String) -> [CivilDate] {
        (day(first).dayNumber...day(last).dayNumber).map(CivilDate.init(dayNumber:))
    }

    static func group(_ name: String, _ dates: [CivilDate]) -> CalendarYear.Days {
        CalendarYear.Days(name: name, dates: dates)
    }

    static let y2024 = CalendarYear(
        year: 2024,
        source: .init(title: "国务院办公厅关于2024年部分节假日安排的通知", number: "国办发明电〔2023〕7号"),
        daysOff: [
            group("元旦", [day("2024-01-01")]),
            group("春节", span("2024-02-10", "2024-02-17")),
            group("清明节", span("2024-04-04", "2024-04-06")),
            group("劳动节", span("2024-05-01", "2024-05-05")),
            group("端午节", [day("2024-06-10")]),
            group("中秋节", span("2024-09-15", "2024-09-17")),
            group("国庆节", span("2024-10-01", "2024-10-07")),
        ],
        makeUpWorkdays: [
            group("春节", [day("2024-02-04"), day("2024-02-18")]),
            group("清明节", [day("2024-04-07")]),
            group("劳动节", [day("2024-04-28"), day("2024-05-11")]),
            group("中秋节", [day("2024-09-14")]),
            group("国庆节", [day("2024-09-29"), day("2024-10-12")]),
        ])

    static let y2025 = CalendarYear(
        year: 2025,
        source: .init(title: "国务院办公厅关于2025年部分节假日安排的通知", number: "国办发明电〔2024〕12号"),
        daysOff: [
            group("元旦", [day("2025-01-01")]),
            group("春节", span("2025-01-28", "2025-02-04")),
            group("清明节", span("2025-04-04", "2025-04-06")),
            group("劳动节", span("2025-05-01", "2025-05-05")),
            group("端午节", span("2025-05-31", "2025-06-02")),
            group("国庆节、中秋节", span("2025-10-01", "2025-10-08")),
        ],
        makeUpWorkdays: [
            group("春节", [day("2025-01-26"), day("2025-02-08")]),
            group("劳动节", [day("2025-04-27")]),
            group("国庆节、中秋节", [day("2025-09-28"), day("2025-10-11")]),
        ])

    static let y2026 = CalendarYear(
        year: 2026,
        source: .init(title: "国务院办公厅关于2026年部分节假日安排的通知", published: day("2025-11-04")),
        daysOff: [
            group("元旦", span("2026-01-01", "2026-01-03")),
            group("春节", span("2026-02-15", "2026-02-23")),
            group("清明节", span("2026-04-04", "2026-04-06")),
            group("劳动节", span("2026-05-01", "2026-05-05")),
            group("端午节", span("2026-06-19", "2026-06-21")),
            group("中秋节", span("2026-09-25", "2026-09-27")),
            group("国庆节", span("2026-10-01", "2026-10-07")),
        ],
        makeUpWorkdays: [
            group("元旦", [day("2026-01-04")]),
            group("春节", [day("2026-02-14"), day("2026-02-28")]),
            group("劳动节", [day("2026-05-09")]),
            group("国庆节", [day("2026-09-20"), day("2026-10-10")]),
        ])

    static let calendar = WorkingCalendar(years: [y2024, y2025, y2026])
}

@Suite("Working calendar")
struct WorkingCalendarTests {
    let calendar = BriefCalendar.calendar
    func day(_ iso: String) -> CivilDate { BriefCalendar.day(iso) }

    @Test(
        "The latest day to ask for an extension is the 3rd working day strictly before the deadline (BRIEF §4.5)",
        arguments: [
            ("2025-10-10", "2025-09-29"),
            ("2026-02-25", "2026-02-13"),
            ("2026-05-08", "2026-04-30"),
            ("2026-10-12", "2026-10-08"),
        ])
    func threeWorkingDaysBefore(deadline: String, latest: String) throws {
        #expect(try calendar.nthWorkingDay(before: day(deadline), n: 3) == day(latest))
    }

    @Test("The n-th working day before a deadline, n = 1 and 2, on the BRIEF's 2026-02-25 example")
    func firstAndSecondBefore() throws {
        #expect(try calendar.nthWorkingDay(before: day("2026-02-25"), n: 1) == day("2026-02-24"))
        #expect(try calendar.nthWorkingDay(before: day("2026-02-25"), n: 2) == day("2026-02-14"))
        // The deadline itself, a working day, is never counted.
        #expect(try calendar.nthWorkingDay(before: day("2026-03-06"), n: 1) == day("2026-03-05"))
    }

    @Test(
        "Working days per year: 2024 = 251, 2025 = 248, 2026 = 248 (BRIEF §4.4)",
        arguments: [(2024, 251), (2025, 248), (2026, 248)])
    func workingDaysPerYear(year: Int, count: Int) throws {
        #expect(try calendar.workingDays(in: year) == count)
    }

    @Test(
        "Make-up Saturdays and Sundays work, holidays on weekdays do not, 除夕 2024 is a working day",
        arguments: [
            ("2026-02-14", true),  // Saturday, 春节 调休上班
            ("2026-02-16", false),  // Monday in 春节
            ("2024-02-09", true),  // 除夕, Friday: only "encouraged" to rest
            ("2026-10-10", true),  // Saturday, 国庆节 调休上班
            ("2026-09-20", true),  // Sunday, 国庆节 调休上班
            ("2026-01-04", true),  // Sunday, 元旦 调休上班
            ("2026-01-02", false),  // Friday, 元旦
            ("2025-10-08", false),  // Wednesday, 国庆节、中秋节 8th day
            ("2025-10-09", true),  // Thursday after it
            ("2026-03-07", false),  // an ordinary Saturday
            ("2026-03-09", true),  // an ordinary Monday
            ("2024-02-18", true),  // Sunday, 春节 调休上班
            ("2024-06-10", false),  // Monday, 端午节
        ])
    func workingDay(date: String, working: Bool) throws {
        #expect(try calendar.isWorkingDay(day(date)) == working)
    }

    @Test("Each day says what kind of day it is, with the holiday's name")
    func kinds() throws {
        #expect(try calendar.kind(of: day("2026-02-14")) == .makeUpWorkday(holiday: "春节"))
        #expect(try calendar.kind(of: day("2026-02-16")) == .dayOff(holiday: "春节"))
        #expect(try calendar.kind(of: day("2026-02-15")) == .dayOff(holiday: "春节"))  // a Sunday off
        #expect(try calendar.kind(of: day("2024-02-09")) == .workday)
        #expect(try calendar.kind(of: day("2026-03-08")) == .weekend)
        #expect(try calendar.kind(of: day("2026-10-10")) == .makeUpWorkday(holiday: "国庆节"))
        #expect(try calendar.holiday(on: day("2025-10-06")) == "国庆节、中秋节")
        #expect(try calendar.holiday(on: day("2026-06-19")) == "端午节")
        #expect(try calendar.holiday(on: day("2026-02-14")) == nil)
        #expect(try calendar.holiday(on: day("2026-03-09")) == nil)
    }

    @Test("Adding working days skips 国庆节 and counts its make-up Saturday")
    func addingAcrossNationalDay() throws {
        #expect(try calendar.addingWorkingDays(1, to: day("2025-09-30")) == day("2025-10-09"))
        #expect(try calendar.addingWorkingDays(2, to: day("2025-09-30")) == day("2025-10-10"))
        #expect(try calendar.addingWorkingDays(3, to: day("2025-09-30")) == day("2025-10-11"))  // Saturday 调休
        #expect(try calendar.addingWorkingDays(1, to: day("2026-09-30")) == day("2026-10-08"))
        #expect(try calendar.addingWorkingDays(3, to: day("2026-09-30")) == day("2026-10-10"))  // Saturday 调休
        #expect(try calendar.addingWorkingDays(4, to: day("2026-09-30")) == day("2026-10-12"))
        // Backwards, and from a day off: the start day is never counted.
        #expect(try calendar.addingWorkingDays(-1, to: day("2025-10-09")) == day("2025-09-30"))
        #expect(try calendar.addingWorkingDays(1, to: day("2025-10-03")) == day("2025-10-09"))
        #expect(try calendar.addingWorkingDays(-1, to: day("2025-10-03")) == day("2025-09-30"))
        #expect(try calendar.addingWorkingDays(0, to: day("2025-10-03")) == day("2025-10-03"))
        // 2024: Sunday 9-29 is a working day, 10-12 a working Saturday.
        #expect(try calendar.addingWorkingDays(1, to: day("2024-09-27")) == day("2024-09-29"))
        #expect(try calendar.addingWorkingDays(5, to: day("2024-10-07")) == day("2024-10-12"))
    }

    @Test("Counting between two dates excludes the start, includes the end, and changes sign when reversed")
    func countingBetween() throws {
        #expect(try calendar.workingDays(from: day("2026-03-06"), to: day("2026-03-13")) == 5)
        #expect(try calendar.workingDays(from: day("2026-03-13"), to: day("2026-03-06")) == -5)
        #expect(try calendar.workingDays(from: day("2026-03-06"), to: day("2026-03-06")) == 0)
        #expect(try calendar.workingDays(from: day("2025-09-30"), to: day("2025-10-09")) == 1)
        #expect(try calendar.workingDays(from: day("2025-12-31"), to: day("2026-12-31")) == 248)
        #expect(try calendar.workingDays(from: day("2023-12-31"), to: day("2026-12-31")) == 251 + 248 + 248)
    }

    @Test("Every deadline in 2024–2026 agrees with a plain count of the working days before it")
    func nthBeforeAgreesWithCounting() throws {
        for number in day("2024-01-10").dayNumber...day("2026-12-31").dayNumber {
            let deadline = CivilDate(dayNumber: number)
            for n in 1...3 {
                let latest = try calendar.nthWorkingDay(before: deadline, n: n)
                #expect(latest < deadline)
                #expect(try calendar.isWorkingDay(latest), "\(deadline) n=\(n)")
                // Exactly n working days in [latest, deadline).
                let count = try calendar.workingDays(from: latest.adding(days: -1), to: deadline.adding(days: -1))
                #expect(count == n, "\(deadline) n=\(n) → \(latest)")
                #expect(try calendar.addingWorkingDays(n, to: latest) >= deadline)
            }
        }
    }

    @Test("A year with no data throws, naming the year and the file to add")
    func missingYear() throws {
        let error = #expect(throws: CalendarError.self) { try calendar.isWorkingDay(day("2027-01-04")) }
        #expect(error?.year == 2027)
        #expect(error?.file == "Templates/calendar/2027.json")
        #expect(
            error?.description == "没有 2027 年的工作日历：请添加 Templates/calendar/2027.json（依据国务院办公厅当年的节假日安排通知）")
        #expect(throws: CalendarError(missingYear: 2027, date: nil, folder: "Templates/calendar")) {
            try calendar.workingDays(in: 2027)
        }
        #expect(throws: CalendarError.self) { try calendar.holiday(on: day("2023-10-01")) }
    }

    @Test("A computation that runs into a year with no data throws for that year")
    func crossingIntoMissingYear() throws {
        // 2026-12-29, 30, 31 are three working days; the fourth would be in 2027.
        #expect(try calendar.addingWorkingDays(3, to: day("2026-12-28")) == day("2026-12-31"))
        let forward = #expect(throws: CalendarError.self) { try calendar.addingWorkingDays(4, to: day("2026-12-28")) }
        #expect(forward?.year == 2027)
        #expect(forward?.date == day("2027-01-01"))
        // 2024-01-02 is one; 2024-01-01 is 元旦; the next one back is in 2023.
        let backward = #expect(throws: CalendarError.self) {
            try calendar.nthWorkingDay(before: day("2024-01-03"), n: 2)
        }
        #expect(backward?.year == 2023)
        #expect(backward?.file == "Templates/calendar/2023.json")
        #expect(throws: CalendarError.self) { try calendar.workingDays(from: day("2026-12-30"), to: day("2027-01-02")) }
    }

    @Test("The folder in the message is the one the calendar was given")
    func folderInMessage() throws {
        for folder in ["/srv/ducha/Templates/calendar", "/srv/ducha/Templates/calendar/"] {
            let calendar = WorkingCalendar(years: [BriefCalendar.y2026], folder: folder)
            let error = #expect(throws: CalendarError.self) { try calendar.isWorkingDay(day("2025-06-03")) }
            #expect(error?.file == "/srv/ducha/Templates/calendar/2025.json")
            #expect(error?.description.contains("请添加 /srv/ducha/Templates/calendar/2025.json（") == true)
        }
        #expect(WorkingCalendar(years: []).folder == "Templates/calendar")
    }

    @Test("The calendar lists its years and keeps each year's source")
    func yearsAndSources() throws {
        #expect(calendar.years == [2024, 2025, 2026])
        #expect(calendar.arrangement(of: 2025)?.source.description == "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）")
        #expect(calendar.arrangement(of: 2026)?.source.description == "国务院办公厅关于2026年部分节假日安排的通知")
        #expect(calendar.arrangement(of: 2027) == nil)
        #expect(WorkingCalendar(years: []).years == [])
    }

    @Test("A listed make-up day is a working day even if also listed as a day off")
    func makeUpWins() throws {
        let year = CalendarYear(
            year: 2030, source: .init(title: "测试"),
            daysOff: [BriefCalendar.group("测试节", [day("2030-01-05"), day("2030-01-07")])],
            makeUpWorkdays: [BriefCalendar.group("测试节", [day("2030-01-05")])])
        let calendar = WorkingCalendar(years: [year])
        #expect(try calendar.isWorkingDay(day("2030-01-05")))
        #expect(try !calendar.isWorkingDay(day("2030-01-07")))
        #expect(try calendar.isWorkingDay(day("2030-01-08")))
    }
}
