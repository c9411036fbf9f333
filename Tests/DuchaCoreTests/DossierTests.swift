import DuchaCore
import Foundation
import TestSupport
import Testing

// Serialized: the core counts pages in one scratch folder per process (DossierWriter.countPages), which two
// dossiers written at once in one process would share.
@Suite("The yearly dossier (DA/T 22-2015)", .serialized, .tags(.libreOffice), .unlessSkippingSlow)
struct DossierTests {
    /// The example quarter, then its dossier with an export to `移交.zip`.
    func dossier(includeClassified: Bool = false) throws -> (TestArchive, DossierResult) {
        let archive = try TestArchive()
        let batch = try archive.batch()
        #expect(batch.problems.isEmpty, "\(batch.problems)")
        let export = archive.path("移交.zip")
        let result = try archive.write {
            try $0.writeDossier(year: 2026, export: export, includeClassified: includeClassified)
        }
        #expect(result.folder == archive.archive + "/2026/dossier" && result.export?.path == export)
        return (archive, result)
    }

    /// The catalogue's 件 as (档号, files) in document order.
    func catalogue(_ archive: TestArchive) throws -> [(reference: String, files: [String], classification: String)] {
        let xml = try String(contentsOfFile: archive.archive + "/2026/dossier/data/归档文件目录.xml", encoding: .utf8)
        return xml.components(separatedBy: "<件 ").dropFirst().map { chunk in
            let reference = chunk.components(separatedBy: "档号=\"")[1].prefix { $0 != "\"" }
            let files = chunk.components(separatedBy: "原路径=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            let classification =
                chunk.components(separatedBy: "<密级>").dropFirst().first.map { String($0.prefix { $0 != "<" }) } ?? ""
            return (String(reference), files, classification)
        }
    }

    @Test(
        "the catalogue lists every archived document exactly once, in 档号 order, and the dossier is a valid bag",
        .enabled(if: TestEnvironment.shouldRun(needing: "soffice", "bagit.py"), "LibreOffice or bagit.py missing"))
    func completeAndOrdered() throws {
        let (archive, result) = try dossier()
        defer { archive.remove() }
        let items = try catalogue(archive)
        #expect(result.items == items.count && result.year == 2026)
        // The documents of the archive: matter records, slips, attachments, and the records of events that are
        // papers themselves (not 签收/归档 marks, not events whose paper is their slip).
        var documents = Set<String>()
        for (path, bytes) in try archive.snapshot() where path.hasPrefix("2026/2026-") && path.contains("/data/") {
            let name = path.split(separator: "/").last.map(String.init) ?? ""
            if name == "matter.xml" || name.hasSuffix(".odt") || name.contains("-附件-") {
                documents.insert(path)
            } else if name.hasSuffix(".xml"), !name.contains("-签收-"), !name.contains("-归档-"),
                !String(decoding: bytes, as: UTF8.self).contains("文号前缀=")
            {
                documents.insert(path)
            }
        }
        let listed = items.flatMap(\.files)
        #expect(listed.count == Set(listed).count, "a document is listed twice")
        #expect(Set(listed) == documents)
        let bagged = try archive.snapshot().keys.filter { $0.hasPrefix("2026/dossier/data/文件/") }
        #expect(bagged.count == listed.count, "every listed file is in the dossier")
        #expect(items.count >= 100)
        #expect(Set(items.map(\.reference)).count == items.count, "档号 are unique")
        // 档号 order: classes Y, D30, D10, 件号 ascending within each.
        let order = ["Y": 0, "D30": 1, "D10": 2]
        let keys = items.map { item -> String in
            let parts = item.reference.split(separator: "-")
            return "\(order[String(parts[2])] ?? 9)-\(parts[4])"
        }
        #expect(keys == keys.sorted())
        #expect(items.first?.reference == "Z109-WS·2026-Y-DCS-0001")
        let bagit = try #require(TestEnvironment.which("bagit.py"), "bagit.py is required in CI")
        let validation = try run(bagit, ["--validate", "--quiet", archive.archive + "/2026/dossier"])
        #expect(validation.status == 0, "\(validation.stderr)")
        let verify = try Verification.run(archive: archive.archive)
        #expect(verify.problems == 0, "\(verify.bags.flatMap(\.findings) + verify.registry)")
        #expect(verify.bags.contains { $0.name == "2026/dossier" })
    }

    @Test(
        "LibreOffice converts the catalogue (.odt and .ods)",
        .enabled(if: TestEnvironment.shouldRun(needing: "soffice", "pdftotext"), "LibreOffice or pdftotext missing"))
    func converts() throws {
        let soffice = try #require(TestEnvironment.which("soffice"), "LibreOffice is required in CI")
        let pdftotext = try #require(TestEnvironment.which("pdftotext"), "pdftotext is required in CI")
        let (archive, result) = try dossier()
        defer { archive.remove() }
        let folder = result.folder + "/data"
        let out = archive.path("pdf")
        let profile = archive.directory.appendingPathComponent("lo").absoluteString
        for name in ["归档文件目录.odt", "归档文件目录.ods"] {
            let conversion = try run(
                soffice,
                [
                    "-env:UserInstallation=\(profile)", "--headless", "--convert-to", "pdf", "--outdir", out,
                    folder + "/" + name,
                ])
            #expect(conversion.status == 0)
            let pdf = out + "/归档文件目录.pdf"
            let text = try run(pdftotext, ["-enc", "UTF-8", pdf, "-"]).stdout.filter { !$0.isWhitespace }
            #expect(text.contains("Z109-WS·2026-Y-DCS-0001"), "\(name) lacks the first 档号")
            try? FileManager.default.removeItem(atPath: pdf)
        }
        if TestEnvironment.shouldRun(needing: "check-odt") {
            let failures = try TestEnvironment.checkODTFailures(
                [folder + "/归档文件目录.odt", folder + "/归档文件目录.ods"], extraArguments: ["--mimetype", "any"])
            #expect(failures == nil, "\(failures ?? "")")
        }
    }

    /// Extracts a zip with Python's zipfile (a reader Ducha did not write); returns the folder.
    func extract(_ zip: String, into folder: String) throws {
        let result = try run(
            "/usr/bin/env",
            ["python3", "-c", "import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])", zip, folder])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(
        "the export of a year with a 涉密 matter holds none of its bytes unless asked, and is a valid bag",
        .enabled(if: TestEnvironment.shouldRun(needing: "soffice", "bagit.py"), "LibreOffice or bagit.py missing"))
    func exportWithoutClassified() throws {
        let (archive, result) = try dossier()
        defer { archive.remove() }
        let export = try #require(result.export)
        #expect(export.withheld > 0 && export.items + export.withheld == result.items, "\(export)")
        let folder = archive.path("extracted")
        try extract(export.path, into: folder)
        var exported = Data()
        let walker = try #require(FileManager.default.enumerator(atPath: folder))
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                exported.append(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path)))
                exported.append(Data(path.utf8))
            }
        }
        // 2026-015 and 2026-025 are 秘密: no title, id, unit-specific text or file of theirs.
        for id in ["2026-015", "2026-025"] {
            let xml = try String(contentsOfFile: "\(archive.archive)/2026/\(id)/data/matter.xml", encoding: .utf8)
            let title = xml.components(separatedBy: "<事项名称>")[1].prefix { $0 != "<" }
            #expect(exported.range(of: Data(title.utf8)) == nil, "\(id)'s title is in the export")
            #expect(exported.range(of: Data(">\(id)<".utf8)) == nil, "\(id) is in the export")
            for file in try FileManager.default.subpathsOfDirectory(atPath: "\(archive.archive)/2026/\(id)/data") {
                let url = URL(fileURLWithPath: "\(archive.archive)/2026/\(id)/data/\(file)")
                guard let bytes = try? Data(contentsOf: url), bytes.count > 200 else { continue }
                #expect(exported.range(of: bytes) == nil, "\(file) of \(id) is in the export")
            }
        }
        let bagit = try #require(TestEnvironment.which("bagit.py"), "bagit.py is required in CI")
        let top = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        #expect(try run(bagit, ["--validate", "--quiet", folder + "/" + top]).status == 0)
        // Asked for, the classified matters come along.
        let everything = archive.path("全部.zip")
        let include = try archive.write {
            try $0.writeDossier(year: 2026, export: everything, includeClassified: true)
        }
        #expect(include.export?.withheld == 0 && include.export?.items == include.items)
        let all = archive.path("all")
        try extract(everything, into: all)
        let catalogue = try String(contentsOfFile: all + "/" + top + "/data/归档文件目录.xml", encoding: .utf8)
        #expect(catalogue.contains("<事项>2026-015</事项>"))
    }
}
