import Foundation
import TestSupport
import Testing

/// PDF/A-2b copies filed beside the slips and publications in their bags.
@Suite(
    "PDF/A copies in the archive", .serialized, .tags(.libreOffice), .unlessSkippingSlow,
    .needs("soffice", "pdfinfo", "pdffonts"))
struct ArchivalCopyTests {
    /// The PDF/A copy beside a document.
    static func copy(of document: String) -> String {
        URL(fileURLWithPath: document).deletingPathExtension().appendingPathExtension("pdf").path
    }

    /// The copy declares PDF/A-2b, embeds every font, and is listed in its bag's SHA-256 manifest.
    static func expectFiled(_ document: String) throws {
        let pdf = copy(of: document)
        let bytes = String(decoding: try Data(contentsOf: URL(fileURLWithPath: pdf)), as: UTF8.self)
        #expect(bytes.contains("<pdfaid:part>2</pdfaid:part>"), "\(pdf) declares no PDF/A-2")
        #expect(bytes.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "\(pdf)")
        let fonts = try RenderedPDF(pdf).fonts()
        #expect(!fonts.isEmpty && fonts.allSatisfy(\.embedded), "\(pdf): \(fonts)")
        let bag = pdf.components(separatedBy: "/data/")[0]
        let relative = "data/" + pdf.components(separatedBy: "/data/").dropFirst().joined(separator: "/data/")
        let manifest = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: bag + "/manifest-sha256.txt")), as: UTF8.self)
        #expect(manifest.contains("  " + relative + "\n"), "\(relative) not in \(bag)/manifest-sha256.txt")
    }

    @Test("a clerk's command files a copy beside each slip; a re-run changes no byte; --no-pdfa files none")
    func clerkCommands() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.ducha(["intake"] + Workspace.examples).status == 0)
        let notice = try workspace.ducha(["notice", "2026-001", "2026-002"], archivalCopies: true)
        #expect(notice.status == 0, "\(notice.output)")
        #expect(notice.stdout.contains("PDF/A 归档件 2 份"), "\(notice.stdout)")
        let slips = try workspace.documents()
        #expect(slips.count == 2)
        for slip in slips { try Self.expectFiled(slip) }
        let once = try workspace.snapshot()
        let again = try workspace.ducha(["notice", "2026-001", "2026-002"], archivalCopies: true)
        #expect(again.status == 0 && !again.stdout.contains("PDF/A"), "\(again.output)")
        #expect(try workspace.snapshot() == once, "a re-run changed the archive")
        let without = try workspace.ducha(["notice", "2026-004", "--no-pdfa"], archivalCopies: true)
        #expect(without.status == 0, "\(without.output)")
        #expect(
            try workspace.documents().filter { FileManager.default.fileExists(atPath: Self.copy(of: $0)) }.count == 2)
        let verify = try workspace.ducha(["verify", "--archive", workspace.archive], archiveOptions: false)
        #expect(verify.status == 0, "\(verify.stdout)")
        if let bagit = TestEnvironment.bagit {
            for bag in try workspace.bags() {
                let result = try run(bagit, ["--validate", "--quiet", bag])
                #expect(result.status == 0, "\(bag): \(result.stderr)")
            }
        }
    }

    @Test("the batch files none by default, and every slip's and the bulletin's copy with --pdfa")
    func batch() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let plain = try workspace.ducha(
            ["batch", "--as-of", "2026-03-31", "--quiet"] + Workspace.quarter, archivalCopies: true)
        #expect(plain.status == 0, "\(plain.output)")
        #expect(try workspace.documents().allSatisfy { !FileManager.default.fileExists(atPath: Self.copy(of: $0)) })
        let other = try Workspace()
        defer { other.remove() }
        let copies = try other.ducha(
            ["batch", "--as-of", "2026-03-31", "--quiet", "--pdfa"] + Workspace.quarter, archivalCopies: true)
        #expect(copies.status == 0, "\(copies.output)")
        let documents = try other.documents()
        #expect(documents.count == 43)  // 42 slips and the bulletin
        #expect(documents.allSatisfy { FileManager.default.fileExists(atPath: Self.copy(of: $0)) })
        try Self.expectFiled(try #require(documents.first { $0.contains("/bulletins/") }))
        try Self.expectFiled(try #require(documents.first { $0.contains("督查催办单") }))
    }

    @Test("ducha dossier files the copies still missing and takes each 件's page count from its copy")
    func dossier() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.ducha(["intake"] + Workspace.examples).status == 0)
        #expect(try workspace.ducha(["notice", "2026-003"]).status == 0)  // a two-page 通知单, no copy yet
        let slip = try #require(try workspace.documents().first)
        #expect(!FileManager.default.fileExists(atPath: Self.copy(of: slip)))
        let dossier = try workspace.ducha(["dossier", "2026"])
        #expect(dossier.status == 0, "\(dossier.output)")
        try Self.expectFiled(slip)
        let pages = try RenderedPDF(Self.copy(of: slip)).pages
        #expect(pages == 2)
        let catalogue = try #require(
            try workspace.documents(".xml").first { $0.contains("/dossier/") && $0.hasSuffix("归档文件目录.xml") })
        let xml = String(decoding: try Data(contentsOf: URL(fileURLWithPath: catalogue)), as: UTF8.self)
        let entry = try #require(xml.components(separatedBy: "西督通〔2026〕1号").dropFirst().first, "\(catalogue)")
        #expect(entry.contains("<页数>\(pages)</页数>"), "\(entry.prefix(400))")
        let once = try workspace.snapshot()
        #expect(try workspace.ducha(["dossier", "2026"]).status == 0)
        #expect(try workspace.snapshot() == once, "a second dossier run changed the archive")
    }

    @Test(
        "a run killed while filing copies is finished by the next: bags valid, every copy filed, then no byte changes")
    func killed() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.ducha(["intake"] + Workspace.examples).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.ducha)
        process.arguments = [
            "notice", "--all", "--pdfa", "--archive", workspace.archive, "--templates", Workspace.templates,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Killed once the slips are written and LibreOffice is at work on their copies.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, (try? workspace.documents().count) ?? 0 < 29 { usleep(100_000) }
        usleep(1_500_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let rerun = try workspace.ducha(["notice", "--all"], archivalCopies: true)
        #expect(rerun.status == 0, "\(rerun.output)")
        let verify = try workspace.ducha(["verify", "--archive", workspace.archive], archiveOptions: false)
        #expect(verify.status == 0, "\(verify.stdout)")
        let slips = try workspace.documents()
        #expect(slips.count == 29)
        for slip in slips { #expect(FileManager.default.fileExists(atPath: Self.copy(of: slip)), "\(slip)") }
        let once = try workspace.snapshot()
        #expect(try workspace.ducha(["notice", "--all"], archivalCopies: true).status == 0)
        #expect(try workspace.snapshot() == once)
    }
}
