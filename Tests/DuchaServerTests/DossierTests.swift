import DuchaCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ODF
import TestSupport
import Testing

@testable import DuchaServer

@Suite("Portal: the yearly dossier")
struct DossierTests {
    /// A matter of 2025 with nothing but its record: its year's dossier has no document to lay out (no
    /// LibreOffice) and no 涉密 件.
    static let matter2025 = """
        [{"编号": "2025-901", "事项名称": "关于老旧小区楼道照明的批示", "事项类型": "领导批示", "办理方式": "督办",
          "事项来源": "领导批示和交办事项", "立项依据": "区领导批示件",
          "领导批示": {"领导": "王副区长", "日期": "2025-11-03", "内容": "请什刹海街道研究落实。"},
          "主责单位": {"名称": "什刹海街道"}, "办理要求": ["一、摸清底数"], "立项日期": "2025-11-04",
          "办理时限": "2025-12-19", "督查员": {"姓名": "clerk"}}]
        """

    /// Titles of the example quarter's 涉密 matters (2026-015, 2026-025).
    static let classifiedTitles = ["关于金融街地区重点时段安全稳定工作的批示", "关于做好重大活动期间医疗卫生保障工作的批示"]

    @Test("only the archivist builds and only archivist and clerks read; leaders and units get 403, unknown files 404")
    func roles() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let before = try AccessTests.logs(fixture)
        try await fixture.test { client in
            for name in ["leader", "shichahai"] {
                var reader = try await Browser.signedIn(client, as: name)
                #expect(try await reader.get("/dossier").status == .forbidden, "\(name)")
                #expect(try await reader.post("/dossier", form: ["year": "2026"]).status == .forbidden, "\(name)")
                let file = try await reader.get(url("/dossier/2026/Z109-WS·2026.zip"))
                #expect(file.status == .forbidden, "\(name)")
                #expect(!(try await reader.get("/ledger").text.contains("href=\"/dossier\"")), "\(name) has no link")
            }
            var clerk = try await Browser.signedIn(client, as: "clerk")
            let page = try await clerk.get("/dossier")
            #expect(page.status == .ok)
            #expect(page.text.contains("2026 年度"))
            #expect(page.text.contains("尚未生成归档文件目录"))
            #expect(!page.text.contains("action=\"/dossier\""), "a clerk is offered no build")
            #expect(try await clerk.post("/dossier", form: ["year": "2026"]).status == .forbidden)
            var keeper = try await Browser.signedIn(client, as: "keeper")
            #expect(try await keeper.get("/ledger").text.contains("href=\"/dossier\""))
            #expect(try await keeper.get(url("/dossier/2026/归档文件目录.xml")).status == .notFound)
            #expect(try await keeper.get(url("/dossier/2026/Z109-WS·2026.zip")).status == .notFound)
            #expect(try await keeper.get(url("/dossier/2026/../../.portal/accounts.json")).status == .notFound)
            _ = try await keeper.get("/dossier")
            #expect(try await keeper.post("/dossier", form: ["year": "1999"]).status == .badRequest)
            #expect(try await keeper.post("/dossier", form: ["year": "2026"], csrf: "").status == .forbidden)
        }
        #expect(try AccessTests.logs(fixture) == before)
        #expect(!FileManager.default.fileExists(atPath: fixture.archive + "/2026/dossier"))
    }

    @Test("a second build is refused with 409 while one runs, and the refusal is logged")
    func oneAtATime() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        var configuration = PortalConfiguration(workspace: fixture.workspace)
        configuration.today = { PortalFixture.day }
        let portal = try await Portal(configuration)
        let release = DispatchSemaphore(value: 0)
        let ended = DispatchSemaphore(value: 0)
        let busy = portal.dossiers.start(
            year: 2026, account: "keeper",
            work: { progress in
                progress.start(total: 3, label: "测试阶段")
                progress.advance()
                release.wait()
                return "做完了"
            }, ended: { _ in ended.signal() })
        #expect(busy == nil)
        #expect(portal.dossiers.start(year: 2025, account: "x", work: { _ in "" }, ended: { _ in })?.year == 2026)
        try await Application(router: portal.router()).test(.router) { client in
            var keeper = try await Browser.signedIn(client, as: "keeper")
            let page = try await keeper.get("/dossier")
            #expect(page.text.contains("正在生成 2026 年度的归档文件目录：测试阶段（1/3）"), "\(page.text)")
            #expect(page.text.contains(#"<meta http-equiv="refresh" content="5">"#))
            #expect(!page.text.contains("action=\"/dossier\""), "no build offered while one runs")
            let refused = try await keeper.post("/dossier", form: ["year": "2026"])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("正在生成 2026 年度的归档文件目录"))
        }
        release.signal()
        ended.wait()
        #expect(portal.dossiers.job?.running == false)
        if case .built(let text) = portal.dossiers.job?.outcome { #expect(text == "做完了") } else { Issue.record() }
        let refusals = AuditLog(archive: fixture.archive).entries().filter { $0.outcome.hasPrefix("未开始：") }
        #expect(refusals.count == 1)
        #expect(refusals.first?.account == "keeper")
    }

    @Test("a year without 涉密 件: built in the background, its catalogue listed and downloaded as the archive has it")
    func buildWithoutClassified() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let record = fixture.directory.appendingPathComponent("2025.json").path
        try Data(Self.matter2025.utf8).write(to: URL(fileURLWithPath: record))
        let intake = try fixture.workspace.write { try $0.takeIn(files: [record]) }
        #expect(intake.problems.isEmpty, "\(intake.problems)")
        try await fixture.test { client in
            var keeper = try await Browser.signedIn(client, as: "keeper")
            _ = try await keeper.get("/dossier")
            let posted = try await keeper.post("/dossier", form: ["year": "2025"])
            #expect(posted.status == .seeOther)
            let page = try await Self.waitForBuild(&keeper)
            #expect(page.contains("2025 年度的归档文件目录已生成"), "\(page)")
            #expect(page.contains("共 1 件"))
            #expect(page.contains("与档案一致"))
            let xml = try await keeper.get(url("/dossier/2025/归档文件目录.xml"))
            #expect(xml.status == .ok)
            let stored = try Data(contentsOf: URL(fileURLWithPath: fixture.archive + "/2025/dossier/data/归档文件目录.xml"))
            #expect(Data(xml.body.readableBytesView) == stored)
            #expect(xml.headers[.contentDisposition]?.contains("filename*=UTF-8''") == true)
            let odt = try await keeper.get(url("/dossier/2025/归档文件目录.odt"))
            #expect(odt.status == .ok)
            #expect(Array(odt.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            var clerk = try await Browser.signedIn(client, as: "clerk")
            #expect(try await clerk.get(url("/dossier/2025/归档文件目录.ods")).status == .ok)
        }
        let entries = AuditLog(archive: fixture.archive).entries().filter { $0.action == "生成 2025 年度归档文件目录" }
        #expect(entries.map(\.outcome).first == "已开始")
        #expect(entries.last?.outcome.hasPrefix("完成：1 件") == true, "\(entries)")
        #expect(entries.allSatisfy { $0.account == "keeper" })
    }

    @Test(
        "with 涉密 件: built in the background with LibreOffice; only the non-涉密 hand-over package is offered, stale once the archive changes",
        .tags(.libreOffice), .unlessSkippingSlow, .needs("soffice"))
    func buildWithClassified() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let zipName = "Z109-WS·2026.zip"
        try await fixture.test { client in
            var keeper = try await Browser.signedIn(client, as: "keeper")
            _ = try await keeper.get("/dossier")
            #expect(try await keeper.post("/dossier", form: ["year": "2026"]).status == .seeOther)
            let page = try await Self.waitForBuild(&keeper)
            #expect(page.contains("2026 年度的归档文件目录已生成"), "\(page)")
            // What the page says is what the dossier in the archive holds.
            let (items, classified) = try Self.catalogueCounts(fixture.archive + "/2026/dossier/data/归档文件目录.xml")
            #expect(classified > 0)
            #expect(page.contains("共 \(items) 件"))
            #expect(page.contains("其中涉密 \(classified) 件"))
            #expect(page.contains("与档案一致"))
            #expect(page.contains("不在本系统中提供"))
            for title in Self.classifiedTitles { #expect(!page.contains(title)) }
            for name in DossierSummary.catalogueNames {
                #expect(try await keeper.get(url("/dossier/2026/\(name)")).status == .notFound, "\(name)")
            }
            let zip = try await keeper.get(url("/dossier/2026/\(zipName)"))
            #expect(zip.status == .ok)
            #expect(zip.headers[.contentType] == "application/zip")
            let reader = try ZipReader(bytes: Array(zip.body.readableBytesView), source: zipName)
            let catalogue = String(decoding: try reader.read("Z109-WS·2026/data/归档文件目录.xml"), as: UTF8.self)
            #expect(catalogue.contains("<未移交件"))
            for (name, bytes) in try reader.readAll() {
                let text = String(decoding: bytes, as: UTF8.self)
                for title in Self.classifiedTitles { #expect(!text.contains(title), "\(name)") }
            }

            // The package is the one the command line's `ducha dossier 2026 --export` writes, byte for byte (no
            // key here, so no signature draws a random number); the dossier it rewrites is newer than the package.
            let portalZip = try Data(
                contentsOf: URL(fileURLWithPath: fixture.archive + "/.portal/dossier/2026/\(zipName)"))
            let cliZip = fixture.directory.appendingPathComponent("cli.zip").path
            let result = try fixture.workspace.write { try $0.writeDossier(year: 2026, export: cliZip) }
            #expect(result.export?.withheld == classified)
            #expect(try Data(contentsOf: URL(fileURLWithPath: cliZip)) == portalZip)
            let rewritten = try await keeper.get("/dossier").text
            #expect(rewritten.contains("早于当前的归档文件目录"), "\(rewritten)")
            #expect(rewritten.contains("与档案一致"))

            // The command line changes a matter of the year: the dossier is stale.
            let file = fixture.directory.appendingPathComponent("签收.json").path
            try Data(#"[{"事项": "2026-016", "事件": "签收", "日期": "2026-04-09", "签收人": "郑文博"}]"#.utf8)
                .write(to: URL(fileURLWithPath: file))
            #expect(try fixture.workspace.write(wait: true) { try $0.takeIn(files: [file]) }.eventsAdded == 1)
            let stale = try await keeper.get("/dossier").text
            #expect(stale.contains("已过时：写出之后档案中有 1 个事项有变动"), "\(stale)")
        }
        let audit = AuditLog(archive: fixture.archive).entries().filter { $0.action == "生成 2026 年度归档文件目录" }
        #expect(audit.map(\.outcome).first == "已开始")
        #expect(audit.last?.outcome.hasPrefix("完成：") == true, "\(audit)")
        #expect(audit.last?.outcome.contains("涉密") == true)
    }

    /// Asks for the dossier page until no build is running (at most 10 minutes); its text.
    static func waitForBuild(_ browser: inout Browser) async throws -> String {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(600) {
            let text = try await browser.get("/dossier").text
            if !text.contains("正在生成") { return text }
            try await Task.sleep(for: .milliseconds(250))
        }
        Issue.record("the build did not end within 10 minutes")
        return ""
    }

    /// The 件 of a catalogue XML and how many of them have a 密级.
    static func catalogueCounts(_ path: String) throws -> (items: Int, classified: Int) {
        let root = try XMLDocumentParser.parse(
            Array(try Data(contentsOf: URL(fileURLWithPath: path))), source: path)
        let items = root.childElements.filter { $0.name == "件" }
        let classified = items.filter { item in
            item.childElements.contains { $0.name == "密级" && !$0.textContent.isEmpty }
        }
        return (items.count, classified.count)
    }
}
