import Dispatch
public import DuchaCore
import Foundation
import HTTPTypes
public import Hummingbird
import HummingbirdAuth
public import Logging
public import Matters
import ServiceLifecycle
import Synchronization

/// How the portal is started.
public struct PortalConfiguration: Sendable {
    public var workspace: Workspace
    /// The address to listen on: loopback unless told otherwise.
    public var host = "127.0.0.1"
    public var port = 8080
    /// Mark the session cookie `Secure` (behind a TLS proxy).
    public var secureCookie = false
    /// How often the server looks for changes made by the command line, in seconds.
    public var refreshSeconds = 2.0
    /// The day the ledger is for (today by default; tests fix it).
    public var today: @Sendable () -> CivilDate = { CivilDate.today() }
    /// How long a session lasts, in hours.
    public var sessionHours = 8
    /// File a PDF/A-2b copy beside each slip an action issues (where LibreOffice is installed), as the clerk's
    /// commands do; the copy is made under the archive lock, so the action waits for LibreOffice.
    public var archivalCopies = false

    public init(workspace: Workspace) { self.workspace = workspace }
}

/// The office's web portal (督查管理系统) over one archive: every page reads the snapshot of the archive, every
/// change goes through the core library under the archive lock, exactly as the command line does it.
public struct Portal: Sendable {
    let configuration: PortalConfiguration
    let views: Views
    let accounts: AccountCache
    let throttle = SignInThrottle()
    let audit: AuditLog
    let snapshot: LedgerSnapshot
    let writer: ArchiveWriter
    let sessions: MemoryPersistDriver<ContinuousClock>
    let printShop: PrintShop
    /// The yearly dossier's builds from the portal (one at a time), and the dossiers' summaries.
    let dossiers = DossierBuilder()
    /// Each matter's record and timeline as its page shows them, rendered once per change of the matter.
    let matterParts = MatterParts()
    let dossierSummaries = DossierSummaries()

    /// Reads the archive once and loads the templates.
    public init(_ configuration: PortalConfiguration) async throws {
        self.configuration = configuration
        let workspace = configuration.workspace
        let views = try await Views(office: workspace.profile.name)
        self.views = views
        accounts = AccountCache(book: AccountBook(archive: workspace.archive))
        audit = AuditLog(archive: workspace.archive)
        snapshot = try LedgerSnapshot(
            workspace: workspace, today: configuration.today,
            render: { views.ledgerRow($0) })
        writer = ArchiveWriter(workspace: workspace)
        sessions = MemoryPersistDriver()
        printShop = try PrintShop(workspace: workspace)
    }

    var workspace: Workspace { configuration.workspace }

    /// The routes, with security headers, error pages and sessions.
    public func router() -> Router<PortalContext> {
        let router = Router(context: PortalContext.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ErrorPages(views: views))
        router.add(
            middleware: SessionMiddleware(
                storage: sessions,
                configuration: .init(
                    sessionCookieParameters: .init(
                        name: "ducha_session", path: "/", secure: configuration.secureCookie, sameSite: .strict),
                    keyPrefix: "ducha.",
                    defaultSessionExpiration: .seconds(configuration.sessionHours * 3600))))
        addSignIn(to: router)
        addLedger(to: router)
        addMatter(to: router)
        addEvents(to: router)
        addRegistration(to: router)
        addDashboard(to: router)
        addDossier(to: router)
        return router
    }

    /// The application: the routes on the configured address, the session store's cleaner and the refresher
    /// that picks up the command line's changes.
    public func application(logger: Logger = Logger(label: "ducha.serve")) -> some ApplicationProtocol {
        var app = Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            logger: logger)
        let (views, parts) = (views, matterParts)
        app.addServices(
            sessions,
            Refresher(snapshot: snapshot, seconds: configuration.refreshSeconds) { view in
                parts.warm(view, views: views)
            })
        return app
    }

    /// The signed-in account of a request, or a redirect to the sign-in page (a disabled or removed account's
    /// session ends here).
    func viewer(_ context: PortalContext) async throws -> Viewer {
        guard let session = context.sessions.session else {
            throw HTTPError(.seeOther, headers: [.location: "/signin"])
        }
        guard let account = try await accounts.account(session.account) else {
            context.sessions.clearSession()
            throw HTTPError(.seeOther, headers: [.location: "/signin"])
        }
        return Viewer(account: account, csrf: session.csrf)
    }

    /// The viewer, refused (403) unless of one of `roles`.
    func viewer(_ context: PortalContext, roles: Set<Role>) async throws -> Viewer {
        let viewer = try await viewer(context)
        guard roles.contains(viewer.role) else { throw HTTPError(.forbidden, message: "此账号无权进行此操作") }
        return viewer
    }

    /// A posted form of a signed-in account, refused (403) without the session's CSRF token or from another site.
    func form(_ request: Request, _ context: PortalContext, viewer: Viewer, limit: Int = 1 << 20) async throws
        -> FormBody
    {
        try Self.checkOrigin(request)
        let form = try await FormBody.read(request, limit: limit)
        guard let token = form["csrf"], Self.same(token, viewer.csrf) else {
            throw HTTPError(.forbidden, message: "表单已过期或来源不明（缺少有效的 CSRF 令牌），请刷新页面后重试")
        }
        return form
    }

    /// Refuses a post whose browser says it came from another site.
    static func checkOrigin(_ request: Request) throws {
        if let site = request.headers[.secFetchSite], site != "same-origin", site != "none" {
            throw HTTPError(.forbidden, message: "拒绝来自其他网站的请求")
        }
        if let origin = request.headers[.origin], let host = request.head.authority {
            guard origin == "http://" + host || origin == "https://" + host else {
                throw HTTPError(.forbidden, message: "拒绝来自其他网站的请求")
            }
        }
    }

    /// Compares two tokens in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    /// 32 random bytes as hex, from the system's generator.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

/// Looks for the command line's changes every few seconds.
struct Refresher: Service {
    let snapshot: LedgerSnapshot
    let seconds: Double
    /// Work on the current picture after each look (the matter pages' parts not yet rendered), on the same thread.
    let after: @Sendable (LedgerSnapshot.View) -> Void

    /// Looks at the archive every `seconds` on a thread of its own, until the service shuts down: the look at
    /// every matter.xml neither holds up the tasks that serve pages nor waits for one of them to be free. Before
    /// the first look it does ``after`` for the picture read at start.
    func run() async throws {
        let stop = StopFlag()
        let (snapshot, seconds, after) = (snapshot, seconds, after)
        Thread {
            after(snapshot.view)
            while !stop.isSet {
                Thread.sleep(forTimeInterval: seconds)
                if stop.isSet { break }
                if let view = try? snapshot.refresh() { after(view) }
            }
        }.start()
        try? await gracefulShutdown()
        stop.set()
    }
}

/// A flag one thread sets and another reads.
private final class StopFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
