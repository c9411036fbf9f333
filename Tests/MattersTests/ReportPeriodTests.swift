import Testing

@testable import Matters

@Suite("Report periods")
struct ReportPeriodTests {
    @Test(
        "a quarter or a year is parsed; anything else is not",
        arguments: [
            ("2026Q1", "2026Q1"), ("2026q4", "2026Q4"), ("2026-Q2", "2026Q2"), ("2026", "2026"), ("2026Q0", nil),
            ("2026Q5", nil), ("26Q1", nil), ("2026Q12", nil), ("二〇二六", nil), ("", nil), ("２０２６Q1", nil),
        ] as [(String, String?)])
    func parsing(text: String, key: String?) {
        #expect(ReportPeriod(parsing: text)?.key == key)
    }

    @Test("first and last days, and the Chinese name")
    func bounds() throws {
        let q1 = try #require(ReportPeriod(parsing: "2024Q1"))
        #expect(q1.first.iso == "2024-01-01" && q1.last.iso == "2024-03-31" && q1.chinese == "2024年第一季度")
        let q4 = try #require(ReportPeriod(parsing: "2026Q4"))
        #expect(q4.first.iso == "2026-10-01" && q4.last.iso == "2026-12-31" && q4.chinese == "2026年第四季度")
        let year = try #require(ReportPeriod(parsing: "2026"))
        #expect(year.first.iso == "2026-01-01" && year.last.iso == "2026-12-31" && year.chinese == "2026年度")
        #expect(q1.contains(CivilDate(iso: "2024-02-29")!) && !q1.contains(CivilDate(iso: "2024-04-01")!))
    }

    @Test(
        "only a quarter's last day ends a quarter",
        arguments: [
            ("2026-03-31", "2026Q1"), ("2026-06-30", "2026Q2"), ("2026-09-30", "2026Q3"), ("2026-12-31", "2026Q4"),
            ("2026-03-30", nil), ("2026-04-01", nil), ("2026-06-29", nil), ("2026-02-28", nil), ("2026-01-31", nil),
        ] as [(String, String?)])
    func quarterEnd(day: String, key: String?) {
        #expect(ReportPeriod.quarter(endingOn: CivilDate(iso: day)!)?.key == key)
    }
}
