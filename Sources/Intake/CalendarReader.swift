internal import Foundation
public import Matters

/// Reads the working-day calendar: one `YYYY.json` per year in `Templates/calendar/`, each the
/// 国务院办公厅's holiday notice of that year written down as data.
///
/// ```json
/// {
///     "年度": 2026,
///     "依据": {"标题": "国务院办公厅关于2026年部分节假日安排的通知", "文号": "…", "发布日期": "2025-11-04", "网址": "…"},
///     "说明": "…",
///     "放假": [{"名称": "元旦", "日期": ["2026-01-01", "2026-01-02", "2026-01-03"]}, …],
///     "调休上班": [{"名称": "元旦", "日期": ["2026-01-04"]}, …]
/// }
/// ```
///
/// `依据.文号` and `说明` may be left out; `调休上班` may be an empty array. Every problem of a file is
/// reported, each as a ``Diagnostic`` with its field and line.
public enum CalendarReader {
    /// The keys of a year file.
    static let keys = ["年度", "依据", "说明", "放假", "调休上班"]

    static let sourceFields: [FieldSpec] = [
        FieldSpec("标题", "通知标题", .text, required: true),
        FieldSpec("文号", "通知文号", .documentNumber),
        FieldSpec("发布日期", "通知发布日期", .date, required: true),
        FieldSpec("网址", "通知全文网址", .text, required: true),
    ]

    static let groupFields: [FieldSpec] = [
        FieldSpec("名称", "节日名称", .text, required: true),
        FieldSpec("日期", "日期", .list(.date), required: true),
    ]

    private static let weekdayNames = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]

    /// Reads one year file.
    ///
    /// Besides the shape of the file, it checks that every date is a valid date of the file's 年度, that
    /// no date is listed twice, that no date is both 放假 and 调休上班, and that every 调休上班 day is a
    /// Saturday or Sunday.
    ///
    /// - Parameters:
    ///   - bytes: The file's content (UTF-8 JSON).
    ///   - file: The file as the user named it, printed in diagnostics.
    /// - Throws: ``DiagnosticsError`` with every problem found.
    public static func read(bytes: [UInt8], file: String) throws(DiagnosticsError) -> CalendarYear {
        try readWithLine(bytes: bytes, file: file).year
    }

    /// Reads the year files of a folder, given as (name, bytes), into one calendar.
    ///
    /// Each file's name (its last path component) must be its 年度 followed by `.json`, so that the file a
    /// ``CalendarError`` asks for is the file that is read.
    ///
    /// - Parameters:
    ///   - files: The files; names may include the folder, as they should be printed.
    ///   - folder: The folder, for ``WorkingCalendar/folder``.
    /// - Throws: ``DiagnosticsError`` with every problem of every file.
    public static func calendar(
        files: [(name: String, bytes: [UInt8])], folder: String
    ) throws(DiagnosticsError) -> WorkingCalendar {
        var diagnostics: [Diagnostic] = []
        var years: [CalendarYear] = []
        var seen: [Int: String] = [:]
        for (name, bytes) in files {
            let result: (year: CalendarYear, line: Int)
            do {
                result = try readWithLine(bytes: bytes, file: name)
            } catch {
                diagnostics.append(contentsOf: error.diagnostics)
                continue
            }
            let year = result.year.year
            let baseName = name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
            if baseName != "\(year).json" {
                diagnostics.append(
                    Diagnostic(
                        file: name, location: "", field: "年度",
                        problem: "年度 \(year) 与文件名“\(baseName)”不符（第 \(result.line) 行）",
                        expectation: "文件名为 \(year).json，即年度加 .json"))
                continue
            }
            if let first = seen[year] {
                diagnostics.append(
                    Diagnostic(
                        file: name, location: "", field: "年度",
                        problem: "\(year) 年的日历已由 \(first) 给出（第 \(result.line) 行）",
                        expectation: "每年只有一个日历文件"))
                continue
            }
            seen[year] = name
            years.append(result.year)
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return WorkingCalendar(years: years, folder: folder)
    }

    /// Reads every `*.json` file of `folder` (e.g. `./Templates/calendar`) into one calendar; other files
    /// are ignored.
    ///
    /// A folder with no year file gives a calendar that knows no year: every question then throws a
    /// ``CalendarError`` naming the file to add.
    ///
    /// - Throws: ``DiagnosticsError`` when the folder or a file cannot be read, or with every problem of
    ///   every file (see ``calendar(files:folder:)``).
    public static func load(folder: String) throws(DiagnosticsError) -> WorkingCalendar {
        let manager = FileManager.default
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw DiagnosticsError([
                Diagnostic(
                    file: folder, location: "", field: "", problem: "无法读取工作日历文件夹",
                    expectation: "存放 YYYY.json 年度日历的文件夹，如 Templates/calendar")
            ])
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        var files: [(name: String, bytes: [UInt8])] = []
        var unreadable: [Diagnostic] = []
        for name in names {
            let path = prefix + name
            guard let data = manager.contents(atPath: path) else {
                unreadable.append(Diagnostic(file: path, location: "", field: "", problem: "无法读取文件"))
                continue
            }
            files.append((path, [UInt8](data)))
        }
        let result: WorkingCalendar
        do {
            result = try calendar(files: files, folder: folder)
        } catch {
            throw DiagnosticsError(unreadable + error.diagnostics)
        }
        if !unreadable.isEmpty { throw DiagnosticsError(unreadable) }
        return result
    }

    /// Reads one file; also returns the line of `年度` for messages about the file name.
    static func readWithLine(bytes: [UInt8], file: String) throws(DiagnosticsError) -> (year: CalendarYear, line: Int) {
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw DiagnosticsError([
                Diagnostic(file: file, location: "第 \(error.line) 行", field: "", problem: "不是有效的 JSON：\(error.message)")
            ])
        }
        var decoder = FieldDecoder(file: file, location: "")
        guard case .object(let members) = root.value else {
            decoder.report(
                "", "文件的最外层不是对象（第 \(root.line) 行）", expecting: "含 " + keys.joined(separator: "、") + " 的对象")
            throw DiagnosticsError(decoder.diagnostics)
        }
        var seen: [String: Int] = [:]
        for member in members {
            if let firstLine = seen[member.key] {
                decoder.report(member.key, "字段重复（第 \(firstLine) 行已有此字段，第 \(member.value.line) 行又出现）")
                continue
            }
            seen[member.key] = member.value.line
            if !keys.contains(member.key) {
                decoder.report(
                    member.key, "不是可用的字段名（第 \(member.value.line) 行）", expecting: keys.joined(separator: "、") + "之一")
            }
        }
        func member(_ key: String) -> JSONNode? { members.first { $0.key == key }?.value }

        let year = decodeYear(member("年度"), decoder: &decoder)
        let source = decodeSource(member("依据"), decoder: &decoder)
        var note: String?
        if let node = member("说明"), node.value != .null {
            note = decoder.decode(node, type: .multilineText, path: "说明")?.text
        }
        var listed = Listing(year: year)
        let daysOff = decodeGroups(member("放假"), key: "放假", allowEmpty: false, listing: &listed, decoder: &decoder)
        let makeUp = decodeGroups(
            member("调休上班"), key: "调休上班", allowEmpty: true, listing: &listed, decoder: &decoder)

        guard decoder.diagnostics.isEmpty, let year, let source else { throw DiagnosticsError(decoder.diagnostics) }
        return (
            CalendarYear(year: year.value, source: source, daysOff: daysOff, makeUpWorkdays: makeUp, note: note),
            year.line
        )
    }

    private static func decodeYear(_ node: JSONNode?, decoder: inout FieldDecoder) -> (value: Int, line: Int)? {
        let expectation = "四位数字的年份，如 2026"
        guard let node, node.value != .null else {
            decoder.report("年度", "缺少必填字段“年度”", expecting: expectation)
            return nil
        }
        guard case .number(let text) = node.value else {
            decoder.report("年度", "类型不对：是\(node.typeName)（第 \(node.line) 行）", expecting: expectation)
            return nil
        }
        guard let value = Int(text), (1...9999).contains(value) else {
            decoder.report("年度", "年份“\(text)”不对（第 \(node.line) 行）", expecting: expectation)
            return nil
        }
        return (value, node.line)
    }

    private static func decodeSource(_ node: JSONNode?, decoder: inout FieldDecoder) -> CalendarYear.Source? {
        guard let node, node.value != .null else {
            decoder.report("依据", "缺少必填字段“依据”", expecting: FieldType.record(sourceFields).expectation)
            return nil
        }
        let before = decoder.diagnostics.count
        let values = decoder.decodeRecord(node, fields: sourceFields, path: "依据")
        if let url = values["网址"]?.text, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            let line = node.line(of: "网址") ?? node.line
            decoder.report("依据.网址", "网址“\(url)”不是 http:// 或 https:// 地址（第 \(line) 行）", expecting: "通知全文的网页地址")
        }
        guard decoder.diagnostics.count == before, let title = values["标题"]?.text else { return nil }
        return CalendarYear.Source(
            title: title, number: values["文号"]?.text, published: values["发布日期"]?.date, url: values["网址"]?.text)
    }

    /// Where each date was first listed, to find dates listed twice or in both lists.
    private struct Listing {
        var year: (value: Int, line: Int)?
        var first: [CivilDate: (key: String, path: String, line: Int)] = [:]
    }

    private static func decodeGroups(
        _ node: JSONNode?, key: String, allowEmpty: Bool, listing: inout Listing, decoder: inout FieldDecoder
    ) -> [CalendarYear.Days] {
        let expectation = "数组，每项为" + FieldType.record(groupFields).expectation
        guard let node, node.value != .null else {
            decoder.report(key, "缺少必填字段“\(key)”", expecting: expectation + (allowEmpty ? "（没有时写 []）" : ""))
            return []
        }
        guard case .array(let items) = node.value else {
            decoder.report(key, "类型不对：是\(node.typeName)（第 \(node.line) 行）", expecting: expectation)
            return []
        }
        if items.isEmpty && !allowEmpty {
            decoder.report(key, "不能为空（第 \(node.line) 行）", expecting: expectation)
        }
        var groups: [CalendarYear.Days] = []
        for (i, item) in items.enumerated() {
            let path = "\(key)[\(i + 1)]"
            let values = decoder.decodeRecord(item, fields: groupFields, path: path)
            guard case .object(let members) = item.value,
                let datesNode = members.first(where: { $0.key == "日期" })?.value,
                case .array(let dateNodes) = datesNode.value
            else { continue }
            var dates: [CivilDate] = []
            for (j, dateNode) in dateNodes.enumerated() {
                // Invalid dates were reported by decodeRecord.
                guard case .string(let text) = dateNode.value, let date = CivilDate(iso: text) else { continue }
                let datePath = "\(path).日期[\(j + 1)]"
                check(date, key: key, path: datePath, line: dateNode.line, listing: &listing, decoder: &decoder)
                dates.append(date)
            }
            if let name = values["名称"]?.text { groups.append(CalendarYear.Days(name: name, dates: dates)) }
        }
        return groups
    }

    private static func check(
        _ date: CivilDate, key: String, path: String, line: Int, listing: inout Listing, decoder: inout FieldDecoder
    ) {
        if let year = listing.year, date.year != year.value {
            decoder.report(
                path, "日期 \(date.iso) 不在年度 \(year.value) 年内（第 \(line) 行）",
                expecting: "\(year.value) 年内的日期；跨年的日子写入其所在年份的日历文件")
        }
        if key == "调休上班", date.weekday < 6 {
            decoder.report(
                path, "\(date.iso) 是\(weekdayNames[date.weekday - 1])，不是周末，无须调休上班（第 \(line) 行）",
                expecting: "星期六或星期日（调休上班日都是周末）")
        }
        if let first = listing.first[date] {
            if first.key == key {
                decoder.report(
                    path, "日期 \(date.iso) 重复：\(first.path)（第 \(first.line) 行）已列出（第 \(line) 行）",
                    expecting: "每个日期只列一次")
            } else {
                decoder.report(
                    path, "日期 \(date.iso) 同时列为\(first.key)（\(first.path)，第 \(first.line) 行）和\(key)（第 \(line) 行）",
                    expecting: "一天只能是放假日或调休上班日之一")
            }
            return
        }
        listing.first[date] = (key, path, line)
    }
}

extension JSONNode {
    /// The line of an object member's value, if this is an object that has the key.
    fileprivate func line(of key: String) -> Int? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value.line
    }
}
