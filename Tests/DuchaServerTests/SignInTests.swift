import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import DuchaServer

@Suite("Portal sign-in and sessions")
struct SignInTests {
    @Test("every page but sign-in sends a browser without a session to sign in")
    func pagesNeedSignIn() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            var browser = Browser(client)
            for path in [
                "/", "/ledger", "/ledger.csv", "/ledger.xlsx", "/matters/2026-001", "/dashboard", "/bulletins",
            ] {
                let response = try await browser.get(path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers[.location] == "/signin", "\(path)")
            }
            let signin = try await browser.get("/signin")
            #expect(signin.status == .ok)
            #expect(signin.text.contains("<form method=\"post\" action=\"/signin\""))
        }
    }

    @Test("the session cookie is HttpOnly and SameSite=Strict; pages carry the security headers")
    func cookieAndHeaders() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            var browser = Browser(client)
            let response = try await browser.post(
                "/signin", form: ["name": "clerk", "password": PortalFixture.password])
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.hasPrefix("ducha_session="))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains("Secure"))
            let page = try await browser.get("/ledger")
            #expect(page.status == .ok)
            let policy = try #require(page.headers[.contentSecurityPolicy])
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(!policy.contains("script-src"))  // default-src 'none': no script at all
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(!page.text.contains("<script"))
        }
    }

    @Test("a wrong password is refused and logged with the address; the sixth try in a row is throttled")
    func failuresAreThrottledAndLogged() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            var browser = Browser(client)
            for _ in 0..<5 {
                let wrong = try await browser.post("/signin", form: ["name": "clerk", "password": "wrong-password-1"])
                #expect(wrong.status == .unauthorized)
                #expect(wrong.text.contains("账号或密码错误"))
                #expect(wrong.headers[.setCookie] == nil)
            }
            let locked = try await browser.post(
                "/signin", form: ["name": "clerk", "password": PortalFixture.password])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("登录失败次数过多"))
            #expect(browser.cookie == nil)
            let unknown = try await browser.post("/signin", form: ["name": "nobody", "password": "whatever-123"])
            #expect(unknown.status != .seeOther)
        }
        let entries = AuditLog(archive: fixture.archive).entries().filter { $0.action == "登录" }
        #expect(entries.filter { $0.outcome.hasPrefix("失败") && $0.account == "clerk" }.count == 5)
        #expect(entries.contains { $0.outcome.hasPrefix("拒绝") })
        #expect(entries.allSatisfy { !$0.from.isEmpty && !$0.time.isEmpty })
    }

    @Test("signing out ends the session; a disabled account's session ends at its next request")
    func signOutAndDisable() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            var clerk = try await Browser.signedIn(client, as: "clerk")
            let noToken = try await clerk.post("/signout", form: [:], csrf: "")
            #expect(noToken.status == .forbidden)
            let out = try await clerk.post("/signout", form: [:])
            #expect(out.status == .seeOther)
            #expect(try await clerk.get("/ledger").status == .seeOther)

            var unit = try await Browser.signedIn(client, as: "shichahai")
            try AccountBook(archive: fixture.archive).disable(name: "shichahai")
            let after = try await unit.get("/ledger")
            #expect(after.status == .seeOther)
            #expect(after.headers[.location] == "/signin")
            var again = Browser(client)
            let refused = try await again.post(
                "/signin", form: ["name": "shichahai", "password": PortalFixture.password])
            #expect(refused.status == .unauthorized)
        }
    }
}
