import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DuchaServer

@Suite("Portal: who sees what")
struct AccessTests {
    static let accounts = ["clerk", "leader", "keeper", "shichahai", "weijian"]
    /// 涉密 matters of the example quarter: 2026-015 (金融街街道) and 2026-025 (区卫生健康委, weijian's unit).
    static let classified = ["2026-015", "2026-025"]

    @Test("涉密 matters answer 404 for every role and appear in no list, export or filter", arguments: accounts)
    func classifiedNeverCrosses(_ account: String) async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            var browser = try await Browser.signedIn(client, as: account)
            for id in Self.classified {
                #expect(try await browser.get("/matters/\(id)").status == .notFound, "\(account) \(id)")
                #expect(try await browser.get("/matters/\(id.lowercased())").status == .notFound)
                let slip = url("/matters/\(id)/files/交办/督查通知单-西督通〔2026〕1号.odt")
                #expect(try await browser.get(slip).status == .notFound)
                for event in ["签收", "催办", "审核"] {
                    #expect(try await browser.get(url("/matters/\(id)/events/\(event)")).status == .notFound)
                    let post = try await browser.post(url("/matters/\(id)/events/\(event)"), form: ["f.签收人": "x"])
                    #expect(post.status == .notFound, "\(account) \(event) \(id)")
                }
            }
            for path in [
                "/ledger", "/ledger?unit=" + url("区卫生健康委"), "/ledger?unit=" + url("金融街街道"), "/ledger.csv",
                "/ledger?state=" + url("逾期"), "/dashboard",
            ] {
                let page = try await browser.get(path)
                #expect(page.status == .ok)
                for id in Self.classified { #expect(!page.text.contains(id), "\(account) \(path) \(id)") }
                for title in ["关于金融街地区重点时段安全稳定工作的批示", "关于做好重大活动期间医疗卫生保障工作的批示"] {
                    #expect(!page.text.contains(title), "\(account) \(path)")  // nor a classified title
                }
            }
        }
    }

    @Test("a unit account sees only its unit's matters; another unit's answers 404 like a missing one")
    func unitSeesItsOwn() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            var unit = try await Browser.signedIn(client, as: "shichahai")
            let ledger = try await unit.get("/ledger")
            #expect(ledger.text.contains("2026-001"))  // 主责
            #expect(ledger.text.contains("2026-004"))  // 协办
            #expect(!ledger.text.contains(">2026-002<"))  // 区卫生健康委's
            #expect(try await unit.get("/matters/2026-001").status == .ok)
            let other = try await unit.get("/matters/2026-002")
            let missing = try await unit.get("/matters/2099-999")
            #expect(other.status == .notFound)
            #expect(other.text == missing.text)
            let csv = try await unit.get("/ledger.csv").text
            let ids = csv.split(separator: "\r\n").dropFirst().map {
                $0.split(separator: ",").first.map(String.init) ?? ""
            }
            #expect(!ids.isEmpty)
            #expect(!ids.contains("2026-002"))
            let foreign = try await unit.post(url("/matters/2026-002/events/签收"), form: ["f.签收人": "x"])
            #expect(foreign.status == .notFound)
        }
    }

    @Test("each role may record only its own events; leaders and archivists record none")
    func rolesAndRefusals() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let before = try Self.logs(fixture)
        try await fixture.test { client in
            var unit = try await Browser.signedIn(client, as: "shichahai")
            #expect(try await unit.get(url("/matters/2026-001/events/催办")).status == .forbidden)
            #expect(try await unit.post(url("/matters/2026-001/events/审核"), form: ["f.结论": "通过"]).status == .forbidden)
            #expect(try await unit.get("/register").status == .forbidden)
            #expect(try await unit.get("/verify").status == .forbidden)
            #expect(try await unit.post("/bulletins", form: ["quarter": "2026Q1"]).status == .forbidden)
            var clerk = try await Browser.signedIn(client, as: "clerk")
            #expect(try await clerk.get(url("/matters/2026-001/events/签收")).status == .forbidden)
            #expect(try await clerk.get(url("/matters/2026-001/events/立项")).status == .notFound)
            #expect(try await clerk.get(url("/matters/2026-001/events/延期申请")).status == .notFound)  // 重点任务
            for name in ["leader", "keeper"] {
                var reader = try await Browser.signedIn(client, as: name)
                #expect(try await reader.get("/ledger").status == .ok)
                #expect(try await reader.get("/matters/2026-001").status == .ok)
                #expect(try await reader.get(url("/matters/2026-001/events/催办")).status == .forbidden)
                #expect(
                    try await reader.post(url("/matters/2026-001/events/签收"), form: ["f.签收人": "x"]).status == .forbidden
                )
                #expect(try await reader.get("/register").status == .forbidden)
                let page = try await reader.get("/matters/2026-001")
                #expect(!page.text.contains("可办理的事项"))
            }
            var keeper = try await Browser.signedIn(client, as: "keeper")
            let verify = try await keeper.get("/verify")
            #expect(verify.status == .ok)
            #expect(verify.text.contains("全部档案包完整"))
        }
        #expect(try Self.logs(fixture) == before)
    }

    @Test("a form posted without the session's CSRF token, or from another site, changes nothing")
    func csrfIsRequired() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let before = try Self.logs(fixture)
        try await fixture.test { client in
            var unit = try await Browser.signedIn(client, as: "shichahai")
            _ = try await unit.get(url("/matters/2026-001/events/签收"))
            let missing = try await unit.post(url("/matters/2026-001/events/签收"), form: ["f.签收人": "郑文博"], csrf: "")
            #expect(missing.status == .forbidden)
            let wrong = try await unit.post(
                url("/matters/2026-001/events/签收"), form: ["f.签收人": "郑文博"], csrf: String(repeating: "0", count: 64))
            #expect(wrong.status == .forbidden)
            var headers: HTTPFields = [
                .contentType: "application/x-www-form-urlencoded", .origin: "http://evil.example",
            ]
            headers[.cookie] = unit.cookie
            let body = "f.%E7%AD%BE%E6%94%B6%E4%BA%BA=x&csrf=\(unit.csrf ?? "")"
            let crossSite = try await client.execute(
                uri: url("/matters/2026-001/events/签收"), method: .post, headers: headers, body: ByteBuffer(string: body)
            )
            #expect(crossSite.status == .forbidden)
        }
        #expect(try Self.logs(fixture) == before)
    }

    @Test("the ledger filters, sorts, pages and exports what the account sees")
    func ledgerQueries() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            var clerk = try await Browser.signedIn(client, as: "clerk")
            let all = try await clerk.get("/ledger")
            #expect(all.text.contains("共 31 项"))  // 33 matters, 2 of them 涉密
            let red = try await clerk.get("/ledger?light=" + url("红"))
            #expect(red.text.contains("2026-001"))
            #expect(!red.text.contains(">2026-003<"))
            #expect(!red.text.contains("light-绿\""))
            let overdue = try await clerk.get("/ledger?overdue=1&unit=" + url("什刹海街道"))
            #expect(overdue.text.contains("2026-001"))
            #expect(overdue.text.contains("2026-018"))
            #expect(!overdue.text.contains(">2026-016<"))
            let byDeadline = try await clerk.get("/ledger?sort=deadline&order=desc").text
            let first = try #require(byDeadline.range(of: "2026-003"))  // 2026-12-15
            let later = try #require(byDeadline.range(of: "2026-002"))  // 2026-01-13
            #expect(first.lowerBound < later.lowerBound)
            let csv = try await clerk.get("/ledger.csv?kind=" + url("领导批示"))
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.contains("filename*=UTF-8''") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.first?.contains("编号,事项名称") == true)
            #expect(lines.dropFirst().allSatisfy { $0.contains(",领导批示,") })
            let xlsx = try await clerk.get("/ledger.xlsx")
            #expect(xlsx.status == .ok)
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            let dashboard = try await clerk.get("/dashboard")
            #expect(dashboard.text.contains("全部事项 33 项（含涉密事项 2 项"))
        }
    }

    /// Every matter's `matter.xml`, by path.
    static func logs(_ fixture: PortalFixture) throws -> [String: Data] {
        try ArchiveSnapshotFiles.matterRecords(fixture.archive)
    }
}

enum ArchiveSnapshotFiles {
    static func matterRecords(_ archive: String) throws -> [String: Data] {
        var records: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: archive)
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix("matter.xml") || path.hasSuffix("registry.xml") {
                records[path] = try Data(contentsOf: URL(fileURLWithPath: archive + "/" + path))
            }
        }
        return records
    }
}
