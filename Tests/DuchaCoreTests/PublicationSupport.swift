import DuchaCore
import Foundation
import Matters
import TestSupport
import Testing

/// What the bulletin and assessment tests share: an archive after the example quarter, the ledger, the figures a
/// ledger row gives (worked out here, not by the core), and a look inside the published packages.
enum Publications {
    static let q1 = ReportPeriod(year: 2026, quarter: 1)!
    static let year = ReportPeriod(year: 2026)!

    /// An archive after the batch as of 2026-03-31 on the example quarter (plus `extra` input files).
    static func quarter(extra: [String] = [], templates: String = TestArchive.templates) throws -> TestArchive {
        let archive = try TestArchive(templates: templates)
        let result = try archive.batch(TestArchive.quarter + extra)
        #expect(result.problems.isEmpty, "\(result.problems)")
        return archive
    }

    /// The ledger rows on `day`, in archive order.
    static func ledger(_ archive: TestArchive, on day: String) throws -> [LedgerRow] {
        let view = try archive.workspace.ledger(asOf: try CivilDate.on(day))
        #expect(view.problems.isEmpty, "\(view.problems)")
        return view.rows
    }

    /// Publishes 《西城政务督查》 for `quarter` (e.g. `2026Q1`).
    static func bulletin(_ archive: TestArchive, _ quarter: String = "2026Q1", date: String? = nil) throws
        -> Published
    {
        let period = try #require(ReportPeriod(parsing: quarter))
        let day = try date.map(CivilDate.on)
        return try archive.write { try $0.publishBulletin(period, date: day) }
    }

    /// Publishes the 督考合一 sheet of 2026 as of `day`.
    static func assessment(_ archive: TestArchive, asOf day: String = "2026-03-31") throws -> Published {
        let asOf = try CivilDate.on(day)
        return try archive.write { try $0.publishAssessment(year: year, asOf: asOf) }
    }

    /// The figures of one ledger row, derived the way the measures' words read: 已办结 is 办结 (办结日期 set,
    /// still 办结/归档/再督查), 逾期 is the ledger's 逾期, 其他 is nothing assigned, read-only 转阅 or 置换, and
    /// 办理中 is the rest.
    struct Figures: Equatable {
        var matters = 0, completed = 0, onTime = 0, due = 0, inProgress = 0, overdue = 0, other = 0
        var reminders = 0, returns = 0, late = 0, extensions = 0

        mutating func add(_ row: LedgerRow, asOf: String) {
            matters += 1
            let state = row.state.rawValue
            let done = ["已办结", "已归档", "再督查中"].contains(state) && row.completedOn != nil
            let standing: String
            if row.overdue {
                standing = "逾期"
            } else if done {
                standing = "已办结"
            } else if ["登记", "已审定", "已转阅", "已置换", "已办结", "已归档", "再督查中"].contains(state) {
                standing = "其他"
            } else {
                standing = "办理中"
            }
            switch standing {
            case "逾期": overdue += 1
            case "已办结":
                completed += 1
                if row.lateReports == 0 { onTime += 1 }
            case "其他": other += 1
            default: inProgress += 1
            }
            if standing == "已办结" || (standing != "其他" && row.deadline.iso <= asOf) { due += 1 }
            reminders += row.reminders
            returns += row.returns
            late += row.lateReports
            extensions += row.extensions
        }
    }

    /// Per 主责单位 figures of the non-涉密 rows, and the figures of all rows.
    static func figures(_ rows: [LedgerRow], asOf: String) -> (units: [String: Figures], total: Figures) {
        var units: [String: Figures] = [:]
        var total = Figures()
        for row in rows {
            total.add(row, asOf: asOf)
            if row.classified { continue }
            units[row.leadUnit, default: Figures()].add(row, asOf: asOf)
        }
        return (units, total)
    }

    /// Every entry of a zip package (name → bytes), read with Python's zipfile (a reader Ducha did not write).
    static func entries(_ path: String) throws -> [String: Data] {
        let script = """
            import base64, json, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            print(json.dumps({n: base64.b64encode(z.read(n)).decode() for n in z.namelist()}))
            """
        let result = try run("/usr/bin/env", ["python3", "-c", script, path])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String] ?? [:]
        return object.compactMapValues { Data(base64Encoded: $0) }
    }

    /// One part of a package as text.
    static func part(_ name: String, of path: String) throws -> String {
        String(decoding: try entries(path)[name] ?? Data(), as: UTF8.self)
    }

    /// The rows of a named table in an ODF content.xml: each row's cells, as their text.
    static func table(_ name: String, in xml: String) -> [[String]] {
        guard let start = xml.range(of: "<table:table table:name=\"\(name)\"") else { return [] }
        let rest = xml[start.upperBound...]
        let body = rest[..<(rest.range(of: "</table:table>")?.lowerBound ?? rest.endIndex)]
        return body.components(separatedBy: "<table:table-row").dropFirst().map { row in
            row.components(separatedBy: "<table:table-cell").dropFirst().map { cell in
                let inner = cell.drop { $0 != ">" }.dropFirst()
                return text(String(inner[..<(inner.range(of: "</table:table-cell>")?.lowerBound ?? inner.endIndex)]))
            }
        }
    }

    /// The cells of a spreadsheet's rows with their attributes (value type and value), in order.
    static func typedCells(_ xml: String) -> [[(type: String?, value: String?, text: String)]] {
        xml.components(separatedBy: "<table:table-row").dropFirst().map { row in
            row.components(separatedBy: "<table:table-cell").dropFirst().map { cell in
                let tag = String(cell.prefix { $0 != ">" })
                func attribute(_ name: String) -> String? {
                    guard let range = tag.range(of: " \(name)=\"") else { return nil }
                    return String(tag[range.upperBound...].prefix { $0 != "\"" })
                }
                let rest = cell.drop { $0 != ">" }.dropFirst()
                let inner =
                    tag.hasSuffix("/")
                    ? "" : rest[..<(rest.range(of: "</table:table-cell>")?.lowerBound ?? rest.endIndex)]
                return (attribute("office:value-type"), attribute("office:value"), text(String(inner)))
            }
        }
    }

    /// The text of some XML: tags dropped, the five predefined entities decoded.
    static func text(_ xml: String) -> String {
        var out = ""
        var inTag = false
        for ch in xml {
            if ch == "<" {
                inTag = true
            } else if ch == ">" {
                if inTag { inTag = false } else { out.append(ch) }
            } else if !inTag {
                out.append(ch)
            }
        }
        for (entity, ch) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: ch)
        }
        return out
    }

    /// The first whole number after `label` in `text`.
    static func number(after label: String, in text: String) -> Int? {
        guard let range = text.range(of: label) else { return nil }
        return Int(String(text[range.upperBound...].prefix { $0.isASCII && $0.isNumber }))
    }
}
