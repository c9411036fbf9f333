import Foundation
import TestSupport
import Testing

@Suite("The main job on the shipped examples")
struct MainJobTests {
    @Test("intake and notice --all fill the archive; every slip is numbered once")
    func mainJob() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let (intake, notice) = try workspace.mainJob()
        #expect(intake.status == 0, "\(intake.stderr)")
        #expect(notice.status == 0, "\(notice.stderr)")
        let bags = try workspace.bags()
        #expect(bags.count >= 30)
        let documents = try workspace.documents()
        // Every 督办 matter has its notice; 转阅 matters have none.
        let transfers = try bags.filter {
            String(decoding: try Data(contentsOf: URL(fileURLWithPath: $0 + "/data/matter.xml")), as: UTF8.self)
                .contains("<办理方式>转阅</办理方式>")
        }
        #expect(transfers.count >= 3)
        #expect(documents.count == bags.count - transfers.count)
        for bag in bags {
            for folder in ["交办", "预案", "进展", "督查", "办结"] {
                var isDirectory: ObjCBool = false
                #expect(FileManager.default.fileExists(atPath: "\(bag)/data/\(folder)", isDirectory: &isDirectory))
            }
        }
        // Numbers 1…N, each once.
        let registry = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: workspace.archive + "/2026/registry.xml")),
            as: UTF8.self)
        let serials = registry.components(separatedBy: "序号=\"").dropFirst().compactMap { Int($0.prefix { $0 != "\"" }) }
        #expect(serials.sorted() == Array(1...documents.count))
    }

    @Test(
        "every slip is strictly valid ODF 1.3",
        .tags(.slow), .unlessSkippingSlow,
        .enabled(if: TestEnvironment.shouldRun(needing: "check-odt"), "check-odt, xmllint or the ODF schema missing"))
    func strictODF() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        _ = try workspace.mainJob()
        let failures = try TestEnvironment.checkODTFailures(try workspace.documents())
        #expect(failures == nil, "\(failures ?? "")")
    }

    @Test(
        "every matter folder is a valid BagIt bag (bagit.py --validate)",
        .tags(.slow), .unlessSkippingSlow,
        .enabled(if: TestEnvironment.shouldRun(needing: "bagit.py"), "bagit.py missing (pip install bagit)"))
    func bagsValidate() throws {
        let bagit = try #require(TestEnvironment.which("bagit.py"), "bagit.py is required in CI")
        let workspace = try Workspace()
        defer { workspace.remove() }
        _ = try workspace.mainJob()
        for bag in try workspace.bags() {
            let result = try run(bagit, ["--validate", "--quiet", bag])
            #expect(result.status == 0, "\(bag): \(result.stderr)")
        }
    }

    @Test("the same input gives identical bytes: in a fresh archive, and when run again on the same archive")
    func reproducible() throws {
        let first = try Workspace()
        let second = try Workspace()
        defer {
            first.remove()
            second.remove()
        }
        _ = try first.mainJob()
        let once = try first.snapshot()
        #expect(once.count > 60)
        let (intake, notice) = try first.mainJob()
        #expect(intake.status == 0 && notice.status == 0)
        #expect(intake.stdout.contains("新归档 0 个事项"))
        #expect(try first.snapshot() == once, "running again changed the archive")
        _ = try second.mainJob()
        #expect(try second.snapshot() == once, "a fresh archive differs")
    }

    @Test(
        "a slip converted to PDF by LibreOffice shows the matter, its units and the deadline",
        .tags(.libreOffice), .unlessSkippingSlow,
        .enabled(if: TestEnvironment.shouldRun(needing: "soffice", "pdftotext"), "LibreOffice or pdftotext missing"))
    func pdfText() throws {
        let pdftotext = try #require(TestEnvironment.which("pdftotext"), "pdftotext (poppler-utils) is required in CI")
        _ = try #require(TestEnvironment.which("soffice"), "LibreOffice (soffice) is required in CI")
        let workspace = try Workspace()
        defer { workspace.remove() }
        _ = try workspace.mainJob()
        // The matter with the most co-units.
        var best: (id: String, count: Int, xml: String) = ("", -1, "")
        for bag in try workspace.bags() {
            let xml = String(
                decoding: try Data(contentsOf: URL(fileURLWithPath: bag + "/data/matter.xml")), as: UTF8.self)
            guard !xml.contains("<办理方式>转阅</办理方式>") else { continue }
            let count = xml.components(separatedBy: "<项>").count - 1
            if count > best.count { best = (URL(fileURLWithPath: bag).lastPathComponent, count, xml) }
        }
        #expect(best.count >= 5)
        let pdfDirectory = workspace.directory.appendingPathComponent("pdf").path
        let result = try workspace.ducha(["notice", best.id, "--pdf", pdfDirectory])
        #expect(result.status == 0, "\(result.stderr)")
        let pdf = try #require(try FileManager.default.contentsOfDirectory(atPath: pdfDirectory).first)
        let text = try run(pdftotext, ["-enc", "UTF-8", pdfDirectory + "/" + pdf, "-"]).stdout
        let compact = text.filter { !$0.isWhitespace }
        func values(_ tag: String) -> [String] {
            best.xml.components(separatedBy: "<\(tag)>").dropFirst().map {
                String($0.prefix { $0 != "<" }).replacingOccurrences(of: "&amp;", with: "&")
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            }
        }
        let title = try #require(values("事项名称").first)
        #expect(compact.contains(title.filter { !$0.isWhitespace }), "事项名称 \(title) not in PDF")
        let names = values("名称")  // 主责单位 first, then every 协办单位
        #expect(names.count == best.count + 1)
        for name in names { #expect(compact.contains(name), "unit \(name) not in PDF") }
        let deadline = try #require(values("办理时限").first)
        let parts = deadline.split(separator: "-").compactMap { Int($0) }
        #expect(compact.contains("\(parts[0])年\(parts[1])月\(parts[2])日"), "办理时限 \(deadline) not in PDF")
    }
}
