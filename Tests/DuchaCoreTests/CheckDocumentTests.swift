import DuchaCore
import Foundation
import ODF
import TestSupport
import Testing

/// The 四性检测's document items on the example quarter: every ODF document validates strictly against the OASIS
/// ODF 1.3 schemas (内容数据的可读性), every PDF/A copy declares PDF/A-2b and embeds its fonts (内容数据格式), and a
/// document that breaks either fails that item and no other.
@Suite("四性检测: strict ODF 1.3 validation and PDF/A copies")
struct CheckDocumentTests {
    /// The example quarter archived.
    func archive() throws -> TestArchive {
        let archive = try TestArchive()
        #expect(try archive.batch().problems.isEmpty)
        return archive
    }

    func check(_ archive: TestArchive, schema: String = TestArchive.odfSchema) throws -> CheckReport {
        try ArchiveCheck.run(
            CheckRequest(stage: .archiving, archive: archive.archive, year: 2026, odfSchema: schema),
            date: try .on("2026-04-01"))
    }

    func evidence(_ report: CheckReport, _ item: CheckItem) -> [String] {
        report.outcomes.first { $0.item == item }?.evidence ?? []
    }

    func failures(_ report: CheckReport) -> String {
        report.outcomes.filter { $0.verdict == .failed }.map { "\($0.item): \($0.evidence.prefix(4))" }
            .joined(separator: "\n")
    }

    /// The document's name in the check's evidence (`2026/2026-001/data/交办/….odt`).
    func shown(_ path: String, in archive: TestArchive) -> String { String(path.dropFirst(archive.archive.count + 1)) }

    /// Rewrites `part` of the filed package `document` with `change` (its text in, new text out), then reseals the
    /// document's bag, as someone who edited the document and its manifests would.
    func rewrite(_ document: String, part: String, in archive: TestArchive, _ change: (String) throws -> String) throws
    {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: document)))
        let zip = try ZipReader(bytes: bytes, source: document)
        var changed = false
        let entries = try zip.readAll().map { name, data in
            guard name == part else { return ZipEntry(name: name, data: data, compressed: name != "mimetype") }
            changed = true
            return ZipEntry(name: name, data: Array(try change(String(decoding: data, as: UTF8.self)).utf8))
        }
        #expect(changed, "\(document) has no \(part)")
        try Data(try ZipWriter.archive(entries, modified: .dosEpoch)).write(to: URL(fileURLWithPath: document))
        try archive.reseal(document.components(separatedBy: "/data/")[0])
    }

    /// The 1-based line at which `marker` first occurs in `text`.
    func line(of marker: String, in text: String) throws -> Int {
        let range = try #require(text.range(of: marker), "no \(marker)")
        return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    }

    @Test("Ducha's own documents in a freshly built archive all validate strictly", .needs("odf-schema"))
    func ownDocumentsValidate() throws {
        let archive = try archive()
        defer { archive.remove() }
        let report = try check(archive)
        #expect(report.passed, "\(failures(report))")
        let outcome = try #require(report.outcomes.first { $0.item == .documentsOpen })
        #expect(outcome.verdict == .passed, "\(outcome.evidence)")
        let documents = try archive.documents(".odt").count + archive.documents(".ods").count
        #expect(documents >= 43, "42 slips and the bulletin at least")
        let note = try #require(outcome.evidence.first { $0.contains("RELAX NG") }, "\(outcome.evidence)")
        #expect(note.hasPrefix("\(documents) 个 ODF 文档的 \(documents * 4) 个部件已按 ODF 1.3 RELAX NG 模式严格校验"), "\(note)")
        #expect(note.contains(ODFSchemas.documentSchemaFile) && note.contains("SHA-256"), "\(note)")
    }

    @Test(
        "an element content.xml may not have fails 内容数据的可读性 only, naming the document, the part and the line",
        .needs("odf-schema"))
    func elementNotAllowed() throws {
        let archive = try archive()
        defer { archive.remove() }
        let document = try #require(try archive.documents().first { $0.contains("/2026-001/") && $0.contains("督查通知单") })
        var line = 0
        try rewrite(document, part: "content.xml", in: archive) { text in
            line = try self.line(of: "<text:p ", in: text)
            let start = try #require(text.range(of: "<text:p "))
            let end = try #require(text[start.upperBound...].firstIndex(of: ">"))
            return String(text[...end]) + "<text:frobnicate/>" + String(text[text.index(after: end)...])
        }
        let report = try check(archive)
        #expect(report.failed == [.documentsOpen], "\(failures(report))")
        let found = evidence(report, .documentsOpen)
        let place = "\(shown(document, in: archive))/content.xml 第 \(line) 行"
        #expect(
            found.contains { $0.hasPrefix(place) && $0.contains("不符合 ODF 1.3 模式") && $0.contains("frobnicate") },
            "\(found)")
    }

    @Test(
        "a required attribute taken out of styles.xml fails 内容数据的可读性 only, naming the part and the line",
        .needs("odf-schema"))
    func missingAttribute() throws {
        let archive = try archive()
        defer { archive.remove() }
        let document = try #require(try archive.documents().first { $0.contains("/2026-002/") })
        var line = 0
        try rewrite(document, part: "styles.xml", in: archive) { text in
            line = try self.line(of: "<style:style ", in: text)
            let start = try #require(text.range(of: "<style:style "))
            let tag = try #require(
                text[start.upperBound...].range(of: #"style:name="[^"]*" "#, options: .regularExpression))
            return String(text[..<tag.lowerBound]) + String(text[tag.upperBound...])
        }
        let report = try check(archive)
        #expect(report.failed == [.documentsOpen], "\(failures(report))")
        let found = evidence(report, .documentsOpen)
        #expect(found.contains { $0.hasPrefix("\(shown(document, in: archive))/styles.xml 第 \(line) 行") }, "\(found)")
    }

    @Test(
        "a hostile content.xml (entity expansion) is refused as a document that does not open, and nothing expands",
        .needs("odf-schema"))
    func hostilePart() throws {
        let archive = try archive()
        defer { archive.remove() }
        let document = try #require(try archive.documents().first { $0.contains("/2026-003/") })
        try rewrite(document, part: "content.xml", in: archive) { _ in
            let entities = (1...9).map { "<!ENTITY e\($0) \"" + String(repeating: "&e\($0 - 1);", count: 10) + "\">" }
            return "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e0 \"laugh\">" + entities.joined()
                + "]>\n<x>&e9;</x>"
        }
        let report = try check(archive)
        #expect(report.failed == [.documentsOpen], "\(failures(report))")
        let found = evidence(report, .documentsOpen)
        #expect(found.contains { $0.hasPrefix(shown(document, in: archive)) && $0.contains("DOCTYPE") }, "\(found)")
    }

    @Test("without the schemas, 内容数据的可读性 says 未检测 with the reason and how to provide them — never 通过")
    func missingSchema() throws {
        let archive = try archive()
        defer { archive.remove() }
        let report = try check(archive, schema: archive.path("没有模式"))
        let outcome = try #require(report.outcomes.first { $0.item == .documentsOpen })
        #expect(outcome.verdict == .notRun)
        let reason = try #require(outcome.evidence.first)
        for words in [
            "未找到可用的 ODF 1.3 RELAX NG 模式", archive.path("没有模式"), ODFSchemas.documentSchemaFile,
            "未按 ODF 1.3 模式严格校验", "--odf-schema", ODFSchemaLocation.environmentVariable,
            ODFSchemaLocation.defaultDirectory, ODFSchemaLocation.oasisURL,
        ] {
            #expect(reason.contains(words), "\(words) missing from \(reason)")
        }
        #expect(outcome.evidence.contains { $0.contains("ODF 文档、PDF 已打开") }, "what was done is still said")
        #expect(report.failed.isEmpty, "\(failures(report))")
        let named = ODFSchemaLocation.load(explicit: nil, environment: [ODFSchemaLocation.environmentVariable: "/无此目录"])
        #expect(throws: ODFSchemaLocation.Unavailable.self) { try named.get() }
        if case .failure(let unavailable) = named {
            #expect(unavailable.reason.contains("环境变量 DUCHA_ODF_SCHEMA 给出的目录 /无此目录"), "\(unavailable)")
        }
    }

    @Test("the schemas are found through DUCHA_ODF_SCHEMA as well", .needs("odf-schema"))
    func environment() throws {
        let folder = try #require(TestEnvironment.schemaDirectory)
        let found = try ODFSchemaLocation.load(
            explicit: nil, environment: [ODFSchemaLocation.environmentVariable: folder]
        ).get()
        #expect(found.directory == folder && found.digests.count == 2)
        #expect(ODFSchemaLocation.holdsSchemas(folder) && !ODFSchemaLocation.holdsSchemas(folder + "/odf1.2"))
    }

    @Test(
        "LibreOffice's PDF/A-2b copies pass 内容数据格式; a plain PDF filed as the copy fails it, and only it, with evidence",
        .tags(.libreOffice), .unlessSkippingSlow, .needs("soffice"))
    func archivalCopies() throws {
        let archive = try archive()
        defer { archive.remove() }
        let documents = try archive.documents().filter { $0.contains("/2026-001/") || $0.contains("/2026-004/") }
        #expect(documents.count >= 2)
        let filed = try archive.write { try $0.fileArchivalCopies(documents) }
        #expect(filed.failures.isEmpty && filed.filed.count == documents.count, "\(filed.failures)")
        let sound = try check(archive)
        #expect(sound.passed, "\(failures(sound))")
        let note = evidence(sound, .formats).joined(separator: "\n")
        #expect(note.contains("\(documents.count) 份 PDF/A 归档件"), "\(note)")
        // The same document converted as a plain PDF, filed in the copy's place and the bag resealed.
        let document = documents[0]
        let copy = URL(fileURLWithPath: document).deletingPathExtension().appendingPathExtension("pdf")
        let scratch = try TestEnvironment.temporaryDirectory("ducha-plain-pdf")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let source = scratch.appendingPathComponent("slip.odt")
        try FileManager.default.copyItem(atPath: document, toPath: source.path)
        let plain = try TestEnvironment.convertWithLibreOffice(source, to: "pdf")
        try FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: plain, to: copy)
        try archive.reseal(document.components(separatedBy: "/data/")[0])
        let report = try check(archive)
        #expect(report.failed == [.formats], "\(failures(report))")
        let found = evidence(report, .formats)
        let name = shown(copy.path, in: archive)
        #expect(
            found.contains { $0 == "\(name)：不是合格的 PDF/A-2b 归档件：文档目录没有 XMP 元数据（/Metadata），没有声明 PDF/A" },
            "\(found)")
    }
}
