import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The portal's HTML: Mustache templates shipped with the server (every value escaped unless a template says
/// otherwise, which only the layout does, for the page it wraps) and its stylesheet.
struct Views: Sendable {
    let library: MustacheLibrary
    let stylesheet: [UInt8]
    let office: String
    let bodies = PageCache<String>()
    /// The parts of pages that many requests share (a ledger page's frame, around its rows and page links).
    let frames = PageCache<[String]>()

    init(office: String) async throws {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw PortalError("找不到网页模板（DuchaServer 的资源）")
        }
        MustacheContentTypes.register(PortalHTML(), named: PortalHTML.name)
        library = try await MustacheLibrary(directory: folder)
        stylesheet = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/portal.css")))
        self.office = office
    }

    /// A page: `template` rendered with `data`, inside the layout.
    /// - Parameter refresh: seconds after which the browser asks for the page again (a `<meta>` refresh: no script).
    func page(
        _ template: String, title: String, data: [String: Any] = [:], viewer: Viewer? = nil,
        status: HTTPResponse.Status = .ok, refresh: Int? = nil
    ) -> Response {
        page(
            title: title, body: library.render(Self.clean(data), withTemplate: template) ?? "", viewer: viewer,
            status: status, refresh: refresh)
    }

    /// A fragment: `template` rendered with `data` (no layout).
    func render(_ template: String, _ data: [String: Any]) -> String {
        library.render(Self.clean(data), withTemplate: template) ?? ""
    }

    /// A page whose body depends only on `key` (which names the snapshot's generation and everything else the body
    /// shows): made by `data` once, then taken from the cache.
    func page(
        _ template: String, title: String, cacheKey key: String, viewer: Viewer, data: () -> [String: Any]
    ) -> Response {
        page(title: title, cacheKey: key, viewer: viewer) {
            library.render(Self.clean(data()), withTemplate: template) ?? ""
        }
    }

    /// A page whose body, made by `body` (which may put it together from parts of its own), depends only on `key`.
    func page(title: String, cacheKey key: String, viewer: Viewer, body: () -> String) -> Response {
        if let kept = bodies[key] { return page(title: title, body: kept, viewer: viewer, status: .ok) }
        let made = body()
        bodies[key] = made
        return page(title: title, body: made, viewer: viewer, status: .ok)
    }

    private func page(
        title: String, body: String, viewer: Viewer?, status: HTTPResponse.Status,
        refresh: Int? = nil
    ) -> Response {
        var layout: [String: Any] = ["title": title, "office": office, "body": body]
        if let refresh { layout["refresh"] = String(refresh) }
        if let viewer { layout["account"] = viewer.layoutData }
        let html = library.render(Self.clean(layout), withTemplate: "layout") ?? ""
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The data without empty texts, so that `{{#key}}` shows a section only for a text that says something.
    static func clean(_ value: Any) -> Any {
        switch value {
        case let dictionary as [String: Any]:
            var out: [String: Any] = [:]
            for (key, item) in dictionary {
                if let text = item as? String, text.isEmpty { continue }
                out[key] = clean(item)
            }
            return out
        case let array as [[String: Any]]:
            return array.map { clean($0) }
        default:
            return value
        }
    }
}
