import Matters
import Testing

@testable import Intake

/// Bytes handed out a few at a time, so that every record and every token crosses a piece boundary.
private struct Trickle: ByteSource {
    let bytes: [UInt8]
    let piece: Int

    func bytes(at offset: Int, count: Int) throws(ByteSourceError) -> [UInt8] {
        try bytes.bytes(at: offset, count: min(count, piece))
    }
}

/// A file that cannot be read past `readable` bytes (an I/O error).
private struct Failing: ByteSource {
    let bytes: [UInt8]
    let readable: Int

    func bytes(at offset: Int, count: Int) throws(ByteSourceError) -> [UInt8] {
        guard offset < readable else { throw ByteSourceError("Input/output error") }
        return try bytes.bytes(at: offset, count: min(count, readable - offset))
    }
}

/// A file that holds `first` while it is streamed from its start and `then` when read anywhere else (a
/// record rewritten after the file was checked).
private struct Swapping: ByteSource {
    let first: [UInt8]
    let then: [UInt8]

    func bytes(at offset: Int, count: Int) throws(ByteSourceError) -> [UInt8] {
        try (offset == 0 && count == RecordStream.chunkSize ? first : then).bytes(at: offset, count: count)
    }
}

@Suite("Record files read as streams: one record at a time, errors capped")
struct StreamingReaderTests {
    static let file = RecordFile(
        "a.json",
        [
            Samples.kindA, Samples.kindB.with("编号", json("2026-103")),
            Samples.kindA.with("编号", json("2026-104")).with("办理时限", json("2026-02-30")),
        ])

    @Test(
        "Read in pieces of any size, a file gives the same matters and messages as read whole",
        arguments: [1, 2, 7, 64])
    func pieces(piece: Int) throws {
        let whole = MatterReader.read(files: [Self.file.input])
        var ids = MatterIDs()
        let check = MatterReader.check("a.json", source: Trickle(bytes: Self.file.input.bytes, piece: piece), ids: &ids)
        #expect(check.diagnostics.diagnostics == whole.diagnostics)
        #expect(check.hasErrors)
        let clean = RecordFile("b.json", [Samples.kindA, Samples.kindB])
        var cleanIDs = MatterIDs()
        let source = Trickle(bytes: clean.input.bytes, piece: piece)
        let cleanCheck = MatterReader.check("b.json", source: source, ids: &cleanIDs)
        var streamed: [Matter] = []
        try MatterReader.forEachMatter(in: "b.json", source: source, expecting: cleanCheck) { streamed.append($0) }
        #expect(streamed == MatterReader.read(files: [clean.input]).matters)
        #expect(streamed.count == 2)
    }

    @Test(
        "The top level and the array's own syntax are judged as before",
        arguments: [
            ("{\"事项\": []}", nil), ("\u{FEFF}[]", nil), ("  [ ]  \n", nil),
            ("[", "a.json:第 1 行: 不是有效的 JSON：文件意外结束，缺少 JSON 值"),
            ("[{} {}]", "a.json:第 1 行: 不是有效的 JSON：数组元素之后应为逗号或 ]"),
            ("[{},]", "a.json:第 1 行: 不是有效的 JSON：此处应为 JSON 值，却是“]”"),
            ("[]\n[]", "a.json:第 2 行: 不是有效的 JSON：JSON 值之后还有多余内容"),
            ("{\"事项\": [] ", "a.json:第 1 行: 不是有效的 JSON：字段“事项”之后应为逗号或 }"),
            ("[\"\\x\"]", "a.json:第 1 行: 不是有效的 JSON：无效的转义“\\x”"),
            ("\n[\n{\"a\": tru}]", "a.json:第 3 行: 不是有效的 JSON：无法识别的内容“t”"),
            ("[\u{FEFF}{}]", "a.json:第 1 行: 不是有效的 JSON：此处应为 JSON 值，却是“\u{FEFF}”"),
            ("7", "a.json:第 1 行: 文件的最外层不是事项记录数组（应为[ {…}, {…} ] 或 {\"事项\": [ … ]}）"),
        ])
    func topLevel(text: String, message: String?) {
        let result = MatterReader.read(files: [("a.json", Array(text.utf8))])
        #expect(result.diagnostics.map(\.description) == (message.map { [MessageText.escaped($0)] } ?? []))
    }

    @Test("A file of many bad records lists 100 problems and counts the rest")
    func errorsAreCapped() throws {
        let text = "[" + Array(repeating: "{}", count: 20_000).joined(separator: ",") + "]"
        let result = MatterReader.read(files: [("million.json", Array(text.utf8))])
        #expect(result.diagnostics.count == FileDiagnostics.limit + 1)
        let last = try #require(result.diagnostics.last)
        let perRecord = MatterReader.read(files: [("one.json", Array("[{}]".utf8))]).diagnostics.count
        #expect(last.description == "million.json: 另有 \(20_000 * perRecord - 100) 处错误未列出（每个文件最多列出 100 条）")
        #expect(result.filesWithErrors == ["million.json"])
    }

    @Test("A record larger than 4 MiB is refused without being parsed whole")
    func recordTooLarge() {
        let text = "[\n{\"备注\": \"" + String(repeating: "x", count: (4 << 20) + 1) + "\"}]"
        let result = MatterReader.read(files: [("big.json", Array(text.utf8))])
        #expect(
            result.diagnostics.map(\.description) == [
                "big.json:第 2 行: 从此行起的一条记录超过 4 MiB，不是事项记录（应为每条记录不超过 4 MiB）"
            ])
    }

    @Test("Deep nesting is scanned without recursion and refused by the parser's depth limit")
    func deepNesting() {
        let text = "[" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "]"
        let result = MatterReader.read(files: [("deep.json", Array(text.utf8))])
        #expect(result.diagnostics.map(\.problem) == ["不是有效的 JSON：嵌套超过 128 层"])
    }

    @Test("A file that cannot be read to its end is refused with the system's words")
    func unreadable() {
        let bytes = RecordFile("a.json", [Samples.kindA, Samples.kindB]).input.bytes
        var ids = MatterIDs()
        let check = MatterReader.check("a.json", source: Failing(bytes: bytes, readable: 40), ids: &ids)
        #expect(check.diagnostics.diagnostics.map(\.description) == ["a.json: 读取失败：Input/output error"])
    }

    @Test("A file changed between the check and the second pass stops at the changed record")
    func changedBetweenPasses() throws {
        let before = RecordFile("a.json", [Samples.kindA, Samples.kindB])
        var ids = MatterIDs()
        let check = MatterReader.check("a.json", source: before.input.bytes, ids: &ids)
        let after = RecordFile("a.json", [Samples.kindA, Samples.kindB.with("事项名称", json("换了"))])
        var seen: [String] = []
        #expect(throws: MatterReader.ChangedWhileReading.self) {
            try MatterReader.forEachMatter(in: "a.json", source: after.input.bytes, expecting: check) {
                seen.append($0.id)
            }
        }
        #expect(seen == ["2026-101"])
    }

    @Test("An event file's events are held in summary and read again in full, as first read")
    func summarisedEvents() throws {
        let text = """
            [{ "事项": "2026-001", "事件": "签收", "日期": "2026-01-06", "签收人": "郑文博", "责任科室": "综合科" },
             { "事项": "2026-002", "事件": "督查", "日期": "2026-01-07", "方式": "跟踪督查", "发现问题": "台账不全。" }]
            """
        let bytes = Array(text.utf8)
        let full = EventReader.read("e.json", source: bytes, attachments: { _ in .failure(.missing) })
        let summary = EventReader.read(
            "e.json", source: Trickle(bytes: bytes, piece: 5), attachments: { _ in .failure(.missing) },
            summarised: true)
        #expect(summary.events.map { $0.event.values.entries.map(\.key) } == [["事项", "日期"], ["事项", "日期"]])
        #expect(summary.events.map(\.location) == full.events.map(\.location))
        #expect(summary.events.map(\.location) == ["记录 1（第 1 行）", "记录 2（第 2 行）"])
        #expect(summary.events.map(\.event.kind) == full.events.map(\.event.kind))
        let loaded = try summary.events.map { try $0.loaded() }
        #expect(loaded.map(\.event) == full.events.map(\.event))
        #expect(loaded.allSatisfy { $0.fullRecord == nil })
        #expect(try full.events[0].loaded().event == full.events[0].event)
    }

    @Test("A summarised event whose record changed on disk is refused when it is read again")
    func summarisedEventChanged() throws {
        let before = #"[{ "事项": "2026-001", "事件": "签收", "日期": "2026-01-06", "签收人": "郑文博" }]"#
        let after = before.replacingOccurrences(of: "郑文博", with: "张三丰")
        let events = EventReader.read(
            "e.json", source: Swapping(first: Array(before.utf8), then: Array(after.utf8)),
            attachments: { _ in .failure(.missing) }, summarised: true
        ).events
        let event = try #require(events.first)
        #expect(throws: EventChangedWhileReading.self) { try event.loaded() }
    }

    @Test("Event files are told from matter files by their first record or their wrapper")
    func holdsEvents() {
        #expect(EventReader.holdsEvents(Array("{\"事件\": []}".utf8)))
        #expect(EventReader.holdsEvents(Array("[{\"事项\": \"2026-001\", \"事件\": \"签收\"}]".utf8)))
        #expect(!EventReader.holdsEvents(Array("[{\"编号\": \"2026-001\"}]".utf8)))
        #expect(!EventReader.holdsEvents(Array("{\"事项\": []}".utf8)))
        #expect(!EventReader.holdsEvents(Array("[".utf8)))
    }
}
