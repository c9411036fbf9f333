import Testing

@testable import Intake
@testable import Matters

/// A ledger sheet written as CSV text for a test: a header and rows, each a list of fields; a
/// field is quoted when it needs to be.
struct LedgerCSV {
    var header: [String]
    var rows: [[String]]

    var bytes: [UInt8] {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + s.replacing("\"", with: "\"\"") + "\"" : s
        }
        return Array(([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n").utf8)
    }

    /// Replaces a column's header.
    func renaming(_ old: String, to new: String) -> LedgerCSV {
        var copy = self
        copy.header = header.map { $0 == old ? new : $0 }
        return copy
    }

    /// Sets one field of row `row` (0-based) in the column headed `column`.
    func setting(_ column: String, row: Int, to value: String) -> LedgerCSV {
        var copy = self
        guard let index = header.firstIndex(of: column) else {
            Issue.record("no column \(column)")
            return self
        }
        copy.rows[row][index] = value
        return copy
    }

    /// The columns in reverse order.
    var reversed: LedgerCSV {
        LedgerCSV(header: header.reversed(), rows: rows.map { $0.reversed() })
    }

    /// Without the column headed `column`.
    func dropping(_ column: String) -> LedgerCSV {
        guard let index = header.firstIndex(of: column) else { return self }
        var copy = self
        copy.header.remove(at: index)
        copy.rows = rows.map { row in
            var row = row
            row.remove(at: index)
            return row
        }
        return copy
    }

    /// Two matters — a 重点任务 and a 领导批示 — with the template's headers.
    static let sample = LedgerCSV(
        header: [
            "事项编号", "督查事项名称", "事项类型", "办理方式", "事项来源（第七条）", "立项依据", "批示领导", "批示日期", "批示内容", "主责单位",
            "主责单位联系人", "主责单位电话", "协办单位", "协办单位联系人", "协办单位电话", "办理要求", "立项日期", "交办日期", "办理时限",
            "紧急程度", "新闻媒体曝光事项", "督查员", "督查员电话", "备注",
        ],
        rows: [
            [
                "2026-301", "做好春节期间烟花爆竹禁放管控工作", "重点任务", "", "重要会议决定事项", "区政府第60次常务会议纪要", "", "", "",
                "西城公安分局", "吕东", "010-83294031", "区城管执法局；区应急局\n什刹海街道", "施海涛、-、郑文博",
                "010-83294147、-、010-83292735", "加强巡逻管控。\n\n做好宣传引导。  ", "2026-01-20", "2026/1/21", "2026年2月28日", "特急",
                "否", "刘晓梅", "010-83291235", "",
            ],
            [
                "2026-302", "关于加快老旧小区加装电梯的批示", "领导批示", "督办", "领导批示和交办事项", "区长批示件", "孙立平区长", "2026-02-02",
                "请住建委牵头抓紧推进。\n每月报我。", "区住房城市建设委", "钱晓峰", "010-83292235", "", "", "", "请于3月底前报送推进方案。",
                "2026-02-03", "", "2026-03-31", "", "TRUE", "刘晓梅", "", "电梯加装",
            ],
        ])

    /// The same two matters as JSON records.
    static let sampleJSON = [
        """
        [{"编号": "2026-301", "事项名称": "做好春节期间烟花爆竹禁放管控工作", "事项类型": "重点任务", "事项来源": "重要会议决定事项",
          "立项依据": "区政府第60次常务会议纪要", "主责单位": {"名称": "西城公安分局", "联系人": "吕东", "电话": "010-83294031"},
          "协办单位": [{"名称": "区城管执法局", "联系人": "施海涛", "电话": "010-83294147"}, {"名称": "区应急局"},
                      {"名称": "什刹海街道", "联系人": "郑文博", "电话": "010-83292735"}],
          "办理要求": ["加强巡逻管控。", "做好宣传引导。"], "立项日期": "2026-01-20", "交办日期": "2026-01-21", "办理时限": "2026-02-28",
          "紧急程度": "特急", "媒体曝光": false, "督查员": {"姓名": "刘晓梅", "电话": "010-83291235"}}]
        """,
        """
        [{"编号": "2026-302", "事项名称": "关于加快老旧小区加装电梯的批示", "事项类型": "领导批示", "办理方式": "督办",
          "事项来源": "领导批示和交办事项", "立项依据": "区长批示件",
          "领导批示": {"领导": "孙立平区长", "日期": "2026-02-02", "内容": "请住建委牵头抓紧推进。\\n每月报我。"},
          "主责单位": {"名称": "区住房城市建设委", "联系人": "钱晓峰", "电话": "010-83292235"},
          "办理要求": ["请于3月底前报送推进方案。"], "立项日期": "2026-02-03", "办理时限": "2026-03-31", "媒体曝光": true,
          "督查员": {"姓名": "刘晓梅"}, "备注": "电梯加装"}]
        """,
    ]

    static var sampleMatters: [Matter] { sampleJSON.compactMap { LedgerTestSupport.matter(json: $0) } }
}
