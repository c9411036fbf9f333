import Hummingbird
import HummingbirdAuth
import NIOCore

/// What a signed-in browser's session holds: the account's name and the token every form it posts must carry.
public struct PortalSession: Sendable, Codable, Equatable {
    public var account: String
    /// The CSRF token: random, per session, sent back in a hidden field of every form.
    public var csrf: String
}

/// The request context of the portal: the session and the client's address (for the log and the throttle).
public struct PortalContext: SessionRequestContext, RequestContext {
    public typealias Session = PortalSession
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<PortalSession>
    /// The client's address, as the log writes it.
    public let address: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sessions = .init()
        address = source.channel.remoteAddress?.ipAddress ?? "未知地址"
    }

    /// Uploads (an attachment with the form around it) may be this large.
    public var maxUploadSize: Int { Upload.maxBytes + 1 << 20 }
}
