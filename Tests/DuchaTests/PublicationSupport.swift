import Foundation
import TestSupport
import Testing

/// What the bulletin and assessment tests share: a workspace after the example quarter, the ledger as JSON,
/// the figures a ledger row gives, and a look inside the published packages.
enum Publications {
    /// A workspace after `ducha batch --as-of 2026-03-31` on the example quarter (plus `extra` input files).
    static func quarter(extra: [String] = []) throws -> Workspace {
        let workspace = try Workspace()
        let result = try workspace.ducha(["batch", "--as-of", "2026-03-31", "--quiet"] + ScenarioTests.inputs + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return workspace
    }

    /// The ledger rows of `ducha status --as-of day --format json`.
    static func ledger(_ workspace: Workspace, on day: String, templates: String? = nil) throws -> [[String: Any]] {
        var arguments = ["status", "--as-of", day, "--format", "json"]
        if let templates { arguments += ["--templates", templates] }
        let result = try workspace.ducha(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (object?["事项"] as? [[String: Any]]) ?? []
    }

    /// The path a command printed after the first full-width colon (the published file).
    static func path(in output: String) -> String? {
        guard let line = output.split(separator: "\n").first, let colon = line.firstIndex(of: "：") else { return nil }
        let rest = line[line.index(after: colon)...]
        return String(rest.split(separator: "（").first ?? rest).components(separatedBy: "、").first
    }

    /// The figures of one ledger row, derived from the JSON the way the measures' words read: 已办结 is
    /// 办结 (办结日期 set, still 办结/归档/再督查), 逾期 is the ledger's 逾期, 其他 is nothing assigned,
    /// read-only 转阅 or 置换, and 办理中 is the rest.
    struct Figures: Equatable {
        var matters = 0, completed = 0, onTime = 0, due = 0, inProgress = 0, overdue = 0, other = 0
        var reminders = 0, returns = 0, late = 0, extensions = 0

        mutating func add(_ row: [String: Any], asOf: String) {
            matters += 1
            let state = row["状态"] as? String ?? ""
            let done = ["已办结", "已归档", "再督查中"].contains(state) && !(row["办结日期"] is NSNull)
            let lateCount = row["迟报次数"] as? Int ?? 0
            let standing: String
            if row["逾期"] as? Bool == true {
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
                if lateCount == 0 { onTime += 1 }
            case "其他": other += 1
            default: inProgress += 1
            }
            let deadline = row["办理时限"] as? String ?? "9999-12-31"
            if standing == "已办结" || (standing != "其他" && deadline <= asOf) { due += 1 }
            reminders += row["催办次数"] as? Int ?? 0
            returns += row["退办次数"] as? Int ?? 0
            late += lateCount
            extensions += row["延期申请次数"] as? Int ?? 0
        }
    }

    /// Per 主责单位 figures of the non-涉密 rows, and the figures of all rows.
    static func figures(_ rows: [[String: Any]], asOf: String) -> (units: [String: Figures], total: Figures) {
        var units: [String: Figures] = [:]
        var total = Figures()
        for row in rows {
            total.add(row, asOf: asOf)
            if row["涉密"] as? Bool == true { continue }
            units[row["主责单位"] as? String ?? "", default: Figures()].add(row, asOf: asOf)
        }
        return (units, total)
    }

    /// Every entry of a zip package (name → bytes), read with Python's zipfile.
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
