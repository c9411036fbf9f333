import Matters
import Testing

@testable import Intake

/// What the event reader checks of `附件` before anything of the file is recorded: names, types, places, and
/// what the loader says of each file.
@Suite("Event attachments: every name checked while the file is read")
struct HostileAttachmentTests {
    /// An event file of one 签收 with these attachments (JSON array text).
    static func file(_ attachments: String) -> (name: String, bytes: [UInt8]) {
        let text = """
            [{ "事项": "2026-001", "事件": "签收", "日期": "2026-01-06", "签收人": "郑文博",
               "附件": \(attachments) }]
            """
        return ("来件/事件.json", Array(text.utf8))
    }

    /// Reads `file` with attachments served from `files` (path relative to the event file's folder → bytes).
    static func read(_ file: (name: String, bytes: [UInt8]), _ files: [String: [UInt8]] = [:]) -> EventReader.Result {
        EventReader.read(files: [file]) { path in files[String(path.dropFirst("来件/".count))] }
    }

    @Test("An empty name in 附件 is an error, not a name to drop", arguments: [#"[""]"#, #"["a.pdf", "  "]"#])
    func emptyNames(attachments: String) {
        let result = Self.read(Self.file(attachments), ["a.pdf": [1]])
        #expect(result.events.isEmpty)
        #expect(result.diagnostics.contains { $0.problem.hasPrefix("附件文件名为空") })
        #expect(result.filesWithErrors == ["来件/事件.json"])
    }

    @Test("A file name longer than 200 bytes is refused with the limit said, before anything is filed")
    func longName() throws {
        let name = String(repeating: "名", count: 82) + ".pdf"  // 250 bytes
        let result = Self.read(Self.file("[\"\(name)\"]"), [name: [1]])
        #expect(result.events.isEmpty)
        let d = try #require(result.diagnostics.first)
        #expect(d.field == "附件[1]")
        #expect(d.problem == "附件文件名过长：250 字节“\(name)”")
        #expect(d.expectation == "不超过 200 字节（约 66 个汉字）的文件名")
    }

    @Test("The same bytes under the same name are one attachment; other bytes under the same name stay two")
    func sameNames() throws {
        let files = ["甲/报告.pdf": Array("甲".utf8), "乙/报告.pdf": Array("乙".utf8), "丙/报告.pdf": Array("甲".utf8)]
        let result = Self.read(Self.file(#"["甲/报告.pdf", "乙/报告.pdf", "丙/报告.pdf", "甲/报告.pdf"]"#), files)
        let event = try #require(result.events.first)
        #expect(event.attachments.map(\.path) == ["甲/报告.pdf", "乙/报告.pdf"])
        #expect(event.attachments.map(\.bytes) == [Array("甲".utf8), Array("乙".utf8)])
        #expect(event.attachments.map(\.name) == ["报告.pdf", "报告.pdf"])
    }

    @Test("What the loader refuses is said with the path and the part that is wrong")
    func refusals() throws {
        let cases: [(AttachmentRefusal, String)] = [
            (.missing, "找不到附件“a.pdf”（应为相对于记录文件所在文件夹的路径）"),
            (.symbolicLink("linked"), "附件“a.pdf”中的“linked”是符号链接，不收（符号链接可指向文件夹以外的文件）（应为记录文件所在文件夹内的普通文件（不是符号链接））"),
            (.notARegularFile, "附件“a.pdf”不是普通文件（是文件夹、管道或设备）（应为记录文件所在文件夹内的普通文件（不是符号链接））"),
            (.tooLarge(size: 300 << 20, limit: 100 << 20), "附件“a.pdf”有 300.0 MiB，超过 100 MiB（应为不超过 100 MiB 的文件）"),
            (.changedWhileReading, "附件“a.pdf”在读取时被改动（应为读取期间不被改动的文件）"),
        ]
        for (refusal, message) in cases {
            let result = EventReader.read(files: [Self.file(#"["a.pdf"]"#)]) { _ in .failure(refusal) }
            #expect(result.diagnostics.map(\.description) == ["来件/事件.json:记录 1（第 1 行）:附件[1]: " + message])
            #expect(result.events.isEmpty)
        }
    }

    @Test("Every attachment of a file is checked, also after its first error — but then nothing is copied")
    func allChecked() {
        var asked: [AttachmentRequest] = []
        let result = EventReader.read(files: [Self.file(#"["a.exe", "b.pdf", "../c.pdf", "d.pdf"]"#)]) { request in
            asked.append(request)
            return request.path == "b.pdf" ? .success(request.take ? .bytes([1]) : nil) : .failure(.missing)
        }
        #expect(asked.map(\.path) == ["b.pdf", "d.pdf"])
        #expect(asked.map(\.take) == [false, false])
        #expect(result.diagnostics.map(\.field) == ["附件[1]", "附件[3]", "附件[4]"])
        #expect(result.events.isEmpty)
        var later: [AttachmentRequest] = []
        let text = """
            [{ "事项": "2026-001", "事件": "签收", "日期": "2026-01-06" },
             { "事项": "2026-001", "事件": "签收", "日期": "2026-01-07", "签收人": "某人", "附件": ["x.pdf"] }]
            """
        _ = EventReader.read(files: [("e.json", Array(text.utf8))]) { request in
            later.append(request)
            return .success(nil)
        }
        #expect(later.map(\.take) == [false])  // the file was refused at its first record
    }

    @Test("The loader is given the event file's folder, the path as written and the size limit")
    func loaderArguments() throws {
        var call: AttachmentRequest?
        let result = EventReader.read(files: [Self.file(#"["附件/./报告.pdf"]"#)]) { request in
            call = request
            return .success(.staged(path: "/s/.x.tmp", size: 3, sha256: String(repeating: "a", count: 64)))
        }
        #expect(
            call
                == AttachmentRequest(
                    folder: "来件", path: "附件/./报告.pdf", limit: EventReader.maxAttachmentBytes, take: true))
        let attachment = try #require(result.events.first?.attachments.first)
        #expect(attachment.name == "报告.pdf")
        #expect(attachment.sha256 == String(repeating: "a", count: 64))
        #expect(attachment.bytes == nil)
    }
}
