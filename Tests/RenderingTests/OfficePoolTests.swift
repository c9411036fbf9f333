import Foundation
import Rendering
import TestSupport
import Testing

/// The pool of LibreOffice workers converting real documents.
@Suite(
    "The pool of LibreOffice workers", .serialized, .tags(.libreOffice), .unlessSkippingSlow,
    .needs("soffice", "pdfinfo"))
struct OfficePoolTests {
    /// `count` small flat documents, each with its own line of text, in `folder`.
    static func documents(_ names: [String], in folder: URL) throws -> [String] {
        let template = String(
            decoding: try TestEnvironment.fixture("minimal.fodt", in: "ODFTests"), as: UTF8.self)
        return try names.map { name in
            let path = folder.appendingPathComponent("\(name).fodt")
            try Data(template.utf8).write(to: path)
            return path.path
        }
    }

    @Test("one worker per core by default, each document converted once, every worker used")
    func converts() throws {
        let folder = try TestEnvironment.temporaryDirectory("ducha-pool")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Self.documents((1...6).map { "文档\($0)" }, in: folder)
        #expect(OfficePool.Settings(fontAliases: nil).workers == ProcessInfo.processInfo.activeProcessorCount)
        let pool = try OfficePool(.init(workers: 2, fontAliases: nil))
        let results = pool.convert(files, kind: .print, into: folder.appendingPathComponent("pdf").path)
        #expect(results.count == 6)
        for (file, result) in zip(files, results) {
            let pdf = try result.get()
            #expect(
                URL(fileURLWithPath: pdf).deletingPathExtension().lastPathComponent
                    == URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
            #expect(try RenderedPDF(pdf).pages >= 1)
        }
        // Each worker takes its first documents before its server is up: both servers ran, and still run.
        #expect(pool.done == OfficePool.Counters(starts: 2, kills: 0))
        let servers = pool.servers
        #expect(servers.count == 2, "\(servers)")
        pool.stop()
        for pid in servers { #expect(TestEnvironment.processState(pid) == nil, "server \(pid) still runs") }
        #expect(pool.servers.isEmpty)
    }

    @Test("a server is replaced by a fresh one after N documents")
    func recycles() throws {
        let folder = try TestEnvironment.temporaryDirectory("ducha-pool-recycle")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Self.documents((1...5).map { "文档\($0)" }, in: folder)
        let pool = try OfficePool(.init(workers: 1, documentsPerProcess: 2, fontAliases: nil))
        let results = pool.convert(files, kind: .print, into: folder.appendingPathComponent("pdf").path)
        for result in results { #expect(try RenderedPDF(try result.get()).pages >= 1) }
        // 5 documents, at most 2 per server: 3 servers.
        #expect(pool.done == OfficePool.Counters(starts: 3, kills: 0))
    }

    @Test(
        "the servers stay up between conversions and make print and archival copies alike; a missing file is reported")
    func persistent() throws {
        let folder = try TestEnvironment.temporaryDirectory("ducha-pool-again")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Self.documents(["第一", "第二", "第三"], in: folder)
        let pool = try OfficePool(.init(workers: 1, fontAliases: nil))
        let first = pool.convert(Array(files.prefix(2)), kind: .print, into: folder.appendingPathComponent("a").path)
        for result in first { #expect(try RenderedPDF(try result.get()).pages >= 1) }
        let servers = pool.servers
        #expect(servers.count == 1 && pool.done == OfficePool.Counters(starts: 1, kills: 0))
        let missing = folder.appendingPathComponent("不存在.fodt").path
        let second = pool.convert([files[2], missing], kind: .archival, into: folder.appendingPathComponent("b").path)
        try Self.expectPDFA(try second[0].get())
        guard case .failure(let failure) = second[1] else {
            Issue.record("a missing file was not reported")
            return
        }
        #expect(failure.document == missing && failure.message.contains("不存在"), "\(failure)")
        // The same server did both.
        #expect(pool.servers == servers && pool.done == OfficePool.Counters(starts: 1, kills: 0))
        let print = try String(contentsOfFile: try first[0].get(), encoding: .isoLatin1)
        #expect(!print.contains("pdfaid:part"), "a print copy declares PDF/A")
    }

    @Test("a server unused for the idle timeout is stopped, and started again for the next document")
    func idleServers() throws {
        let folder = try TestEnvironment.temporaryDirectory("ducha-pool-idle")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Self.documents(["先", "后"], in: folder)
        let pool = try OfficePool(.init(workers: 1, idleTimeout: 1, fontAliases: nil))
        _ = try pool.convert([files[0]], kind: .print, into: folder.path)[0].get()
        let servers = pool.servers
        #expect(servers.count == 1)
        let converted = Date()
        while !pool.servers.isEmpty || servers.contains(where: { TestEnvironment.processState($0) != nil }),
            Date().timeIntervalSince(converted) < 30
        {
            usleep(100_000)
        }
        #expect(pool.servers.isEmpty, "the idle server was not stopped")
        for pid in servers { #expect(TestEnvironment.processState(pid) == nil, "server \(pid) still runs") }
        _ = try pool.convert([files[1]], kind: .print, into: folder.path)[0].get()
        #expect(pool.done == OfficePool.Counters(starts: 2, kills: 0))
    }

    @Test("a document that hangs its worker is reported, the worker killed and restarted, the rest converted")
    func hungWorker() throws {
        let soffice = try #require(TestEnvironment.soffice, "LibreOffice is required in CI")
        let folder = try TestEnvironment.temporaryDirectory("ducha-pool-hang")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Self.documents(["甲", "乙", "挂起", "丙", "丁"], in: folder)
        // LibreOffice itself, except that a request naming the document 挂起 converts what comes before it, then
        // stops the server (SIGSTOP) and hands it the rest: the server hangs on 挂起 as a hung LibreOffice does
        // (no output, no exit; a real hang cannot be produced on demand). The servers run the soffice.bin beside
        // the command: a link to LibreOffice's own.
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let server = try #require(
            [URL(fileURLWithPath: soffice).resolvingSymlinksInPath().deletingLastPathComponent()].map {
                $0.appendingPathComponent("soffice.bin").path
            }.first { FileManager.default.isExecutableFile(atPath: $0) })
        try FileManager.default.createSymbolicLink(
            atPath: bin.appendingPathComponent("soffice.bin").path, withDestinationPath: server)
        let wrapper = bin.appendingPathComponent("soffice").path
        let stopped = folder.appendingPathComponent("stopped").path
        let script = """
            #!/bin/bash
            options=(); files=(); profile=""
            for a in "$@"; do
                case "$a" in
                    -env:UserInstallation=*) profile="$a"; options+=("$a");;
                    *.fodt) files+=("$a");;
                    *) options+=("$a");;
                esac
            done
            before=()
            for i in "${!files[@]}"; do
                if [[ "${files[$i]}" == *挂起* ]]; then
                    if [ ${#before[@]} -gt 0 ]; then "\(soffice)" "${options[@]}" "${before[@]}"; fi
                    server=$(pgrep -f -- "soffice.bin $profile --headless --norestore --nolockcheck /")
                    echo "$server $profile" > "\(stopped)"
                    kill -STOP $server
                    # Should the pool never notice, the server goes on after 90 s: the test then fails (the
                    # document converted, no kill counted) instead of waiting for ever.
                    (sleep 90; kill -CONT $server 2>/dev/null) >/dev/null 2>&1 < /dev/null &
                    exec "\(soffice)" "${options[@]}" "${files[@]:$i}"
                fi
                before+=("${files[$i]}")
            done
            exec "\(soffice)" "$@"
            """
        try Data(script.utf8).write(to: URL(fileURLWithPath: wrapper))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper)
        var pool: OfficePool? = try OfficePool(.init(workers: 1, timeout: 8, fontAliases: nil, soffice: wrapper))
        let results = try #require(pool).convert(files, kind: .print, into: folder.appendingPathComponent("pdf").path)
        for (index, result) in results.enumerated() where index != 2 {
            #expect(try RenderedPDF(try result.get()).pages >= 1, "\(files[index])")
        }
        guard case .failure(let failure) = results[2] else {
            Issue.record("the hung document was not reported")
            return
        }
        #expect(failure.document == files[2])
        #expect(failure.message.contains("超过 8 秒"), "\(failure.message)")
        #expect(pool?.done == OfficePool.Counters(starts: 2, kills: 1))
        // The stopped server is gone, and with the pool every process of its profile.
        let record = try String(contentsOfFile: stopped, encoding: .utf8).split(separator: " ")
        let hung = try #require(record.first.flatMap { Int32($0) }, "the wrapper stopped no server: \(record)")
        let profile = String(try #require(record.last)).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(TestEnvironment.processState(hung) == nil, "the hung server \(hung) was left running")
        pool = nil
        let left = TestEnvironment.processes(withArgumentContaining: profile)
        #expect(left.isEmpty, "processes of the pool's profile left running: \(left)")
    }

    @Test("an archival copy declares PDF/A-2b in its XMP metadata and embeds every font")
    func archival() throws {
        let folder = try TestEnvironment.temporaryDirectory("ducha-pool-pdfa")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Self.documents(["归档"], in: folder)
        let pool = try OfficePool(.init(workers: 1, fontAliases: nil))
        let pdf = try #require(try pool.convert(files, kind: .archival, into: folder.path).first?.get())
        try Self.expectPDFA(pdf)
    }

    /// The PDF declares PDF/A-2b (`pdfaid:part` 2, `pdfaid:conformance` B) and embeds all its fonts.
    static func expectPDFA(_ pdf: String) throws {
        let bytes = String(decoding: try Data(contentsOf: URL(fileURLWithPath: pdf)), as: UTF8.self)
        #expect(bytes.contains("<pdfaid:part>2</pdfaid:part>"), "\(pdf) declares no PDF/A-2")
        #expect(bytes.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "\(pdf) declares no conformance B")
        let fonts = try RenderedPDF(pdf).fonts()
        #expect(!fonts.isEmpty && fonts.allSatisfy(\.embedded), "\(pdf): \(fonts)")
    }
}
