import Archive
import DuchaCore
import Foundation
import Hummingbird
import Matters

extension Portal {
    func addMatter(to router: Router<PortalContext>) {
        router.get("/matters/:id") { request, context -> Response in
            let viewer = try await viewer(context)
            let entry = try await visibleEntry(context, viewer: viewer)
            let view = snapshot.view
            let query = Self.query(request)
            let key = "matter \(view.generation) \(viewer.visibility) \(entry.matter.id) \(query["recorded"] ?? "")"
            return views.page("matter", title: entry.matter.title, cacheKey: key, viewer: viewer) {
                matterData(entry, day: view.day, viewer: viewer, query: query)
            }
        }
        router.get("/matters/:id/files/:folder/:name") { _, context -> Response in
            let viewer = try await viewer(context)
            let entry = try await visibleEntry(context, viewer: viewer)
            let folder = Self.parameter(context, "folder")
            let name = Self.parameter(context, "name")
            guard let file = Self.documents(of: entry).first(where: { $0.folder == folder && $0.name == name }),
                let bytes = try? AtomicFile.read(file.path)
            else { throw HTTPError(.notFound) }
            return Self.download(bytes, name: name, type: Self.mediaType(name))
        }
        router.get("/matters/:id/print/:folder/:name") { _, context -> Response in
            let document = try await printable(context)
            let bytes = try await Self.printing { try await printShop.pdf(of: document.path) }
            return Self.download(
                bytes, name: String(document.name.dropLast(document.name.hasSuffix(".fodt") ? 5 : 4)) + ".pdf",
                type: "application/pdf")
        }
        router.get("/matters/:id/page1/:folder/:name") { _, context -> Response in
            let document = try await printable(context)
            let bytes = try await Self.printing { try await printShop.firstPage(of: document.path) }
            return Response(
                status: .ok, headers: [.contentType: "image/png"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    /// The `.odt` or `.fodt` document of the request, of a matter the account may see (else 404).
    private func printable(_ context: PortalContext) async throws -> Document {
        let viewer = try await viewer(context)
        let entry = try await visibleEntry(context, viewer: viewer)
        let folder = Self.parameter(context, "folder")
        let name = Self.parameter(context, "name")
        guard name.hasSuffix(".odt") || name.hasSuffix(".fodt"),
            let document = Self.documents(of: entry).first(where: { $0.folder == folder && $0.name == name })
        else { throw HTTPError(.notFound) }
        return document
    }

    /// A print copy, or 503 with why it cannot be made here.
    private static func printing(_ body: () async throws -> [UInt8]) async throws -> [UInt8] {
        do {
            return try await body()
        } catch let error as PortalError {
            throw HTTPError(.serviceUnavailable, message: error.description)
        }
    }

    /// The matter of the request's `:id`, or 404 — the same 404 for one that does not exist, a 涉密 one, and one
    /// of another unit.
    func visibleEntry(_ context: PortalContext, viewer: Viewer) async throws -> LedgerSnapshot.Entry {
        let id = Self.parameter(context, "id")
        guard let entry = snapshot.view.entry(id), viewer.sees(entry.matter) else { throw HTTPError(.notFound) }
        return entry
    }

    static func parameter(_ context: PortalContext, _ name: String) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    struct Document: Sendable {
        var folder: String
        var name: String
        var path: String
    }

    /// The papers of a matter's bag: every regular file in the stage folders under `data/` (not `matter.xml`
    /// and nothing through a symbolic link).
    static func documents(of entry: LedgerSnapshot.Entry) -> [Document] {
        var documents: [Document] = []
        for folder in ArchiveStore.Folder.allCases.map(\.rawValue) {
            let path = entry.folder + "/data/" + folder
            guard Self.isRegular(path, directory: true),
                let names = try? FileManager.default.contentsOfDirectory(atPath: path)
            else { continue }
            for name in names.sorted() where !name.hasPrefix(".") && Self.isRegular(path + "/" + name, directory: false)
            {
                documents.append(Document(folder: folder, name: name, path: path + "/" + name))
            }
        }
        return documents
    }

    private static func isRegular(_ path: String, directory: Bool) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == (directory ? S_IFDIR : S_IFREG)
    }

    static func mediaType(_ name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "pdf": return "application/pdf"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "odt": return "application/vnd.oasis.opendocument.text"
        case "ods": return "application/vnd.oasis.opendocument.spreadsheet"
        case "fodt": return "application/vnd.oasis.opendocument.text-flat-xml"
        case "xml": return "application/xml"
        case "ofd": return "application/ofd"
        default: return "application/octet-stream"
        }
    }

    private func matterData(_ entry: LedgerSnapshot.Entry, day: CivilDate, viewer: Viewer, query: [String: String])
        -> [String: Any]
    {
        let matter = entry.matter
        let id = URLText.encode(matter.id)
        let row = entry.standing?.row
        // The record and the timeline are rendered once per change of the matter (``MatterParts``).
        let parts = matterParts.of(entry, views: views)
        let printable = PrintShop.canPrint
        let documents: [[String: Any]] = Self.documents(of: entry).map {
            let place = "\(URLText.encode($0.folder))/\(URLText.encode($0.name))"
            let slip = printable && ($0.name.hasSuffix(".odt") || $0.name.hasSuffix(".fodt"))
            return [
                "folder": $0.folder, "name": $0.name, "href": "/matters/\(id)/files/\(place)",
                "pdf": slip ? "/matters/\(id)/print/\(place)" : "",
                "page1": slip && PrintShop.pdftoppm != nil ? "/matters/\(id)/page1/\(place)" : "",
            ]
        }
        let actions = ActionProbe.actions(
            viewer.kinds, matter: matter, log: entry.log, day: day, lifecycle: workspace.lifecycle)
        let recorded = query["recorded"].flatMap(Int.init).flatMap { n in entry.log.first { $0.sequence == n } }
        var data: [String: Any] = [
            "id": matter.id, "title": matter.title,
            "record": parts.record, "timeline": parts.timeline, "documents": documents,
            "noDocuments": documents.isEmpty,
            "allowed": actions.filter { $0.refusal == nil }.map {
                ["kind": $0.kind.rawValue, "href": "/matters/\(id)/events/\(URLText.encode($0.kind.rawValue))"]
            },
            "refused": actions.compactMap { a in a.refusal.map { ["kind": a.kind.rawValue, "reason": $0] } },
            "hasActions": !actions.isEmpty, "hasRefused": actions.contains { $0.refusal != nil },
        ]
        if let recorded {
            data["recorded"] =
                "已记录“\(recorded.event.kind.rawValue)”" + (recorded.slip.map { "，单据文号 \($0)" } ?? "")
        }
        if let row {
            data["state"] = row.displayState
            data["light"] = row.light.rawValue
            data["deadline"] = row.deadline.iso
            data["next"] = row.nextDue.map { "\($0.iso) \(row.nextDueWhat ?? "")" } ?? "—"
        }
        if let problem = entry.problem { data["problem"] = problem }
        return data
    }
}
