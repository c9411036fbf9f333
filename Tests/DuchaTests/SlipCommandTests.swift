import Foundation
import TestSupport
import Testing

@Suite("remind, return and transfer issue their slips")
struct SlipCommandTests {
    /// A workspace after the example batch, plus one slip of each command.
    func issueAll() throws -> (Workspace, [String: CommandResult]) {
        let workspace = try Workspace()
        let setup = try workspace.ducha(["batch", "--as-of", "2026-03-31", "--quiet"] + ScenarioTests.inputs)
        #expect(setup.status == 0, "\(setup.stderr)")
        var results: [String: CommandResult] = [:]
        results["transfer"] = try workspace.ducha([
            "transfer", "2026-023", "--mode", "研办", "--feedback-by", "2026-04-15", "--date", "2026-02-09", "--opinion",
            "请区发展改革委研究提出落实意见。",
        ])
        results["return"] = try workspace.ducha([
            "return", "2026-006", "--reason", "事实不清", "--reason", "数字不准确", "--other", "供暖温度检测数据缺少第三方报告。",
            "--resubmit-by", "2026-04-10", "--date", "2026-04-01",
        ])
        results["remind"] = try workspace.ducha(["remind", "2026-001", "--date", "2026-04-10"])
        return (workspace, results)
    }

    func slip(_ result: CommandResult?) -> String? {
        result?.stdout.split(separator: "：").last.map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    @Test("each command records its event and files a numbered, strictly valid slip")
    func slips() throws {
        let (workspace, results) = try issueAll()
        defer { workspace.remove() }
        for (command, result) in results { #expect(result.status == 0, "\(command): \(result.stderr)") }
        #expect(results["transfer"]?.stdout.contains("《领导批示转阅（办）单》西督转〔2026〕") == true)
        #expect(results["return"]?.stdout.contains("《督查退办单》西督退〔2026〕") == true)
        #expect(results["remind"]?.stdout.contains("《督查催办单》西督催〔2026〕") == true)
        let files = results.values.compactMap(slip)
        #expect(files.count == 3 && files.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        if TestEnvironment.shouldRun(needing: "check-odt") {
            let failures = try checkODTFailures(files)
            #expect(failures == nil, "\(failures ?? "")")
        }
        let ledger = try workspace.ducha(["status", "--as-of", "2026-04-10", "--format", "csv"]).stdout
        let row = try #require(ledger.split(separator: "\r\n").first { $0.hasPrefix("2026-001,") })
        #expect(row.hasSuffix(",2,0,0,0"), "2026-001 催办 should be 2: \(row)")
    }

    @Test("a reminder for a matter not yet overdue is refused with the reason, and nothing is written")
    func refusedReminder() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        _ = try workspace.ducha(["batch", "--as-of", "2026-03-31", "--quiet"] + ScenarioTests.inputs)
        let before = try workspace.snapshot()
        let result = try workspace.ducha(["remind", "2026-031", "--date", "2026-04-01"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("尚未逾期（办理时限 2026-04-17），无需催办"))
        #expect(try workspace.snapshot() == before)
    }

    @Test(
        "LibreOffice converts each slip, and the PDF shows its values",
        .enabled(if: TestEnvironment.shouldRun(needing: "soffice", "pdftotext"), "LibreOffice or pdftotext missing"))
    func pdfs() throws {
        let soffice = try #require(TestEnvironment.which("soffice"), "LibreOffice is required in CI")
        let pdftotext = try #require(TestEnvironment.which("pdftotext"), "pdftotext is required in CI")
        let (workspace, results) = try issueAll()
        defer { workspace.remove() }
        let out = workspace.directory.appendingPathComponent("pdf").path
        let profile = workspace.directory.appendingPathComponent("lo-profile").absoluteString
        let files = ["transfer", "return", "remind"].compactMap { slip(results[$0]) }
        let conversion = try run(
            soffice, ["-env:UserInstallation=\(profile)", "--headless", "--convert-to", "pdf", "--outdir", out] + files)
        #expect(conversion.status == 0, "\(conversion.stderr)")
        func text(_ file: String) throws -> String {
            let pdf = out + "/" + URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".pdf"
            return try run(pdftotext, ["-enc", "UTF-8", pdf, "-"]).stdout.filter { !$0.isWhitespace }
        }
        let transfer = try text(files[0])
        for value in ["领导批示转阅（办）单", "研办", "2026年4月15日", "请区发展改革委研究提出落实意见。", "区发展改革委"] {
            #expect(transfer.contains(value), "转阅单 lacks \(value)")
        }
        let returned = try text(files[1])
        for value in ["督查退办单", "第1次退办", "事实不清", "数字不准确", "供暖温度检测数据缺少第三方报告。", "2026年4月10日", "区城市管理委"] {
            #expect(returned.contains(value), "退办单 lacks \(value)")
        }
        let reminded = try text(files[2])
        for value in ["督查催办单", "第2次催办", "2026年2月27日", "42天", "什刹海街道"] {
            #expect(reminded.contains(value), "催办单 lacks \(value)")
        }
    }
}
