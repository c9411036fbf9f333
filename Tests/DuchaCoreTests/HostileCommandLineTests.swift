import Foundation
import TestSupport
import Testing

/// The `ducha` binary against hostile inputs: memory that does not follow the input, messages a terminal
/// shows without obeying them, and one option set every command takes.
@Suite("ducha on hostile files: bounded memory, escaped output, one option set")
struct HostileCommandLineTests {
    static let templates = TestEnvironment.packageRoot.appendingPathComponent("Templates").path

    /// Runs `ducha` in `directory` under a Python parent that reports the child's peak resident memory, so that
    /// nothing else this test process runs is counted.
    static func measured(_ arguments: [String], in directory: URL) throws -> (result: CommandResult, peakMiB: Int) {
        let script = """
            import resource, subprocess, sys
            p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            sys.stdout.write("%d %d\\n" % (p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
            sys.stdout.write(p.stderr.decode("utf-8", "replace"))
            """
        let output = try run("python3", ["-c", script, TestEnvironment.ducha] + arguments, in: directory)
        let head = output.stdout.prefix { $0 != "\n" }.split(separator: " ")
        let status = Int32(head.first ?? "") ?? -1
        let kib = Int(head.last ?? "") ?? .max
        let stderr = String(output.stdout.drop { $0 != "\n" }.dropFirst())
        return (CommandResult(status: status, stdout: "", stderr: stderr), kib / 1024)
    }

    @Test("A 1 GiB sparse attachment is refused at once, without holding its bytes")
    func sparseAttachment() throws {
        let directory = try TestEnvironment.temporaryDirectory("ducha-cli-hostile")
        defer { try? FileManager.default.removeItem(at: directory) }
        let big = directory.appendingPathComponent("big.pdf").path
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, 1 << 30) == 0)
        let events = directory.appendingPathComponent("事件.json")
        try Data(
            #"[{ "事项": "2026-001", "事件": "签收", "日期": "2026-01-06", "签收人": "某人", "附件": ["big.pdf"] }]"#.utf8
        ).write(to: events)
        let (result, peak) = try Self.measured(
            [
                "intake", events.path, "--archive", directory.appendingPathComponent("Archive").path, "--templates",
                Self.templates,
            ],
            in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("附件“big.pdf”有 1024.0 MiB，超过 100 MiB"), "\(result.stderr)")
        #expect(peak < 150, "peak \(peak) MiB")
    }

    @Test("A file of 200,000 {} costs a count, not memory or screens: 100 messages, then the rest counted")
    func manyEmptyRecords() throws {
        let directory = try TestEnvironment.temporaryDirectory("ducha-cli-hostile")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("空.json")
        try Data(("[" + Array(repeating: "{}", count: 200_000).joined(separator: ",") + "]").utf8).write(to: file)
        let (result, peak) = try Self.measured(
            [
                "intake", file.path, "--archive", directory.appendingPathComponent("Archive").path, "--templates",
                Self.templates,
            ],
            in: directory)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count <= 103, "\(lines.count) lines")
        #expect(lines.contains { $0.contains("处错误未列出（每个文件最多列出 100 条）") })
        #expect(lines.last?.hasPrefix("共列出 101 处错误，另有 ") == true, "\(lines.last ?? "")")
        #expect(peak < 150, "peak \(peak) MiB")
    }

    @Test("A large record file is read as a stream: its peak does not follow its size")
    func largeRecordFile() throws {
        let directory = try TestEnvironment.temporaryDirectory("ducha-cli-hostile")
        defer { try? FileManager.default.removeItem(at: directory) }
        // 40 MB of well-formed records, the last of which is wrong, so that the run reads and checks them all and
        // archives nothing (a file with an error contributes nothing).
        var text = "["
        let body =
            #"{"编号": "M-%d", "事项名称": "压测事项", "事项类型": "重点任务", "事项来源": "其他", "立项依据": "测试", "主责单位": {"名称": "区某局"}, "办理要求": ["PAD"], "立项日期": "2026-01-05", "办理时限": "2026-03-05", "督查员": {"姓名": "某人"}}"#
            .replacingOccurrences(of: "PAD", with: String(repeating: "按时报送，", count: 120))
        for n in 0..<20_000 { text += body.replacingOccurrences(of: "%d", with: String(n)) + ",\n" }
        text += "{\"编号\": \"M-bad\"}]"
        let file = directory.appendingPathComponent("大.json")
        try Data(text.utf8).write(to: file)
        let (result, peak) = try Self.measured(
            [
                "intake", file.path, "--archive", directory.appendingPathComponent("Archive").path, "--templates",
                Self.templates,
            ],
            in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("M-bad"))
        #expect(peak < 80, "peak \(peak) MiB for a \(text.utf8.count >> 20) MiB file")
    }

    @Test("An 编号 with ESC[2J and BEL does not reach the terminal raw")
    func escapedOnTheTerminal() throws {
        let directory = try TestEnvironment.temporaryDirectory("ducha-cli-hostile")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("a.json")
        try Data(#"[{"编号": "2026-\u001b[2J\u0007", "事项名称": "x"}, {"编号": "2026\n002"}]"#.utf8).write(to: file)
        let result = try run(
            TestEnvironment.ducha,
            [
                "intake", file.path, "--archive", directory.appendingPathComponent("Archive").path, "--templates",
                Self.templates,
            ],
            in: directory)
        #expect(result.status == 1)
        #expect(!result.stderr.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" })
        #expect(result.stderr.contains("记录 1（2026-\\u{1B}[2J\\u{07}，第 1 行）"))
        // Every message is one line: the id's newline does not split it.
        #expect(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix(file.path) || $0.hasPrefix("共 ") })
    }

    @Test("Every command takes --archive, --templates and --wait")
    func sameOptionsEverywhere() throws {
        let directory = try TestEnvironment.temporaryDirectory("ducha-cli-hostile")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data.json")
        try Data(#"{"事项名称": "x"}"#.utf8).write(to: data)
        let template = Self.templates + "/督查通知单.fodt"
        let commands: [[String]] = [
            ["intake", data.path], ["notice", "--all"], ["transfer", "2026-001"], ["remind", "2026-001"],
            ["return", "2026-001", "--reason", "数字不准确", "--resubmit-by", "2026-03-01"], ["status"],
            ["batch", "--as-of", "2026-03-31"], ["bulletin", "2026Q1"], ["assess", "2026", "--as-of", "2026-03-31"],
            ["verify"], ["template", "check", template], ["template", "ledger", "-o", directory.path + "/台账.xlsx"],
            ["fill", template, data.path, "-o", directory.path + "/out.odt"], ["bench", "--count", "1", "--runs", "1"],
            ["fonts"], ["print", "2026-001", "-o", directory.path + "/pdf"],
        ]
        let options = [
            "--archive", directory.appendingPathComponent("Archive").path, "--templates", Self.templates, "--wait",
        ]
        for command in commands {
            let result = try run(TestEnvironment.ducha, command + options, in: directory)
            #expect(!result.stderr.contains("Unknown option"), "\(command): \(result.stderr)")
        }
    }
}
