import Foundation
import TestSupport
import Testing

@Suite("The yearly dossier (DA/T 22-2015)")
struct DossierTests {
    /// The example quarter, then its dossier with an export.
    func dossier(includeClassified: Bool = false) throws -> (Workspace, CommandResult) {
        let workspace = try Workspace()
        let batch = try workspace.ducha(["batch", "--as-of", "2026-03-31", "--quiet"] + ScenarioTests.inputs)
        #expect(batch.status == 0, "\(batch.stderr)")
        let export = workspace.directory.appendingPathComponent("移交.zip").path
        let result = try workspace.ducha(
            ["dossier", "2026", "--export", export] + (includeClassified ? ["--include-classified"] : []))
        return (workspace, result)
    }

    /// The catalogue's 件 as (档号, files) in document order.
    func catalogue(_ workspace: Workspace) throws -> [(reference: String, files: [String], classification: String)] {
        let xml = try String(contentsOfFile: workspace.archive + "/2026/dossier/data/归档文件目录.xml", encoding: .utf8)
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
        let (workspace, result) = try dossier()
        defer { workspace.remove() }
        #expect(result.status == 0, "\(result.stderr)")
        let items = try catalogue(workspace)
        // The documents of the archive: matter records, slips, attachments, and the records of events that are
        // papers themselves (not 签收/归档 marks, not events whose paper is their slip).
        var documents = Set<String>()
        for (path, bytes) in try workspace.snapshot() where path.hasPrefix("2026/2026-") && path.contains("/data/") {
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
        let bagged = try workspace.snapshot().keys.filter { $0.hasPrefix("2026/dossier/data/文件/") }
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
        let validation = try run(bagit, ["--validate", "--quiet", workspace.archive + "/2026/dossier"])
        #expect(validation.status == 0, "\(validation.stderr)")
        let verify = try workspace.ducha(["verify", "--archive", workspace.archive], archiveOptions: false)
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test(
        "LibreOffice converts the catalogue (.odt and .ods)",
        .enabled(if: TestEnvironment.shouldRun(needing: "soffice", "pdftotext"), "LibreOffice or pdftotext missing"))
    func converts() throws {
        let soffice = try #require(TestEnvironment.which("soffice"), "LibreOffice is required in CI")
        let pdftotext = try #require(TestEnvironment.which("pdftotext"), "pdftotext is required in CI")
        let (workspace, result) = try dossier()
        defer { workspace.remove() }
        #expect(result.status == 0, "\(result.stderr)")
        let folder = workspace.archive + "/2026/dossier/data"
        let out = workspace.directory.appendingPathComponent("pdf").path
        let profile = workspace.directory.appendingPathComponent("lo").absoluteString
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
            let failures = try checkODTFailures(
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
        let (workspace, result) = try dossier()
        defer { workspace.remove() }
        #expect(result.status == 0, "\(result.stderr)")
        let folder = workspace.directory.appendingPathComponent("extracted").path
        try extract(workspace.directory.appendingPathComponent("移交.zip").path, into: folder)
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
            let xml = try String(contentsOfFile: "\(workspace.archive)/2026/\(id)/data/matter.xml", encoding: .utf8)
            let title = xml.components(separatedBy: "<事项名称>")[1].prefix { $0 != "<" }
            #expect(exported.range(of: Data(title.utf8)) == nil, "\(id)'s title is in the export")
            #expect(exported.range(of: Data(">\(id)<".utf8)) == nil, "\(id) is in the export")
            for file in try FileManager.default.subpathsOfDirectory(atPath: "\(workspace.archive)/2026/\(id)/data") {
                let url = URL(fileURLWithPath: "\(workspace.archive)/2026/\(id)/data/\(file)")
                guard let bytes = try? Data(contentsOf: url), bytes.count > 200 else { continue }
                #expect(exported.range(of: bytes) == nil, "\(file) of \(id) is in the export")
            }
        }
        let bagit = try #require(TestEnvironment.which("bagit.py"), "bagit.py is required in CI")
        let top = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        #expect(try run(bagit, ["--validate", "--quiet", folder + "/" + top]).status == 0)
        // Asked for, the classified matters come along.
        let include = try workspace.ducha([
            "dossier", "2026", "--export", workspace.directory.appendingPathComponent("全部.zip").path,
            "--include-classified",
        ])
        #expect(include.status == 0)
        let all = workspace.directory.appendingPathComponent("all").path
        try extract(workspace.directory.appendingPathComponent("全部.zip").path, into: all)
        let catalogue = try String(contentsOfFile: all + "/" + top + "/data/归档文件目录.xml", encoding: .utf8)
        #expect(catalogue.contains("<事项>2026-015</事项>"))
    }
}
