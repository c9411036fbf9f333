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

    @Test("one worker per core by default, each document converted once, workers recycled after N documents")
    func recycles() throws {
        let folder = try TestEnvironment.temporaryDirectory("ducha-pool")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Self.documents((1...6).map { "文档\($0)" }, in: folder)
        #expect(OfficePool.Settings(fontAliases: nil).workers == ProcessInfo.processInfo.activeProcessorCount)
        let pool = try OfficePool(.init(workers: 2, documentsPerProcess: 2, fontAliases: nil))
        let results = pool.convert(files, kind: .print, into: folder.appendingPathComponent("pdf").path)
        #expect(results.count == 6)
        for (file, result) in zip(files, results) {
            let pdf = try result.get()
            #expect(
                URL(fileURLWithPath: pdf).deletingPathExtension().lastPathComponent
                    == URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
            #expect(try RenderedPDF(pdf).pages >= 1)
        }
        // 6 documents on 2 workers, at most 2 per process: 3 processes.
        #expect(pool.done == OfficePool.Counters(starts: 3, kills: 0))
    }

    @Test("a document that hangs its worker is reported, the worker killed and restarted, the rest converted")
    func hungWorker() throws {
        let soffice = try #require(TestEnvironment.soffice, "LibreOffice is required in CI")
        let folder = try TestEnvironment.temporaryDirectory("ducha-pool-hang")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Self.documents(["甲", "乙", "挂起", "丙", "丁"], in: folder)
        // LibreOffice itself, except that on the document named 挂起 it stops, as a hung LibreOffice does: no
        // output, no exit (a real hang cannot be produced on demand).
        let wrapper = folder.appendingPathComponent("soffice-hangs").path
        let script = """
            #!/bin/bash
            options=(); files=()
            for a in "$@"; do case "$a" in *.fodt) files+=("$a");; *) options+=("$a");; esac; done
            before=()
            for f in "${files[@]}"; do
                if [[ "$f" == *挂起* ]]; then
                    if [ ${#before[@]} -gt 0 ]; then "\(soffice)" "${options[@]}" "${before[@]}"; fi
                    echo "convert $f -> (hangs)"
                    exec sleep 600
                fi
                before+=("$f")
            done
            exec "\(soffice)" "$@"
            """
        try Data(script.utf8).write(to: URL(fileURLWithPath: wrapper))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper)
        let pool = try OfficePool(.init(workers: 1, timeout: 8, fontAliases: nil, soffice: wrapper))
        let results = pool.convert(files, kind: .print, into: folder.appendingPathComponent("pdf").path)
        for (index, result) in results.enumerated() where index != 2 {
            #expect(try RenderedPDF(try result.get()).pages >= 1, "\(files[index])")
        }
        guard case .failure(let failure) = results[2] else {
            Issue.record("the hung document was not reported")
            return
        }
        #expect(failure.document == files[2])
        #expect(failure.message.contains("超过 8 秒"), "\(failure.message)")
        #expect(pool.done == OfficePool.Counters(starts: 2, kills: 1))
        let sleeping = try TestEnvironment.run("pgrep", ["-f", "sleep 600"]).stdout
        #expect(sleeping.isEmpty, "the hung worker was left running: \(sleeping)")
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
