import DuchaCore
import Foundation
import Matters
import TestSupport
import Testing

/// An archive holding the example matters (registered, nothing assigned), and a folder where event files
/// arrive from the units with their attachments.
private struct Inbox {
    let directory: URL
    let workspace: Workspace
    var archive: String { workspace.archive }
    var folder: String { directory.appendingPathComponent("来件").path }

    init() throws {
        directory = try TestEnvironment.temporaryDirectory("ducha-hostile")
        workspace = try Workspace(
            archive: directory.appendingPathComponent("Archive").path,
            templates: TestEnvironment.packageRoot.appendingPathComponent("Templates").path)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let examples = ["重点任务-2026Q1.json", "领导批示-2026Q1.json"].map {
            TestEnvironment.packageRoot.appendingPathComponent("Examples/\($0)").path
        }
        let result = try workspace.write { try $0.takeIn(files: examples) }
        #expect(result.problems.isEmpty && result.mattersAdded == 33)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Writes a file in the inbox; returns its path.
    @discardableResult
    func file(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let path = folder + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func link(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: folder + "/" + relative, withDestinationPath: target)
    }

    /// An event file: 交办 of 2026-001 on 2026-01-05, then its 签收 the next day with these attachments.
    func assignedAndReceived(_ attachments: [String], name: String = "事件.json") throws -> String {
        let list = attachments.map { "\"\($0)\"" }.joined(separator: ", ")
        let text = """
            [
              { "事项": "2026-001", "事件": "交办", "日期": "2026-01-05" },
              { "事项": "2026-001", "事件": "签收", "日期": "2026-01-06", "签收人": "郑文博", "附件": [\(list)] }
            ]
            """
        return try file(name, Array(text.utf8))
    }

    func takeIn(_ paths: [String]) throws -> IntakeResult { try workspace.write { try $0.takeIn(files: paths) } }

    /// The event log of a matter: each event's fields and its attachments' digests.
    func log(_ id: String) throws -> [(values: FieldRecord, digests: [String])] {
        try workspace.write { office in
            try office.record(id: id)?.log.map { (values: $0.event.values, digests: $0.digests) } ?? []
        }
    }

    /// Every file under the archive, relative, except the lock.
    func files() throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: archive)
        var found: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: archive + "/" + name, isDirectory: &isFolder),
                !isFolder.boolValue, name != ".ducha.lock"
            {
                found.append(name)
            }
        }
        return found.sorted()
    }
}

@Suite("Hostile event files: attachments that reach outside, same names, all or nothing")
struct HostileEventFileTests {
    @Test(
        "A symbolic link anywhere on an attachment's path is refused, and nothing of the file is recorded",
        arguments: [
            ("hostname.pdf", "hostname.pdf"), ("linked/x.pdf", "linked"), ("environ.pdf", "environ.pdf"),
        ])
    func symbolicLinks(attachment: String, part: String) throws {
        let inbox = try Inbox()
        defer { inbox.remove() }
        let outside = inbox.directory.appendingPathComponent("外面")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: outside.appendingPathComponent("x.pdf"))
        try inbox.link("hostname.pdf", to: "/etc/hostname")
        try inbox.link("linked", to: outside.path)
        try inbox.link("environ.pdf", to: "/proc/self/environ")
        let before = try inbox.files()
        let result = try inbox.takeIn([try inbox.assignedAndReceived([attachment])])
        #expect(result.eventsAdded == 0 && result.slips.isEmpty)
        #expect(
            result.problems.map(\.description).contains {
                $0.contains(":附件[1]: 附件“\(attachment)”中的“\(part)”是符号链接")
            }, "\(result.problems)")
        #expect(try inbox.log("2026-001").isEmpty)
        #expect(try inbox.files() == before)
    }

    @Test("Two files of the same name from different folders are both filed, each under its own name")
    func sameNames() throws {
        let inbox = try Inbox()
        defer { inbox.remove() }
        try inbox.file("甲/报告.pdf", Array("%PDF 甲".utf8))
        try inbox.file("乙/报告.pdf", Array("%PDF 乙".utf8))
        try inbox.file("丙/报告.pdf", Array("%PDF 甲".utf8))
        let path = try inbox.assignedAndReceived(["甲/报告.pdf", "乙/报告.pdf", "丙/报告.pdf"])
        let result = try inbox.takeIn([path])
        #expect(result.problems.isEmpty, "\(result.problems)")
        let received = try #require(inbox.log("2026-001").last)
        let paths = try #require(received.values["附件"]?.list).compactMap { $0.text }
        #expect(paths == ["data/交办/002-附件-报告.pdf", "data/交办/002-附件-报告-2.pdf"])
        let bag = inbox.archive + "/2026/2026-001/"
        #expect(FileManager.default.contents(atPath: bag + paths[0]) == Data("%PDF 甲".utf8))
        #expect(FileManager.default.contents(atPath: bag + paths[1]) == Data("%PDF 乙".utf8))
        // Each record names exactly the bytes it points at.
        let script = "import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest())"
        for (path, digest) in zip(paths, received.digests) {
            #expect(
                try TestEnvironment.python(script, [bag + path]).trimmingCharacters(in: .whitespacesAndNewlines)
                    == digest)
        }
        #expect(try Verification.run(archive: inbox.archive).problems == 0)
        // The same input again changes nothing.
        let again = try inbox.takeIn([path])
        #expect(again.eventsUnchanged == 2 && again.eventsAdded == 0)
    }

    @Test("An attachment that cannot be filed refuses its whole file: no 交办, no 通知单, no marker left")
    func attachmentRefusesFile() throws {
        let inbox = try Inbox()
        defer { inbox.remove() }
        let long = String(repeating: "名", count: 82) + ".pdf"  // 250 bytes
        try inbox.file(long, Array("%PDF".utf8))
        let before = try inbox.files()
        let result = try inbox.takeIn([try inbox.assignedAndReceived([long])])
        #expect(result.eventsAdded == 0 && result.slips.isEmpty)
        #expect(result.problems.map(\.description).contains { $0.contains("附件文件名过长：250 字节") })
        #expect(!result.problems.map(\.description).contains { $0.contains("File name too long") })
        #expect(try inbox.log("2026-001").isEmpty)
        #expect(try inbox.files() == before)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: inbox.archive + "/.pending")) ?? []).isEmpty)
    }

    @Test("An event the lifecycle refuses refuses its whole file; a re-run of the corrected file records all")
    func lifecycleRefusesFile() throws {
        let inbox = try Inbox()
        defer { inbox.remove() }
        let bad = """
            [
              { "事项": "2026-001", "事件": "交办", "日期": "2026-01-05" },
              { "事项": "2026-003", "事件": "签收", "日期": "2026-01-06", "签收人": "某人" }
            ]
            """
        let path = try inbox.file("事件.json", Array(bad.utf8))
        let result = try inbox.takeIn([path])
        #expect(result.eventsAdded == 0 && result.slips.isEmpty)
        let messages = result.problems.map(\.description)
        #expect(messages.count == 2, "\(messages)")
        #expect(messages.first?.contains(":记录 2（第 3 行）:事件“签收”: 事项 2026-003") == true)
        #expect(messages.last == "\(path): 此文件有 1 个事件不能记录，其余 1 个事件也未记录（一个文件的事件要么全部记录，要么都不记录；改正后再读入此文件）")
        #expect(try inbox.log("2026-001").isEmpty)
        let good = try inbox.file(
            "事件.json",
            Array(
                bad.replacingOccurrences(of: "签收\", \"日期", with: "交办\", \"日期").replacingOccurrences(
                    of: ", \"签收人\": \"某人\"", with: ""
                ).utf8))
        let rerun = try inbox.takeIn([good])
        #expect(rerun.problems.isEmpty, "\(rerun.problems)")
        #expect(rerun.eventsAdded == 2 && rerun.slips.count == 2)
    }

    @Test("Files are decided one by one: a good file is recorded beside a refused one")
    func goodFileBesideBadOne() throws {
        let inbox = try Inbox()
        defer { inbox.remove() }
        let good = try inbox.file("好.json", Array(#"[{ "事项": "2026-001", "事件": "交办", "日期": "2026-01-05" }]"#.utf8))
        let bad = try inbox.file("坏.json", Array(#"[{ "事项": "2026-999", "事件": "交办", "日期": "2026-01-05" }]"#.utf8))
        let result = try inbox.takeIn([bad, good])
        #expect(result.eventsAdded == 1)
        #expect(
            result.problems.map(\.description) == [
                "\(bad):记录 1（第 1 行）:事件“交办”: 档案中没有事项 2026-999（先用 ducha intake 登记事项记录）"
            ])
    }

    @Test("A matter id that differs from an archived one only by letter case gets no second folder")
    func caseInsensitiveIDs() throws {
        let inbox = try Inbox()
        defer { inbox.remove() }
        let example = try String(
            contentsOf: TestEnvironment.packageRoot.appendingPathComponent("Examples/重点任务-2026Q1.json"), encoding: .utf8
        )
        let upper = try inbox.file(
            "甲.json", Array(example.replacingOccurrences(of: "\"2026-001\"", with: "\"2026-A1\"").utf8))
        #expect(try inbox.takeIn([upper]).mattersAdded == 1)
        let lower = try inbox.file(
            "乙.json", Array(example.replacingOccurrences(of: "\"2026-001\"", with: "\"2026-a1\"").utf8))
        let result = try inbox.takeIn([lower])
        #expect(result.mattersAdded == 0)
        #expect(result.problems.map(\.description).contains { $0.contains("编号“2026-a1”与已归档的事项“2026-A1”只差字母大小写") })
        #expect(!FileManager.default.fileExists(atPath: inbox.archive + "/2026/2026-a1"))
    }

    @Test("An attachment named a%0Ab.pdf is filed under a name both ducha verify and bagit.py read")
    func percentName() throws {
        let inbox = try Inbox()
        defer { inbox.remove() }
        try inbox.file("a%0Ab.pdf", Array("%PDF".utf8))
        let result = try inbox.takeIn([try inbox.assignedAndReceived(["a%0Ab.pdf"])])
        #expect(result.problems.isEmpty, "\(result.problems)")
        let bag = inbox.archive + "/2026/2026-001"
        #expect(FileManager.default.fileExists(atPath: bag + "/data/交办/002-附件-a％0Ab.pdf"))
        #expect(try Verification.run(archive: inbox.archive).problems == 0)
        guard TestEnvironment.shouldRun(needing: "bagit.py") else { return }
        let bagit = try #require(TestEnvironment.which("bagit.py"), "bagit.py is required in CI")
        let validated = try run(bagit, ["--validate", bag])
        #expect(validated.status == 0, "\(validated.output)")
    }

    @Test("Messages that quote an event file's input — its name, its keys — show control characters escaped")
    func escapedProblems() throws {
        let inbox = try Inbox()
        defer { inbox.remove() }
        let path = try inbox.file(
            "事件\n\u{1B}[2J.json",
            Array(#"[{ "事项": "2026-001", "事件": "交办", "日期": "2026-01-05", "\u001b[2J\u0007": 1 }]"#.utf8))
        let result = try inbox.takeIn([path])
        #expect(result.eventsAdded == 0)
        let text = result.problems.map(\.description)
        #expect(text.count == 1)
        #expect(!text.joined().unicodeScalars.contains { $0.value < 0x20 })
        #expect(
            text.first?.contains("事件\\u{0A}\\u{1B}[2J.json:记录 1（第 1 行）:\\u{1B}[2J\\u{07}: 不是可用的字段名") == true, "\(text)")
    }
}
