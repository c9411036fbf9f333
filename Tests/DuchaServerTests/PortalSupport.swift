import DuchaCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Matters
import TestSupport
import Testing

@testable import DuchaServer

/// A portal over a temporary archive holding the shipped example quarter (its 涉密 matters 2026-015 of 金融街街道 and
/// 2026-025 of 区卫生健康委 among them), with one account of each role, tested in-process through Hummingbird's
/// test client.
struct PortalFixture {
    static let day = CivilDate(iso: "2026-04-10")!
    static let password = "correct-horse-battery"

    let directory: URL
    let workspace: Workspace
    var archive: String { workspace.archive }

    /// The example quarter (batch as of 2026-03-31) and the accounts: 督查员 `clerk`, 领导 `leader`, 档案员 `keeper`,
    /// 承办单位 `shichahai` (什刹海街道) and `weijian` (区卫生健康委).
    init() throws {
        directory = try TestEnvironment.temporaryDirectory("ducha-portal")
        workspace = try Workspace(
            archive: directory.appendingPathComponent("Archive").path, templates: ShippedFiles.templates)
        let inputs = ShippedFiles.quarter
        let asOf = CivilDate(iso: "2026-03-31")!
        let result = try workspace.write { try $0.batch(inputs: inputs, asOf: asOf) }
        #expect(result.problems.isEmpty, "\(result.problems)")
        var book = AccountBook(archive: archive)
        book.cost = 4
        try book.add(name: "clerk", role: .clerk, unit: nil, password: Self.password)
        try book.add(name: "leader", role: .leader, unit: nil, password: Self.password)
        try book.add(name: "keeper", role: .archivist, unit: nil, password: Self.password)
        try book.add(name: "shichahai", role: .unit, unit: "什刹海街道", password: Self.password)
        try book.add(name: "weijian", role: .unit, unit: "区卫生健康委", password: Self.password)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Runs `body` with a test client of the portal as of ``day``.
    func test(archivalCopies: Bool = false, _ body: @Sendable (any TestClientProtocol) async throws -> Void)
        async throws
    {
        var configuration = PortalConfiguration(workspace: workspace)
        configuration.today = { Self.day }
        configuration.archivalCopies = archivalCopies
        let portal = try await Portal(configuration)
        let app = Application(router: portal.router())
        try await app.test(.router, body)
    }
}

/// A browser's state against the test client: the session cookie and the CSRF token of the last page.
struct Browser {
    let client: any TestClientProtocol
    var cookie: String?
    var csrf: String?

    init(_ client: any TestClientProtocol) { self.client = client }

    /// Signs in; the sign-in must succeed.
    static func signedIn(_ client: any TestClientProtocol, as name: String) async throws -> Browser {
        var browser = Browser(client)
        let response = try await browser.post("/signin", form: ["name": name, "password": PortalFixture.password])
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/ledger")
        _ = try await browser.get("/ledger")
        #expect(browser.csrf != nil)
        return browser
    }

    mutating func get(_ path: String) async throws -> TestResponse {
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = cookie }
        let response = try await client.execute(uri: path, method: .get, headers: headers, body: nil)
        remember(response)
        return response
    }

    /// Posts a URL-encoded form, with the CSRF token of the last page unless `csrf` is given.
    mutating func post(_ path: String, form: [String: String], list: [(String, String)] = [], csrf: String? = nil)
        async throws -> TestResponse
    {
        var fields = form.map { ($0.key, $0.value) } + list
        if let token = csrf ?? self.csrf { fields.append(("csrf", token)) }
        let body = fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = cookie }
        let response = try await client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    /// Posts a multipart form with files (field, file name, bytes).
    mutating func postMultipart(_ path: String, form: [String: String], files: [(String, String, [UInt8])])
        async throws -> TestResponse
    {
        let boundary = "----ducha-test-boundary"
        var body: [UInt8] = []
        var fields = form
        if let csrf, fields["csrf"] == nil { fields["csrf"] = csrf }
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (field, name, bytes) in files {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8)
            body += bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        if let cookie { headers[.cookie] = cookie }
        let response = try await client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        remember(response)
        return response
    }

    private mutating func remember(_ response: TestResponse) {
        if let set = response.headers[.setCookie], let pair = set.split(separator: ";").first {
            let value = pair.split(separator: "=", maxSplits: 1).dropFirst().first ?? ""
            cookie = value.isEmpty || set.contains("Max-Age=0") || set.contains("1970") ? nil : String(pair)
        }
        let html = String(buffer: response.body)
        if let range = html.range(of: "name=\"csrf\" value=\"") {
            csrf = String(html[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    private func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

/// `path` with its non-ASCII characters percent-encoded, as a browser sends it.
func url(_ path: String) -> String {
    path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.union(.urlQueryAllowed)) ?? path
}

/// The clerk/unit flow of matter 2026-101 as the command line makes it: the matter record and the event file
/// (with 经办人 the accounts) taken in on a fresh copy of the example quarter.
enum IntakeTwin {
    /// Expects the 2026-101 bag and the registries of `archive` to equal, byte for byte, those the same steps
    /// make through intake (the bag's dates of bagging aside).
    static func expectSame(as archive: String) throws {
        let cli = try PortalFixture()
        defer { cli.remove() }
        let folder = cli.directory.path
        try Data(ActionTests.matterJSON.utf8).write(to: URL(fileURLWithPath: folder + "/matter.json"))
        try Data(ActionTests.eventsJSON.utf8).write(to: URL(fileURLWithPath: folder + "/events.json"))
        try Data(ActionTests.pdf).write(to: URL(fileURLWithPath: folder + "/排查情况.pdf"))
        let intake = try cli.workspace.write { office in
            try office.takeIn(files: [folder + "/matter.json", folder + "/events.json"])
        }
        #expect(intake.problems.isEmpty, "\(intake.problems)")
        func files(_ root: String) throws -> [String: Data] {
            try ArchiveFiles.snapshot(root).filter { $0.key.contains("2026-101") || $0.key.hasSuffix("registry.xml") }
        }
        let web = try files(archive)
        let made = try files(cli.archive)
        #expect(web.keys.sorted() == made.keys.sorted())
        #expect(web.keys.contains("2026/2026-101/data/matter.xml"))
        for (path, bytes) in web where !path.hasSuffix("bag-info.txt") && !path.contains("tagmanifest") {
            #expect(made[path] == bytes, "\(path)")
        }
    }
}
