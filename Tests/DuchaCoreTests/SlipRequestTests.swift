import DuchaCore
import Foundation
import Matters
import TestSupport
import Testing

@Suite("remind, return and transfer issue their slips")
struct SlipRequestTests {
    /// The slips of one transfer, one return and one reminder, after the example batch.
    struct Issued {
        var transfer: IssuedSlip
        var returned: IssuedSlip
        var reminder: IssuedSlip
        var all: [IssuedSlip] { [transfer, returned, reminder] }
    }

    /// An archive after the example batch, plus one slip of each request.
    func issueAll() throws -> (TestArchive, Issued) {
        let archive = try TestArchive()
        let setup = try archive.batch()
        #expect(setup.problems.isEmpty, "\(setup.problems)")
        let (transfer, returned, reminder) = try archive.write { office in
            (
                try office.transfer(
                    "2026-023", date: try CivilDate.on("2026-02-09"), mode: .forAction,
                    feedbackBy: try CivilDate.on("2026-04-15"), opinion: "请区发展改革委研究提出落实意见。"),
                try office.returnReport(
                    "2026-006", date: try CivilDate.on("2026-04-01"), reasons: ["事实不清", "数字不准确"],
                    other: "供暖温度检测数据缺少第三方报告。", resubmitBy: try CivilDate.on("2026-04-10")),
                try office.remind("2026-001", date: try CivilDate.on("2026-04-10"))
            )
        }
        let issued = Issued(
            transfer: try #require(transfer.slip, "\(transfer)"), returned: try #require(returned.slip, "\(returned)"),
            reminder: try #require(reminder.slip, "\(reminder)"))
        return (archive, issued)
    }

    @Test("each request records its event and files a numbered, strictly valid slip")
    func slips() throws {
        let (archive, issued) = try issueAll()
        defer { archive.remove() }
        for (slip, form, prefix) in [
            (issued.transfer, Form.transfer, "西督转"), (issued.returned, .returnSlip, "西督退"),
            (issued.reminder, .reminder, "西督催"),
        ] {
            #expect(slip.form == form && slip.number.prefix == prefix && slip.number.year == 2026, "\(slip)")
            #expect(slip.number.description.hasPrefix("\(prefix)〔2026〕"))
        }
        #expect(issued.all.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
        if TestEnvironment.shouldRun(needing: "check-odt") {
            let failures = try TestEnvironment.checkODTFailures(issued.all.map(\.path))
            #expect(failures == nil, "\(failures ?? "")")
        }
        let row = try #require(try archive.ledger(on: "2026-04-10")["2026-001"])
        #expect(
            row.reminders == 2 && row.returns == 0 && row.lateReports == 0 && row.extensions == 0,
            "2026-001 催办 should be 2: \(row)")
    }

    @Test("a reminder for a matter not yet overdue is refused with the reason, and nothing is written")
    func refusedReminder() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        try archive.batch()
        let before = try archive.snapshot()
        let day = try CivilDate.on("2026-04-01")
        let refusal = #expect(throws: LifecycleRefusal.self) {
            try archive.write { try $0.remind("2026-031", date: day) }
        }
        #expect(refusal?.matter == "2026-031" && refusal?.event == .reminder)
        #expect(refusal?.reason == "尚未逾期（办理时限 2026-04-17），无需催办")
        #expect(try archive.snapshot() == before)
    }

    @Test(
        "LibreOffice converts each slip, and the PDF shows its values",
        .tags(.libreOffice), .unlessSkippingSlow,
        .enabled(if: TestEnvironment.shouldRun(needing: "soffice", "pdftotext"), "LibreOffice or pdftotext missing"))
    func pdfs() throws {
        let soffice = try #require(TestEnvironment.which("soffice"), "LibreOffice is required in CI")
        let pdftotext = try #require(TestEnvironment.which("pdftotext"), "pdftotext is required in CI")
        let (archive, issued) = try issueAll()
        defer { archive.remove() }
        let out = archive.path("pdf")
        let profile = archive.directory.appendingPathComponent("lo-profile").absoluteString
        let files = issued.all.map(\.path)
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
        for value in ["督查退办单", "退办次数第1次", "事实不清", "数字不准确", "供暖温度检测数据缺少第三方报告。", "2026年4月10日", "区城市管理委"] {
            #expect(returned.contains(value), "退办单 lacks \(value)")
        }
        let reminded = try text(files[2])
        for value in ["督查催办单", "催办次数第2次", "2026年2月27日", "42天", "什刹海街道"] {
            #expect(reminded.contains(value), "催办单 lacks \(value)")
        }
    }
}

extension Recorded {
    /// The slip the event called for, when it was newly recorded.
    var slip: IssuedSlip? {
        guard case .added(_, let slip) = self else { return nil }
        return slip
    }
}
