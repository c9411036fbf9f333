import Matters
import Testing

@testable import Intake

/// Matter ids are folder names: unique without regard to letter case, at most 64 characters, and quoted in
/// messages with their control characters escaped.
@Suite("Matter ids: case-insensitive uniqueness, stated limits, escaped in messages")
struct IdentifierRuleTests {
    @Test("An id that differs from another only by letter case is refused with the first named")
    func caseInsensitive() throws {
        let file = RecordFile(
            "a.json", [Samples.kindA.with("编号", json("2026-ABC")), Samples.kindB.with("编号", json("2026-abc"))])
        let result = MatterReader.read(files: [file.input])
        #expect(result.matters.isEmpty)
        let d = try #require(result.diagnostics.first)
        #expect(d.field == "编号")
        #expect(d.problem == "编号“2026-abc”与 a.json \(file.location(of: 0)) 的“2026-ABC”只差字母大小写（在不区分大小写的磁盘上是同一个文件夹）")
    }

    @Test("An id the archive holds in other letter case is refused; the same spelling is left to the archive")
    func archived() {
        var ids = MatterIDs(archived: ["2026-ABC"])
        #expect(ids.claim("2026-ABC", at: "a.json") == nil)
        #expect(
            ids.claim("2026-Abc", at: "b.json")?.problem == "编号“2026-Abc”与已归档的事项“2026-ABC”只差字母大小写（在不区分大小写的磁盘上是同一个文件夹）")
    }

    @Test("Workbooks share the rule with the JSON records they are read with")
    func workbooks() {
        let json = MatterReader.read(files: [RecordFile("a.json", [Samples.kindA]).input])
        var ids = MatterIDs()
        for (matter, file) in zip(json.matters, json.files) { _ = ids.claim(matter.id, at: file) }
        #expect(ids.claim("2026-101", at: "b")?.problem == "编号“2026-101”重复：a.json 已用此编号")
        #expect(ids.claim("2026-102", at: "b") == nil)
    }

    @Test("An id over 64 characters is refused with the limit said")
    func tooLong() throws {
        let id = String(repeating: "9", count: 65)
        let result = MatterReader.read(files: [RecordFile("a.json", [Samples.kindA.with("编号", json(id))]).input])
        let d = try #require(result.diagnostics.first)
        #expect(d.problem.hasPrefix("编号过长：65 个字符"))
        #expect(d.expectation == "不超过 64 个字符的编号")
    }

    @Test("U+FFFE and U+FFFF are called noncharacters, not control characters")
    func noncharacters() throws {
        let result = MatterReader.read(files: [
            RecordFile("a.json", [Samples.kindA.with("备注", json("a\u{FFFF}"))]).input
        ])
        let d = try #require(result.diagnostics.first)
        #expect(d.problem.hasPrefix("含非字符 U+FFFF"))
        #expect(!d.problem.contains("控制字符"))
    }

    @Test("An id holding ESC[2J and BEL, or a newline, is quoted escaped: one line, nothing a terminal obeys")
    func escapedInMessages() throws {
        let file = RecordFile(
            "a.json",
            [
                Samples.kindA.with("编号", json("2026-\u{1B}[2J\u{07}")),
                Samples.kindB.with("编号", json("2026\n102")),
                Samples.kindB.with("编号", json("\u{202E}fdp.exe")),
            ])
        let result = MatterReader.read(files: [file.input])
        #expect(result.diagnostics.count >= 3)
        for d in result.diagnostics {
            let text = d.description
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{202E}" })
        }
        let all = result.diagnostics.map(\.description).joined(separator: "\n")
        #expect(all.contains("记录 1（2026-\\u{1B}[2J\\u{07}，"))
        #expect(all.contains("记录 2（2026\\u{0A}102，"))
        #expect(all.contains("编号格式不对“\\u{202E}fdp.exe”"))
        // The structured value keeps the input as it was, for a front end that shows it its own way.
        #expect(result.diagnostics.contains { $0.location.contains("\u{1B}") })
    }

    @Test("Escaping shows control, format and separator characters and keeps everything else")
    func messageText() {
        #expect(MessageText.escaped("\u{1B}[2J\u{07}") == "\\u{1B}[2J\\u{07}")
        #expect(
            MessageText.escaped("a\nb\tc\r\u{85}\u{2028}\u{200B}\u{FEFF}\u{FFFE}")
                == "a\\u{0A}b\\u{09}c\\u{0D}\\u{85}\\u{2028}\\u{200B}\\u{FEFF}\\u{FFFE}")
        #expect(MessageText.escaped("督查 𠮷 e\u{301} 😀 ]]> \\u{41}") == "督查 𠮷 e\u{301} 😀 ]]> \\u{41}")
        let once = MessageText.escaped("x\u{1B}y")
        #expect(MessageText.escaped(once) == once)
    }
}
