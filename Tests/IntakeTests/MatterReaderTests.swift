import Testing

@testable import Intake
@testable import Matters

@Suite("Matter reader")
struct MatterReaderTests {
    static func date(_ iso: String) -> FieldValue {
        guard let date = CivilDate(iso: iso) else {
            Issue.record("bad test date \(iso)")
            return .text(iso)
        }
        return .date(date)
    }

    static func record(_ entries: [(String, FieldValue)]) -> FieldValue {
        .record(FieldRecord(entries.map { (key: $0.0, value: $0.1) }))
    }

    static func texts(_ items: [String]) -> FieldValue { .list(items.map(FieldValue.text)) }

    static func read(_ files: RecordFile...) -> MatterReader.Result {
        MatterReader.read(files: files.map(\.input))
    }

    @Test("A valid 重点任务 record is accepted with exact values, in catalogue order")
    func validKindA() throws {
        let file = RecordFile("重点任务.json", [Samples.kindA])
        let result = Self.read(file)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(!result.hasErrors)
        #expect(result.files == ["重点任务.json"])
        let matter = try #require(result.matters.first)
        #expect(result.matters.count == 1)
        let expected = FieldRecord([
            ("编号", .text("2026-101")),
            ("事项名称", .text("全年启动老旧小区综合整治30个、完成改造15个")),
            ("事项类型", .text("重点任务")),
            ("办理方式", .text("督办")),
            ("事项来源", .text("重大决策和重要事项")),
            ("立项依据", .text("《北京市西城区2026年政府工作报告》重点任务分解（西政发〔2026〕2号）第12项")),
            ("主责单位", Self.record([("名称", .text("区住房城市建设委")), ("联系人", .text("钱晓峰")), ("电话", .text("010-83292235"))])),
            (
                "协办单位",
                .list([
                    Self.record([("名称", .text("区财政局")), ("联系人", .text("冯雪梅")), ("电话", .text("010-83292841"))]),
                    Self.record([("名称", .text("德胜街道")), ("电话", .text("139 1001 2345转8"))]),
                ])
            ),
            ("办理要求", Self.texts(["请于2026年1月30日前报送方案。", "此后每月5日前报送进展。"])),
            ("立项日期", Self.date("2026-01-05")),
            ("交办日期", Self.date("2026-01-06")),
            ("办理时限", Self.date("2026-06-30")),
            ("紧急程度", .text("加急")),
            ("媒体曝光", .flag(false)),
            ("督查员", Self.record([("姓名", .text("刘晓梅")), ("电话", .text("+86 (10) 8329-1235"))])),
        ])
        #expect(matter.values == expected)
        #expect(matter.id == "2026-101")
        #expect(matter.kind == .keyTask)
        #expect(matter.leadUnit == "区住房城市建设委")
        #expect(matter.coUnits == ["区财政局", "德胜街道"])
        #expect(matter.assignedOn?.iso == "2026-01-06")
        #expect(matter.deadline.iso == "2026-06-30")
        #expect(!matter.isClassified)
    }

    @Test("A valid 领导批示 record is accepted with exact values, in catalogue order")
    func validKindB() throws {
        let file = RecordFile("领导批示.json", [Samples.kindB])
        let result = Self.read(file)
        #expect(result.diagnostics.map(\.description) == [])
        let matter = try #require(result.matters.first)
        let expected = FieldRecord([
            ("编号", .text("2026-102")),
            ("事项名称", .text("关于某小区供暖温度不达标问题的批示")),
            ("事项类型", .text("领导批示")),
            ("办理方式", .text("转阅")),
            ("事项来源", .text("领导批示和交办事项")),
            ("立项依据", .text("《北京日报》2026年1月11日第5版")),
            (
                "领导批示",
                Self.record([
                    ("领导", .text("陈晓东常务副区长")), ("日期", Self.date("2026-01-11")),
                    ("内容", .text("请城市管理委核实。\n整改结果向媒体反馈。")),
                ])
            ),
            ("主责单位", Self.record([("名称", .text("区城市管理委"))])),
            ("办理要求", Self.texts(["请认真阅研。", "结合实际抓好落实。"])),
            ("立项日期", Self.date("2026-01-12")),
            ("办理时限", Self.date("2026-01-12")),
            ("密级", .text("秘密")),
            ("媒体曝光", .flag(true)),
            ("督查员", Self.record([("姓名", .text("张伟"))])),
            ("签发人", .text("王建国")),
            ("附件", Self.texts(["1. 报道原文", "2. 舆情专报"])),
            ("备注", .text("第一行\n第二行")),
        ])
        #expect(matter.values == expected)
        #expect(matter.handling == .transfer)
        #expect(matter.isClassified)
        #expect(matter.assignedOn == nil)
    }

    @Test("Records may also be given as {\"事项\": [ … ]}")
    func wrappedInAnObject() {
        let text = "{\"事项\": [\n" + Samples.kindA.lines.joined(separator: "\n") + "\n]}"
        let result = MatterReader.read(files: [("a.json", Array(text.utf8))])
        #expect(result.diagnostics.isEmpty)
        #expect(result.matters.map(\.id) == ["2026-101"])
    }

    struct Problem: Sendable, CustomTestStringConvertible {
        enum Base: Sendable { case kindA, kindB }
        var name: String
        var base: Base = .kindA
        var set: [(String, String)] = []
        var remove: [String] = []
        /// The field key path the diagnostic must name.
        var field: String
        /// The problem text; `{line}` stands for the line of the top-level key of `field`.
        var problem: String
        var expectation: String?

        var testDescription: String { name }

        var record: RecordText {
            var record = base == .kindA ? Samples.kindA : Samples.kindB
            for key in remove { record = record.without(key) }
            for (key, value) in set { record = record.with(key, value) }
            return record
        }
    }

    static let dateExpectation = "YYYY-MM-DD 格式的有效日期，如 2026-03-05"
    static let xmlExpectation = "可打印的文字，换行用 \\n，制表用 \\t"

    static let problems: [Problem] = [
        Problem(
            name: "missing required 办理时限", remove: ["办理时限"], field: "办理时限",
            problem: "缺少必填字段“办理时限”", expectation: dateExpectation),
        Problem(
            name: "missing required 主责单位.名称", set: [("主责单位", #"{"联系人": "钱晓峰"}"#)],
            field: "主责单位.名称", problem: "缺少必填字段“单位名称”", expectation: "一行文字"),
        Problem(
            name: "null required 事项名称", set: [("事项名称", "null")], field: "事项名称",
            problem: "缺少必填字段“督查事项名称”", expectation: "一行文字"),
        Problem(
            name: "blank required 事项名称", set: [("事项名称", json("  \t "))], field: "事项名称",
            problem: "缺少必填字段“督查事项名称”", expectation: "一行文字"),
        Problem(
            name: "empty 办理要求", set: [("办理要求", "[]")], field: "办理要求",
            problem: "缺少必填字段“办理要求”", expectation: "文字，或由若干段文字组成的数组"),
        Problem(
            name: "办理时限 as a number", set: [("办理时限", "20260630")], field: "办理时限",
            problem: "类型不对：是数字（第 {line} 行）", expectation: dateExpectation),
        Problem(
            name: "媒体曝光 as 是", set: [("媒体曝光", json("是"))], field: "媒体曝光",
            problem: "类型不对：是文字（第 {line} 行）", expectation: "true 或 false"),
        Problem(
            name: "媒体曝光 as 1", set: [("媒体曝光", "1")], field: "媒体曝光",
            problem: "类型不对：是数字（第 {line} 行）", expectation: "true 或 false"),
        Problem(
            name: "协办单位 as an object", set: [("协办单位", #"{"名称": "区财政局"}"#)], field: "协办单位",
            problem: "类型不对：是对象（第 {line} 行）", expectation: "数组，每项为含 名称、联系人、电话 的对象"),
        Problem(
            name: "协办单位[2] without 名称", set: [("协办单位", #"[{"名称": "区财政局"}, {"联系人": "石磊"}]"#)],
            field: "协办单位[2].名称", problem: "缺少必填字段“单位名称”", expectation: "一行文字"),
        Problem(
            name: "办理要求[1] as a number", set: [("办理要求", #"[1, "第二段"]"#)], field: "办理要求[1]",
            problem: "类型不对：是数字（第 {line} 行）", expectation: "一段文字"),
        Problem(
            name: "impossible 办理时限", set: [("办理时限", json("2026-02-30"))], field: "办理时限",
            problem: "日期无效“2026-02-30”（第 {line} 行）", expectation: dateExpectation),
        Problem(
            name: "badly written 立项日期", set: [("立项日期", json("2026-1-5"))], field: "立项日期",
            problem: "日期无效“2026-1-5”（第 {line} 行）", expectation: dateExpectation),
        Problem(
            name: "impossible 领导批示.日期", base: .kindB,
            set: [("领导批示", #"{"领导": "陈晓东", "日期": "2025-02-29", "内容": "阅。"}"#)], field: "领导批示.日期",
            problem: "日期无效“2025-02-29”（第 {line} 行）", expectation: dateExpectation),
        Problem(
            name: "U+0007 in 事项名称", set: [("事项名称", #""督查\u0007事项""#)], field: "事项名称",
            problem: "含 XML 不允许的控制字符 U+0007（第 {line} 行，第 3 个字符）", expectation: xmlExpectation),
        Problem(
            name: "U+0000 in 主责单位.名称", set: [("主责单位", #"{"名称": "区住建\u0000委"}"#)],
            field: "主责单位.名称", problem: "含 XML 不允许的控制字符 U+0000（第 {line} 行，第 4 个字符）",
            expectation: xmlExpectation),
        Problem(
            name: "U+001B in 办理要求[2]", set: [("办理要求", #"["第一段", "\u001b[1m第二段", "第三段"]"#)],
            field: "办理要求[2]", problem: "含 XML 不允许的控制字符 U+001B（第 {line} 行，第 1 个字符）",
            expectation: xmlExpectation),
        Problem(
            name: "U+000C in 办理要求 as one string", set: [("办理要求", json("第一段\n第二\u{0C}段"))],
            field: "办理要求", problem: "含 XML 不允许的控制字符 U+000C（第 {line} 行，第 7 个字符）",
            expectation: xmlExpectation),
        Problem(
            name: "U+FFFE in 备注", base: .kindB, set: [("备注", json("备\u{FFFE}注"))], field: "备注",
            problem: "含非字符 U+FFFE（第 {line} 行，第 2 个字符）", expectation: "Unicode 字符（U+FFFE、U+FFFF 不是字符）"),
        Problem(
            name: "U+FFFF in 领导批示.内容", base: .kindB,
            set: [("领导批示", #"{"领导": "陈晓东", "日期": "2026-01-11", "内容": "阅\uFFFF"}"#)],
            field: "领导批示.内容", problem: "含非字符 U+FFFF（第 {line} 行，第 2 个字符）",
            expectation: "Unicode 字符（U+FFFE、U+FFFF 不是字符）"),
        Problem(
            name: "line break in one-line 事项名称", set: [("事项名称", json("第一行\n第二行"))], field: "事项名称",
            problem: "不能含换行（第 {line} 行）", expectation: "一行文字"),
        Problem(
            name: "unknown key 办理时间", set: [("办理时间", json("2026-06-30"))], field: "办理时间",
            problem: "不是可用的字段名（第 {line} 行）",
            expectation: MatterCatalogue.fields.map(\.key).joined(separator: "、") + "之一"),
        Problem(
            name: "unknown key inside 督查员", set: [("督查员", #"{"姓名": "刘晓梅", "手机": "13910012345"}"#)],
            field: "督查员.手机", problem: "不是可用的字段名（第 {line} 行）", expectation: "姓名、电话之一"),
        Problem(
            name: "事项类型 out of range", set: [("事项类型", json("重点"))], field: "事项类型",
            problem: "取值“重点”不在可选范围内（第 {line} 行）", expectation: "“重点任务”、“领导批示”之一"),
        Problem(
            name: "事项来源 其它 instead of 其他", set: [("事项来源", json("其它"))], field: "事项来源",
            problem: "取值“其它”不在可选范围内（第 {line} 行）",
            expectation: "“法律法规和规范性文件贯彻落实”、“重要会议决定事项”、“重大决策和重要事项”、“领导批示和交办事项”、“其他”之一"),
        Problem(
            name: "紧急程度 with a trailing space", set: [("紧急程度", json("加急 "))], field: "紧急程度",
            problem: "取值“加急 ”不在可选范围内（第 {line} 行）", expectation: "“特急”、“加急”、“一般”之一"),
        Problem(
            name: "bad phone in 主责单位", set: [("主责单位", #"{"名称": "区住建委", "电话": "010-8329abc"}"#)],
            field: "主责单位.电话", problem: "电话号码格式不对“010-8329abc”（第 {line} 行）",
            expectation: "电话号码，如 010-83291234"),
        Problem(
            name: "phone without digits in 督查员", set: [("督查员", #"{"姓名": "刘晓梅", "电话": "()转"}"#)],
            field: "督查员.电话", problem: "电话号码格式不对“()转”（第 {line} 行）", expectation: "电话号码，如 010-83291234"),
        Problem(
            name: "bad id with a slash", set: [("编号", json("2026/001"))], field: "编号",
            problem: "编号格式不对“2026/001”（第 {line} 行）", expectation: "只含字母、数字和连字符（-）的编号，如 2026-001"),
        Problem(
            name: "bad id starting with -", set: [("编号", json("-2026"))], field: "编号",
            problem: "编号格式不对“-2026”（第 {line} 行）", expectation: "只含字母、数字和连字符（-）的编号，如 2026-001"),
        Problem(
            name: "bad id in Chinese", set: [("编号", json("督2026"))], field: "编号",
            problem: "编号格式不对“督2026”（第 {line} 行）", expectation: "只含字母、数字和连字符（-）的编号，如 2026-001"),
        Problem(
            name: "领导批示 kind without 领导批示", base: .kindB, remove: ["领导批示"], field: "领导批示",
            problem: "领导批示事项缺少“领导批示”（第十二条）", expectation: "含 领导、日期、内容 的对象"),
        Problem(
            name: "办理时限 before 立项日期", set: [("办理时限", json("2026-01-04"))], remove: ["交办日期"],
            field: "办理时限", problem: "办理时限 2026-01-04 早于立项日期 2026-01-05", expectation: "不早于立项日期的日期"),
        Problem(
            name: "交办日期 before 立项日期", set: [("交办日期", json("2026-01-04"))], field: "交办日期",
            problem: "交办日期 2026-01-04 早于立项日期 2026-01-05", expectation: "不早于立项日期的日期"),
        Problem(
            name: "办理时限 before 交办日期", set: [("交办日期", json("2026-07-01"))], field: "办理时限",
            problem: "办理时限 2026-06-30 早于交办日期 2026-07-01", expectation: "不早于交办日期的日期"),
        Problem(
            name: "重点任务 with 办理方式 转阅", set: [("办理方式", json("转阅"))], field: "办理方式",
            problem: "重点任务事项不能“转阅”（转阅只适用于领导批示事项，第十二条(一)）", expectation: "“督办”或不填"),
    ]

    @Test("Each problem gives exactly one diagnostic naming the field", arguments: problems)
    func singleProblem(problem: Problem) throws {
        let record = problem.record
        let file = RecordFile("事项.json", [record])
        let result = Self.read(file)
        #expect(result.matters.isEmpty)
        #expect(result.filesWithErrors == ["事项.json"])
        #expect(result.hasErrors)
        try #require(result.diagnostics.count == 1, "\(result.diagnostics.map(\.description))")
        let diagnostic = result.diagnostics[0]
        let topKey = String(problem.field.prefix { $0 != "." && $0 != "[" })
        var text = problem.problem
        if text.contains("{line}") {
            let line = try #require(record.line(of: topKey, start: file.start(of: 0)))
            text = text.replacing("{line}", with: String(line))
        }
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == "事项.json")
        #expect(diagnostic.location == file.location(of: 0))
        #expect(diagnostic.field == problem.field)
        #expect(diagnostic.problem == text)
        #expect(diagnostic.expectation == problem.expectation)
        let shape =
            "事项.json:" + file.location(of: 0) + ":" + problem.field + ": " + text
            + (problem.expectation.map { "（应为\($0)）" } ?? "")
        #expect(diagnostic.description == shape)
    }

    @Test("The description has the documented shape, literally")
    func literalDescriptions() {
        let missing = Self.read(RecordFile("重点任务.json", [Samples.kindA.without("办理时限")]))
        #expect(
            missing.diagnostics.map(\.description) == [
                "重点任务.json:记录 1（2026-101，第 2 行）:办理时限: 缺少必填字段“办理时限”（应为YYYY-MM-DD 格式的有效日期，如 2026-03-05）"
            ])
        let second = RecordFile(
            "重点任务.json", [Samples.kindB, Samples.kindA.with("事项类型", json("重点"))])
        #expect(
            Self.read(second).diagnostics.map(\.description) == [
                "重点任务.json:记录 2（2026-101，第 22 行）:事项类型: 取值“重点”不在可选范围内（第 25 行）（应为“重点任务”、“领导批示”之一）"
            ])
    }

    @Test("A duplicate key is reported with both lines")
    func duplicateKey() throws {
        let record = Samples.kindA.appending("事项名称", json("另一个名称"))
        let file = RecordFile("a.json", [record])
        let result = Self.read(file)
        try #require(result.diagnostics.count == 1)
        let diagnostic = result.diagnostics[0]
        #expect(diagnostic.field == "事项名称")
        #expect(diagnostic.problem == "字段重复（第 4 行已有此字段，第 18 行又出现）")
        #expect(diagnostic.description.hasPrefix("a.json:记录 1（2026-101，第 2 行）:事项名称: 字段重复"))
        #expect(result.matters.isEmpty)
    }

    @Test("A duplicate matter id within one file is reported on the second record")
    func duplicateIDWithinAFile() throws {
        let file = RecordFile(
            "a.json", [Samples.kindA, Samples.kindB, Samples.kindB.with("编号", json("2026-101"))])
        let result = Self.read(file)
        try #require(result.diagnostics.count == 1, "\(result.diagnostics.map(\.description))")
        let diagnostic = result.diagnostics[0]
        #expect(diagnostic.field == "编号")
        #expect(diagnostic.location == file.location(of: 2))
        #expect(diagnostic.location == "记录 3（2026-101，第 39 行）")
        #expect(
            diagnostic.description
                == "a.json:记录 3（2026-101，第 39 行）:编号: 编号“2026-101”重复：a.json 记录 1（2026-101，第 2 行） 已用此编号（应为每个事项唯一的编号）"
        )
        #expect(result.matters.isEmpty)
        #expect(result.filesWithErrors == ["a.json"])
    }

    @Test("A duplicate matter id across two files refuses the second file only")
    func duplicateIDAcrossFiles() throws {
        let first = RecordFile("a.json", [Samples.kindA])
        let second = RecordFile("b.json", [Samples.kindB.with("编号", json("2026-101"))])
        let result = Self.read(first, second)
        try #require(result.diagnostics.count == 1, "\(result.diagnostics.map(\.description))")
        let diagnostic = result.diagnostics[0]
        #expect(diagnostic.file == "b.json")
        #expect(diagnostic.field == "编号")
        #expect(diagnostic.problem.contains("a.json 记录 1（2026-101，第 2 行）"))
        #expect(diagnostic.description.hasPrefix("b.json:记录 1（2026-101，第 2 行）:编号: 编号“2026-101”重复"))
        #expect(result.matters.map(\.id) == ["2026-101"])
        #expect(result.matters.first?.kind == .keyTask)
        #expect(result.files == ["a.json"])
        #expect(result.filesWithErrors == ["b.json"])
    }

    @Test("Tab and line break are accepted in 办理要求, exactly as written")
    func tabAndNewlineInParagraphs() throws {
        let asArray = Samples.kindA.with("办理要求", #"["甲\t乙", "第一行\n第二行"]"#)
        let asText = Samples.kindA.with("办理要求", json("甲\t乙\n丙\n\n  丁  "))
        let result = Self.read(
            RecordFile("a.json", [asArray]), RecordFile("b.json", [asText.with("编号", json("2026-201"))]))
        #expect(result.diagnostics.map(\.description) == [])
        try #require(result.matters.count == 2)
        #expect(result.matters[0].values["办理要求"] == Self.texts(["甲\t乙", "第一行\n第二行"]))
        #expect(result.matters[1].values["办理要求"] == Self.texts(["甲\t乙", "丙", "  丁  "]))
    }

    @Test(
        "Every C0 control character but tab and newline is refused with its code point",
        arguments: (0x00..<0x20).filter { $0 != 0x09 && $0 != 0x0A })
    func controlCharacters(value: Int) throws {
        let scalar = try #require(Unicode.Scalar(UInt32(value)))
        let record = Samples.kindB.with("备注", json("备注" + String(Character(scalar)) + "x"))
        let file = RecordFile("a.json", [record])
        let result = Self.read(file)
        let hex = String(value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: 4 - hex.count) + hex
        #expect(result.matters.isEmpty)
        #expect(result.diagnostics.map(\.field) == ["备注"])
        #expect(result.diagnostics.first?.problem.contains("控制字符 \(code)（") == true)
        #expect(result.diagnostics.first?.problem.contains("第 3 个字符") == true)
    }

    @Test(
        "Characters XML allows are accepted, tab and newline included",
        arguments: [
            "\t", "\n", "\u{7F}", "\u{85}", "\u{A0}", "\u{D7FF}", "\u{E000}", "\u{FFFD}", "\u{10000}", "\u{10FFFF}",
        ])
    func allowedCharacters(character: String) throws {
        let text = "备" + character + "注"
        let result = Self.read(RecordFile("a.json", [Samples.kindB.with("备注", json(text))]))
        #expect(result.diagnostics.map(\.description) == [])
        let stored = try #require(result.matters.first?.values["备注"]?.text)
        #expect(Array(stored.utf8) == Array(text.utf8))
    }

    @Test(
        "A required 办理要求 made only of blank paragraphs counts as missing",
        arguments: [#"[""]"#, #"["   "]"#, #"["", "\t"]"#])
    func blankParagraphsAreMissing(value: String) throws {
        let result = Self.read(RecordFile("a.json", [Samples.kindA.with("办理要求", value)]))
        // `""` and `[]` are refused as missing; a list of blank paragraphs should be too.
        #expect(Self.read(RecordFile("a.json", [Samples.kindA.with("办理要求", json(" "))])).matters.isEmpty)
        #expect(result.matters.isEmpty)
        #expect(result.diagnostics.map(\.field) == ["办理要求"])
    }

    @Test("Every problem of a file is reported at once")
    func allProblemsAreReported() throws {
        let threeProblems = Samples.kindA
            .with("主责单位", #"{"名称": "区住建委", "电话": "电话"}"#)
            .with("紧急程度", json("很急"))
            .with("办理时间", json("2026-06-30"))
        let file = RecordFile("a.json", [threeProblems])
        let result = Self.read(file)
        #expect(result.diagnostics.map(\.field) == ["办理时间", "主责单位.电话", "紧急程度"])
        #expect(result.diagnostics.allSatisfy { $0.location == "记录 1（2026-101，第 2 行）" })
        #expect(result.matters.isEmpty)

        let twoBad = RecordFile(
            "b.json",
            [
                Samples.kindA.with("媒体曝光", json("否")),
                Samples.kindB,
                Samples.kindB.with("编号", json("2026-103")).without("领导批示").with("立项日期", json("2026-13-01")),
            ])
        let second = Self.read(twoBad)
        #expect(
            second.diagnostics.map { "\($0.location) \($0.field)" } == [
                "\(twoBad.location(of: 0)) 媒体曝光",
                "\(twoBad.location(of: 2)) 立项日期",
                "\(twoBad.location(of: 2)) 领导批示",
            ])
        #expect(second.matters.isEmpty, "the good record of a file with errors must not be taken in")
        #expect(second.filesWithErrors == ["b.json"])
    }

    @Test("A file with an error contributes nothing; a clean file in the same read still does")
    func filesWithErrors() {
        let bad = RecordFile(
            "bad.json",
            [
                Samples.kindA.with("编号", json("2026-301")),
                Samples.kindB.with("编号", json("2026-302")).with("办理方式", json("阅")),
            ])
        let good = RecordFile("good.json", [Samples.kindA, Samples.kindB])
        let notJSON = ("broken.json", Array("[\n{\"编号\": \"2026-401\",\n}\n]".utf8))
        let result = MatterReader.read(files: [bad.input, notJSON, good.input])
        #expect(result.matters.map(\.id) == ["2026-101", "2026-102"])
        #expect(result.files == ["good.json", "good.json"])
        #expect(result.filesWithErrors == ["bad.json", "broken.json"])
        #expect(result.diagnostics.map(\.file) == ["bad.json", "broken.json"])
        #expect(result.diagnostics.last?.location == "第 3 行")
        #expect(result.diagnostics.last?.field == "")
        #expect(result.diagnostics.last?.description.hasPrefix("broken.json:第 3 行: 不是有效的 JSON：") == true)
    }

    @Test(
        "A file whose top level is not a list of records is refused",
        arguments: ["{}", "{\"事项\": {}}", "{\"事项\": [], \"其他\": 1}", "\"事项\"", "\n\n{\"matters\": []}"])
    func wrongTopLevel(text: String) throws {
        let result = MatterReader.read(files: [("a.json", Array(text.utf8))])
        try #require(result.diagnostics.count == 1)
        let expectedLine = 1 + text.prefix { $0 == "\n" }.count
        #expect(result.diagnostics[0].location == "第 \(expectedLine) 行")
        #expect(result.diagnostics[0].problem == "文件的最外层不是事项记录数组")
        #expect(result.filesWithErrors == ["a.json"])
    }

    @Test("A record that is not an object is reported as a whole")
    func recordNotAnObject() throws {
        let text = "[\n  \"2026-001\"\n]"
        let result = MatterReader.read(files: [("a.json", Array(text.utf8))])
        try #require(result.diagnostics.count == 1)
        #expect(result.diagnostics[0].location == "记录 1（第 2 行）")
        #expect(result.diagnostics[0].field == "")
        #expect(result.diagnostics[0].problem == "类型不对：是文字（第 2 行）")
        #expect(result.diagnostics[0].description.hasPrefix("a.json:记录 1（第 2 行）: 类型不对"))
    }

    @Test("An empty list is read without problems")
    func emptyFile() {
        let result = MatterReader.read(files: [("a.json", Array("[]".utf8))])
        #expect(result.diagnostics.isEmpty)
        #expect(result.matters.isEmpty)
        #expect(!result.hasErrors)
    }

    @Test("XML special characters and spaces come through byte for byte")
    func textIsKeptExactly() throws {
        let title = "  A & B <c> \"d\" 'e' ]]> &amp; 多  空格   "
        let basis = "]]>]]> <![CDATA[x]]> <!-- y --> &#x41; 朱镕基\t𠮷 e\u{301} \u{F900} "
        let paragraphs = ["  首行缩进两格", "尾随空格  ", "a  <b>  c", "'\"&"]
        let remark = " 第一行 \n\n  第三行\t"
        let unit = "区\"住建\"委 & <局>"
        let record = Samples.kindA
            .with("事项名称", json(title))
            .with("立项依据", json(basis))
            .with("办理要求", "[" + paragraphs.map(json).joined(separator: ", ") + "]")
            .with("备注", json(remark))
            .with("主责单位", "{\"名称\": " + json(unit) + "}")
        let result = Self.read(RecordFile("a.json", [record]))
        #expect(result.diagnostics.map(\.description) == [])
        let matter = try #require(result.matters.first)
        #expect(Array(matter.title.utf8) == Array(title.utf8))
        #expect(matter.values["立项依据"]?.text.map { Array($0.utf8) } == Array(basis.utf8))
        #expect(matter.values["备注"]?.text.map { Array($0.utf8) } == Array(remark.utf8))
        #expect(Array(matter.leadUnit.utf8) == Array(unit.utf8))
        let read = try #require(matter.values["办理要求"]?.list).map { $0.text.map { Array($0.utf8) } }
        #expect(read == paragraphs.map { Array($0.utf8) })
    }

    @Test(
        "Identifiers: letters, digits and - up to 64 bytes",
        arguments: [
            ("2026-001", true), ("A1-b2", true), ("2026", true), ("2026-", true),
            (String(repeating: "9", count: 64), true), (String(repeating: "9", count: 65), false),
            ("-1", false), ("2026_001", false), ("2026 001", false), ("２０２６", false), ("2026.1", false),
        ])
    func identifiers(id: String, accepted: Bool) {
        let result = Self.read(RecordFile("a.json", [Samples.kindA.with("编号", json(id))]))
        #expect(result.matters.count == (accepted ? 1 : 0))
        #expect(result.diagnostics.map(\.field) == (accepted ? [] : ["编号"]))
    }

    @Test(
        "Phones: digits, spaces, - + ( ) and 转",
        arguments: [
            ("010-83291234", true), ("13910012345", true), ("+86 (10) 8329-1234", true), ("83291234转8001", true),
            ("010-8329123x", false), ("010－83291234", false), ("-", false), ("010/83291234", false), ("ext. 12", false),
        ])
    func phones(phone: String, accepted: Bool) {
        let record = Samples.kindA.with("督查员", "{\"姓名\": \"刘晓梅\", \"电话\": " + json(phone) + "}")
        let result = Self.read(RecordFile("a.json", [record]))
        #expect(result.matters.count == (accepted ? 1 : 0))
        #expect(result.diagnostics.map(\.field) == (accepted ? [] : ["督查员.电话"]))
    }
}
