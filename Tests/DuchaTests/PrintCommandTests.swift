import Foundation
import TestSupport
import Testing

@Suite(
    "ducha print and ducha bench --pdf", .serialized, .tags(.libreOffice), .unlessSkippingSlow,
    .needs("soffice", "pdfinfo"))
struct PrintCommandTests {
    @Test("print copies of every document of the matters named, and of a file; the archive is not touched")
    func printCopies() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let batch = try workspace.batch()
        #expect(batch.status == 0, "\(batch.stderr)")
        let before = try workspace.snapshot()
        let out = workspace.directory.appendingPathComponent("pdf").path
        let bulletin = try #require(try workspace.documents().first { $0.contains("/bulletins/") })
        let result = try workspace.ducha(["print", "2026-017", bulletin, "-o", out, "--workers", "2"])
        #expect(result.status == 0, "\(result.output)")
        let pdfs = result.stdout.split(separator: "\n").filter { $0.hasSuffix(".pdf") }.map(String.init)
        // 2026-017: its 通知单, 催办单 and 退办单; then the bulletin.
        #expect(pdfs.count == 4, "\(result.stdout)")
        for pdf in pdfs { #expect(try RenderedPDF(pdf).pages >= 1, "\(pdf)") }
        #expect(pdfs.last?.hasSuffix("西城政务督查-2026年第1期.pdf") == true)
        #expect(result.stdout.contains("共转换 4 份 PDF"))
        #expect(try workspace.snapshot() == before, "ducha print changed the archive")
        let unknown = try workspace.ducha(["print", "2099-404", "-o", out])
        #expect(unknown.status != 0 && unknown.stderr.contains("“2099-404”既不是文件"), "\(unknown.output)")
    }

    @Test("a ducha killed (SIGKILL) while converting leaves no LibreOffice process behind")
    func killedLeavesNoOffice() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        // The pool's profiles live under the process's TMPDIR: every LibreOffice process of this run names it.
        let temporary = workspace.directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let template = try TestEnvironment.fixture("minimal.fodt", in: "ODFTests")
        let files = try (1...100).map { n in
            let file = workspace.directory.appendingPathComponent("文档\(n).fodt")
            try Data(template).write(to: file)
            return file.path
        }
        let out = workspace.directory.appendingPathComponent("pdf")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.ducha)
        process.arguments =
            ["print"] + files + [
                "-o", out.path, "--workers", "2", "--archive", workspace.archive, "--templates", Workspace.templates,
            ]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "TMPDIR": temporary.path, "DUCHA_PDFA": "off",
        ]) {
            $1
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it once the servers convert: the first PDF is written.
        let started = Date()
        while process.isRunning, Date().timeIntervalSince(started) < 120,
            ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).isEmpty
        {
            usleep(20_000)
        }
        try #require(process.isRunning, "ducha print ended before it could be killed")
        let running = TestEnvironment.processes(withArgumentContaining: temporary.path)
        #expect(running.contains { $0.commandLine.contains("soffice.bin") }, "no LibreOffice server ran: \(running)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        var left = running
        let killed = Date()
        while !left.isEmpty, Date().timeIntervalSince(killed) < 10 {
            usleep(100_000)
            left = TestEnvironment.processes(withArgumentContaining: temporary.path)
        }
        #expect(left.isEmpty, "LibreOffice outlived ducha: \(left)")
    }

    @Test("bench --pdf converts the same notices on the pool and on one process, and prints both rates")
    func bench() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try workspace.ducha(["bench", "--pdf", "--count", "4", "--runs", "1"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("第 1 次：4 份；进程池"), "\(result.stdout)")
        #expect(result.stdout.contains("单个进程") && result.stdout.contains("倍（1 次运行）"), "\(result.stdout)")
    }
}
