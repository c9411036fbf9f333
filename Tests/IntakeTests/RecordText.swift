import Intake
import Matters
import Testing

/// A JSON string literal for `text`, escaping what JSON requires (and U+FFFE/U+FFFF, for legibility).
func json(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// One matter record written as JSON text, one member per line, so that the test knows the line of
/// every field: the record's `{` is on its first line and member `i` on line `i + 1` after it.
struct RecordText: Sendable {
    var members: [(key: String, json: String)]

    /// Replaces the member's value where it stands, or appends the member.
    func with(_ key: String, _ value: String) -> RecordText {
        var copy = self
        if let index = copy.members.firstIndex(where: { $0.key == key }) {
            copy.members[index].json = value
        } else {
            copy.members.append((key, value))
        }
        return copy
    }

    /// Appends the member even if the key is already there.
    func appending(_ key: String, _ value: String) -> RecordText {
        var copy = self
        copy.members.append((key, value))
        return copy
    }

    func without(_ key: String) -> RecordText {
        var copy = self
        copy.members.removeAll { $0.key == key }
        return copy
    }

    var lines: [String] {
        ["  {"]
            + members.enumerated().map { index, member in
                "    " + json(member.key) + ": " + member.json + (index + 1 < members.count ? "," : "")
            } + ["  }"]
    }

    /// The line of the first member with `key`, when the record starts on `start`.
    func line(of key: String, start: Int) -> Int? {
        members.firstIndex { $0.key == key }.map { start + 1 + $0 }
    }

    /// The 编号 as the location shows it: the raw string when it is a plain JSON string.
    var rawID: String? {
        guard let member = members.first(where: { $0.key == "编号" }), member.json.hasPrefix("\""),
            member.json.hasSuffix("\""), member.json.count >= 2, !member.json.contains("\\")
        else { return nil }
        return String(member.json.dropFirst().dropLast())
    }
}

/// A records file: `[` on line 1, then the records one after the other, then `]`.
struct RecordFile {
    var name: String
    var records: [RecordText]

    init(_ name: String, _ records: [RecordText]) {
        self.name = name
        self.records = records
    }

    var text: String {
        var lines = ["["]
        for (index, record) in records.enumerated() {
            var recordLines = record.lines
            if index + 1 < records.count { recordLines[recordLines.count - 1] += "," }
            lines += recordLines
        }
        return (lines + ["]"]).joined(separator: "\n") + "\n"
    }

    var input: (name: String, bytes: [UInt8]) { (name, Array(text.utf8)) }

    /// The line of record `index` (0-based).
    func start(of index: Int) -> Int {
        2 + records[..<index].reduce(0) { $0 + $1.lines.count }
    }

    /// `记录 N（id，第 L 行）` for record `index` (0-based).
    func location(of index: Int) -> String {
        "记录 \(index + 1)（" + (records[index].rawID.map { "\($0)，" } ?? "") + "第 \(start(of: index)) 行）"
    }
}

/// Sample records: a 重点任务 (kind A) and a 领导批示 (kind B) that the catalogue accepts.
enum Samples {
    static let kindA = RecordText(members: [
        ("编号", json("2026-101")),
        ("事项名称", json("全年启动老旧小区综合整治30个、完成改造15个")),
        ("事项类型", json("重点任务")),
        ("事项来源", json("重大决策和重要事项")),
        ("立项依据", json("《北京市西城区2026年政府工作报告》重点任务分解（西政发〔2026〕2号）第12项")),
        ("主责单位", #"{"名称": "区住房城市建设委", "联系人": "钱晓峰", "电话": "010-83292235"}"#),
        (
            "协办单位",
            #"[{"名称": "区财政局", "联系人": "冯雪梅", "电话": "010-83292841"}, {"名称": "德胜街道", "电话": "139 1001 2345转8"}]"#
        ),
        ("办理要求", #"["请于2026年1月30日前报送方案。", "此后每月5日前报送进展。"]"#),
        ("立项日期", json("2026-01-05")),
        ("交办日期", json("2026-01-06")),
        ("办理时限", json("2026-06-30")),
        ("紧急程度", json("加急")),
        ("媒体曝光", "false"),
        ("督查员", #"{"姓名": "刘晓梅", "电话": "+86 (10) 8329-1235"}"#),
        ("办理方式", json("督办")),
    ])

    static let kindB = RecordText(members: [
        ("编号", json("2026-102")),
        ("事项类型", json("领导批示")),
        ("事项名称", json("关于某小区供暖温度不达标问题的批示")),
        ("办理方式", json("转阅")),
        ("事项来源", json("领导批示和交办事项")),
        ("立项依据", json("《北京日报》2026年1月11日第5版")),
        ("领导批示", #"{"日期": "2026-01-11", "领导": "陈晓东常务副区长", "内容": "请城市管理委核实。\n整改结果向媒体反馈。"}"#),
        ("主责单位", #"{"名称": "区城市管理委"}"#),
        ("办理要求", json("请认真阅研。\n\n结合实际抓好落实。")),
        ("立项日期", json("2026-01-12")),
        ("办理时限", json("2026-01-12")),
        ("密级", json("秘密")),
        ("媒体曝光", "true"),
        ("督查员", #"{"姓名": "张伟"}"#),
        ("签发人", json("王建国")),
        ("附件", #"["1. 报道原文", "2. 舆情专报"]"#),
        ("备注", json("第一行\n第二行")),
        ("紧急程度", "null"),
    ])
}
