import Foundation
import TestSupport
import Testing

@testable import Intake
@testable import Matters

/// The shipped `Templates/calendar/*.json`, read as the command line reads them.
@Suite("Shipped working calendar")
struct ShippedCalendarReaderTests {
    /// `Templates/calendar`, found from this file: `Tests/IntakeTests/CalendarReaderTests.swift`.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Templates").appendingPathComponent("calendar").path

    static func load() throws -> WorkingCalendar { try CalendarReader.load(folder: folder) }

    static func day(_ iso: String) throws -> CivilDate { try #require(CivilDate(iso: iso)) }

    @Test("The shipped files are read without a diagnostic and cover 2024–2026")
    func readsCleanly() throws {
        let calendar: WorkingCalendar
        do {
            calendar = try Self.load()
        } catch {
            Issue.record("\(error)")
            return
        }
        #expect(calendar.years == [2024, 2025, 2026])
        #expect(calendar.folder == Self.folder)
    }

    @Test(
        "The latest day to ask for an extension is the 3rd working day strictly before the deadline (BRIEF §4.5)",
        arguments: [
            ("2025-10-10", "2025-09-29"),
            ("2026-02-25", "2026-02-13"),
            ("2026-05-08", "2026-04-30"),
            ("2026-10-12", "2026-10-08"),
        ])
    func threeWorkingDaysBefore(deadline: String, latest: String) throws {
        #expect(try Self.load().nthWorkingDay(before: Self.day(deadline), n: 3) == Self.day(latest))
    }

    @Test(
        "Working days per year: 2024 = 251, 2025 = 248, 2026 = 248", arguments: [(2024, 251), (2025, 248), (2026, 248)])
    func workingDaysPerYear(year: Int, count: Int) throws {
        #expect(try Self.load().workingDays(in: year) == count)
    }

    @Test(
        "Make-up weekends work, holidays do not, 除夕 2024 is a working day",
        arguments: [
            ("2026-02-14", true), ("2026-02-16", false), ("2024-02-09", true), ("2026-10-10", true),
            ("2025-10-08", false), ("2025-10-11", true), ("2024-10-12", true), ("2024-02-10", false),
        ])
    func workingDay(date: String, working: Bool) throws {
        #expect(try Self.load().isWorkingDay(Self.day(date)) == working)
    }

    @Test("Adding working days across 国庆节 with the shipped files")
    func addingAcrossNationalDay() throws {
        let calendar = try Self.load()
        #expect(try calendar.addingWorkingDays(1, to: Self.day("2025-09-30")) == Self.day("2025-10-09"))
        #expect(try calendar.addingWorkingDays(3, to: Self.day("2026-09-30")) == Self.day("2026-10-10"))
        #expect(try calendar.holiday(on: Self.day("2025-10-06")) == "国庆节、中秋节")
    }

    @Test("Each year names its notice; the 2026 文号, not found, is left out")
    func sources() throws {
        let calendar = try Self.load()
        let s2024 = try #require(calendar.arrangement(of: 2024)?.source)
        #expect(s2024.number == "国办发明电〔2023〕7号")
        #expect(s2024.published == (try Self.day("2023-10-25")))
        #expect(s2024.title == "国务院办公厅关于2024年部分节假日安排的通知")
        let s2025 = try #require(calendar.arrangement(of: 2025)?.source)
        #expect(s2025.number == "国办发明电〔2024〕12号")
        #expect(s2025.published == (try Self.day("2024-11-12")))
        let s2026 = try #require(calendar.arrangement(of: 2026)?.source)
        #expect(s2026.number == nil)
        #expect(s2026.published == (try Self.day("2025-11-04")))
        #expect(s2026.title == "国务院办公厅关于2026年部分节假日安排的通知")
        for year in 2024...2026 {
            #expect(calendar.arrangement(of: year)?.source.url?.hasPrefix("http") == true)
        }
    }

    @Test("A missing year names the real folder of the files")
    func missingYearNamesFolder() throws {
        let error = #expect(throws: CalendarError.self) { try Self.load().isWorkingDay(Self.day("2027-03-01")) }
        #expect(error?.file == Self.folder + "/2027.json")
        #expect(
            error?.description
                == "没有 2027 年的工作日历：请添加 \(Self.folder)/2027.json（依据国务院办公厅当年的节假日安排通知）")
    }

    @Test("Foundation's own JSON parser finds the same days in each file", arguments: [2024, 2025, 2026])
    func independentParse(year: Int) throws {
        let url = URL(fileURLWithPath: Self.folder).appendingPathComponent("\(year).json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        func dates(_ key: String) -> Set<String> {
            let groups = object[key] as? [[String: Any]] ?? []
            return Set(groups.flatMap { $0["日期"] as? [String] ?? [] })
        }
        let arrangement = try #require(try Self.load().arrangement(of: year))
        #expect(object["年度"] as? Int == year)
        #expect(Set(arrangement.daysOff.flatMap(\.dates).map(\.iso)) == dates("放假"))
        #expect(Set(arrangement.makeUpWorkdays.flatMap(\.dates).map(\.iso)) == dates("调休上班"))
        #expect(!dates("放假").isEmpty)
    }
}

/// Year files with mistakes, written by the tests, and the diagnostics they must give.
@Suite("Calendar file problems")
struct CalendarReaderTests {
    /// A year file with one line per holiday group, so that every group's line is known:
    /// line 5 is the first 放假 group, and the 调休上班 groups follow two lines after the last one.
    static func yearFile(
        year: String = "2026", off: [(String, [String])] = [("元旦", ["2026-01-01", "2026-01-02", "2026-01-03"])],
        work: [(String, [String])] = [("元旦", ["2026-01-04"])], extra: String = ""
    ) -> [UInt8] {
        func groups(_ list: [(String, [String])]) -> String {
            list.map { name, dates in
                "        {\"名称\": \"\(name)\", \"日期\": [" + dates.map { "\"\($0)\"" }.joined(separator: ", ") + "]}"
            }.joined(separator: ",\n")
        }
        let text = """
            {
                "年度": \(year),
                "依据": {"标题": "国务院办公厅关于部分节假日安排的通知", "发布日期": "2025-11-04", "网址": "https://example.gov.cn/n"},\(extra)
                "放假": [
            \(groups(off))
                ],
                "调休上班": [
            \(groups(work))
                ]
            }
            """
        return Array(text.utf8)
    }

    /// The descriptions of the diagnostics reading `bytes` gives (none when it reads cleanly).
    static func problems(_ bytes: [UInt8], file: String = "2026.json") -> [String] {
        do {
            _ = try CalendarReader.read(bytes: bytes, file: file)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test("The test's own good file reads cleanly")
    func goodFile() throws {
        let year = try CalendarReader.read(bytes: Self.yearFile(), file: "2026.json")
        #expect(year.year == 2026)
        #expect(year.daysOff.map(\.name) == ["元旦"])
        #expect(year.daysOff[0].dates.map(\.iso) == ["2026-01-01", "2026-01-02", "2026-01-03"])
        #expect(year.makeUpWorkdays[0].dates.map(\.iso) == ["2026-01-04"])
        #expect(year.source.url == "https://example.gov.cn/n")
        #expect(year.note == nil)
        // An empty 调休上班 is allowed (a year may have none).
        #expect(Self.problems(Self.yearFile(work: [])) == [])
    }

    @Test("An impossible date is reported with its field and line")
    func invalidDate() {
        let bytes = Self.yearFile(off: [("元旦", ["2026-01-01"]), ("春节", ["2026-02-28", "2026-02-30"])])
        #expect(
            Self.problems(bytes) == [
                "2026.json:放假[2].日期[2]: 日期无效“2026-02-30”（第 6 行）（应为YYYY-MM-DD 格式的有效日期，如 2026-03-05）"
            ])
    }

    @Test("A date outside the file's year is reported")
    func dateOutsideYear() {
        let bytes = Self.yearFile(off: [("元旦", ["2025-12-31", "2026-01-01"])])
        #expect(
            Self.problems(bytes) == [
                "2026.json:放假[1].日期[1]: 日期 2025-12-31 不在年度 2026 年内（第 5 行）（应为2026 年内的日期；跨年的日子写入其所在年份的日历文件）"
            ])
    }

    @Test("A date listed both as a day off and as a make-up working day is reported")
    func bothOffAndWorking() {
        // 2026-02-21 is a Saturday, so only the clash is wrong.
        let bytes = Self.yearFile(
            off: [("春节", ["2026-02-20", "2026-02-21"])], work: [("元旦", ["2026-01-04"]), ("春节", ["2026-02-21"])])
        #expect(
            Self.problems(bytes) == [
                "2026.json:调休上班[2].日期[1]: 日期 2026-02-21 同时列为放假（放假[1].日期[2]，第 5 行）和调休上班（第 9 行）（应为一天只能是放假日或调休上班日之一）"
            ])
    }

    @Test("A make-up working day that is not a Saturday or Sunday is reported")
    func makeUpOnWeekday() {
        let bytes = Self.yearFile(work: [("春节", ["2026-02-14", "2026-02-13"])])
        #expect(
            Self.problems(bytes) == [
                "2026.json:调休上班[1].日期[2]: 2026-02-13 是星期五，不是周末，无须调休上班（第 8 行）（应为星期六或星期日（调休上班日都是周末））"
            ])
    }

    @Test("A day off listed twice is reported, in the same group or another")
    func duplicateDayOff() {
        let bytes = Self.yearFile(
            off: [("元旦", ["2026-01-01", "2026-01-02", "2026-01-01"]), ("春节", ["2026-01-02"])])
        #expect(
            Self.problems(bytes) == [
                "2026.json:放假[1].日期[3]: 日期 2026-01-01 重复：放假[1].日期[1]（第 5 行）已列出（第 5 行）（应为每个日期只列一次）",
                "2026.json:放假[2].日期[1]: 日期 2026-01-02 重复：放假[1].日期[2]（第 5 行）已列出（第 6 行）（应为每个日期只列一次）",
            ])
    }

    @Test("Every problem of a file is reported at once")
    func allProblemsTogether() {
        let bytes = Self.yearFile(
            off: [("元旦", ["2026-01-01", "2026-13-01", "2027-01-01"])], work: [("元旦", ["2026-01-05", "2026-01-01"])])
        let problems = Self.problems(bytes)
        #expect(problems.count == 5, "\(problems)")
        // 2026-01-01 is wrong twice over as a make-up day: a Thursday, and a day off.
        #expect(problems.contains { $0.hasPrefix("2026.json:调休上班[1].日期[2]: 2026-01-01 是星期四") })
        #expect(problems.contains { $0.hasPrefix("2026.json:放假[1].日期[2]: 日期无效“2026-13-01”") })
        #expect(problems.contains { $0.hasPrefix("2026.json:放假[1].日期[3]: 日期 2027-01-01 不在年度 2026 年内") })
        #expect(problems.contains { $0.hasPrefix("2026.json:调休上班[1].日期[1]: 2026-01-05 是星期一") })
        #expect(problems.contains { $0.hasPrefix("2026.json:调休上班[1].日期[2]: 日期 2026-01-01 同时列为放假") })
    }

    @Test("Shape problems: not JSON, wrong 年度, unknown and missing keys")
    func shapeProblems() {
        #expect(Self.problems(Array("{\"年度\": 2026,".utf8)).first?.hasPrefix("2026.json:第 1 行: 不是有效的 JSON") == true)
        #expect(
            Self.problems(Self.yearFile(year: "\"2026\"")) == [
                "2026.json:年度: 类型不对：是文字（第 2 行）（应为四位数字的年份，如 2026）"
            ])
        #expect(
            Self.problems(Array("[]".utf8)) == [
                "2026.json: 文件的最外层不是对象（第 1 行）（应为含 年度、依据、说明、放假、调休上班 的对象）"
            ])
        #expect(
            Self.problems(
                Array(
                    #"""
                    {"年度": 2026, "依据": {"标题": "通知", "发布日期": "2025-11-04", "网址": "https://x"}, "假日": []}
                    """#.utf8))
                == [
                    "2026.json:假日: 不是可用的字段名（第 1 行）（应为年度、依据、说明、放假、调休上班之一）",
                    "2026.json:放假: 缺少必填字段“放假”（应为数组，每项为含 名称、日期 的对象）",
                    "2026.json:调休上班: 缺少必填字段“调休上班”（应为数组，每项为含 名称、日期 的对象（没有时写 []））",
                ])
        #expect(
            Self.problems(Self.yearFile(off: [])) == [
                "2026.json:放假: 不能为空（第 4 行）（应为数组，每项为含 名称、日期 的对象）"
            ])
        let noSource = #"""
            {"年度": 2026, "依据": {"标题": "通知"}, "放假": [{"名称": "元旦", "日期": []}], "调休上班": []}
            """#
        #expect(
            Self.problems(Array(noSource.utf8)) == [
                "2026.json:依据.发布日期: 缺少必填字段“通知发布日期”（应为YYYY-MM-DD 格式的有效日期，如 2026-03-05）",
                "2026.json:依据.网址: 缺少必填字段“通知全文网址”（应为一行文字）",
                "2026.json:放假[1].日期: 缺少必填字段“日期”（应为数组，每项为YYYY-MM-DD 格式的有效日期，如 2026-03-05）",
            ])
    }

    @Test("A 说明 and a 文号 are kept; a key given twice is reported")
    func noteAndNumber() throws {
        // 说明 on a line of its own after 依据; the groups move one line down.
        let noted = try CalendarReader.read(
            bytes: Self.yearFile(extra: #"\#n    "说明": "除夕不放假。","#), file: "2026.json")
        #expect(noted.note == "除夕不放假。")
        #expect(
            Self.problems(Self.yearFile(extra: #"\#n    "依据": {},"#)) == [
                "2026.json:依据: 字段重复（第 3 行已有此字段，第 4 行又出现）"
            ])
        let text = """
            {"年度": 2026, "说明": "除夕不放假。",
             "依据": {"标题": "通知", "文号": "国办发明电〔2025〕1号", "发布日期": "2025-11-04", "网址": "https://x"},
             "放假": [{"名称": "元旦", "日期": ["2026-01-01"]}], "调休上班": []}
            """
        let year = try CalendarReader.read(bytes: Array(text.utf8), file: "2026.json")
        #expect(year.note == "除夕不放假。")
        #expect(year.source.number == "国办发明电〔2025〕1号")
        #expect(year.source.description == "通知（国办发明电〔2025〕1号）")
    }

    @Test("A file whose name is not its 年度 is refused when the calendar is put together")
    func nameMustMatchYear() throws {
        let error = #expect(throws: DiagnosticsError.self) {
            try CalendarReader.calendar(
                files: [("cal/2025.json", Self.yearFile()), ("cal/2026.json", Self.yearFile())], folder: "cal")
        }
        #expect(
            error?.diagnostics.map(\.description) == [
                "cal/2025.json:年度: 年度 2026 与文件名“2025.json”不符（第 2 行）（应为文件名为 2026.json，即年度加 .json）"
            ])
        let calendar = try CalendarReader.calendar(files: [("cal/2026.json", Self.yearFile())], folder: "cal")
        #expect(calendar.years == [2026])
        #expect(calendar.folder == "cal")
    }

    @Test("A folder written by the test is loaded; other files are ignored; every bad file is reported")
    func loadFolder() throws {
        let folder = try TestEnvironment.temporaryDirectory("ducha-calendar")
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ bytes: [UInt8]) throws {
            try Data(bytes).write(to: folder.appendingPathComponent(name))
        }
        try write("2026.json", Self.yearFile())
        try write("README.md", Array("不是日历".utf8))
        let calendar = try CalendarReader.load(folder: folder.path)
        #expect(calendar.years == [2026])
        #expect(try calendar.isWorkingDay(ShippedCalendarReaderTests.day("2026-01-04")))
        #expect(try !calendar.isWorkingDay(ShippedCalendarReaderTests.day("2026-01-02")))
        let nextYear = try ShippedCalendarReaderTests.day("2027-01-04")
        let missing = #expect(throws: CalendarError.self) { try calendar.isWorkingDay(nextYear) }
        #expect(missing?.file == folder.path + "/2027.json")

        try write("2025.json", Self.yearFile(work: [("元旦", ["2026-01-05"])]))
        let error = #expect(throws: DiagnosticsError.self) { try CalendarReader.load(folder: folder.path) }
        #expect(
            error?.diagnostics.map(\.description) == [
                folder.path + "/2025.json:调休上班[1].日期[1]: 2026-01-05 是星期一，不是周末，无须调休上班（第 8 行）（应为星期六或星期日（调休上班日都是周末））"
            ])
    }

    @Test("A folder that cannot be read is reported")
    func missingFolder() {
        let error = #expect(throws: DiagnosticsError.self) {
            try CalendarReader.load(folder: "/nonexistent/ducha-calendar")
        }
        #expect(error?.diagnostics.first?.description.hasPrefix("/nonexistent/ducha-calendar: 无法读取工作日历文件夹") == true)
    }
}
