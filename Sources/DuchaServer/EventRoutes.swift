import DuchaCore
import Foundation
import Hummingbird
import Matters

extension Portal {
    func addEvents(to router: Router<PortalContext>) {
        router.get("/matters/:id/events/:kind") { _, context -> Response in
            let (viewer, entry, kind) = try await eventTarget(context)
            return eventPage(entry, kind: kind, viewer: viewer, posted: [:], problems: [])
        }
        router.post("/matters/:id/events/:kind") { request, context -> Response in
            let (viewer, entry, kind) = try await eventTarget(context)
            let form = try await form(request, context, viewer: viewer, limit: Upload.maxBytes * 2 + (1 << 20))
            return try await record(kind, on: entry, form: form, viewer: viewer, from: context.address)
        }
    }

    /// The signed-in account, the matter it may see (else 404) and an event kind its role records (else 403).
    private func eventTarget(_ context: PortalContext) async throws -> (Viewer, LedgerSnapshot.Entry, EventKind) {
        let viewer = try await viewer(context)
        let entry = try await visibleEntry(context, viewer: viewer)
        guard let kind = EventKind(rawValue: Self.parameter(context, "kind")), kind != .registration,
            ActionProbe.applies(kind, to: entry.matter)
        else { throw HTTPError(.notFound) }
        guard viewer.kinds.contains(kind) else { throw HTTPError(.forbidden, message: "此账号不能记录“\(kind.rawValue)”") }
        return (viewer, entry, kind)
    }

    /// Records the posted event through the core exactly as an event file of `ducha intake` is recorded, with
    /// 经办人 the account; shows the form again with every problem beside its field, or goes to the matter.
    private func record(
        _ kind: EventKind, on entry: LedgerSnapshot.Entry, form: FormBody, viewer: Viewer, from address: String
    ) async throws -> Response {
        let matter = entry.matter
        var posted: [String: [String]] = [:]
        for (name, value) in form.fields where name.hasPrefix("f.") {
            posted[String(name.dropFirst(2)), default: []].append(value)
        }
        var record: [String: Any] = [
            "事项": matter.id, "事件": kind.rawValue, "经办人": viewer.name,
            "日期": viewer.role == .clerk ? (posted["日期"]?.first?.trimmingLines ?? "") : snapshotDay().iso,
        ]
        for spec in EventCatalogue.fields(of: kind) + [EventCatalogue.common.spec("说明")!] {
            if let value = FormFields.json(spec, posted: posted[spec.key] ?? []) { record[spec.key] = value }
        }
        var attachments: [String: [UInt8]] = [:]
        var attachmentErrors: [String] = []
        for file in form.files where file.field == "attachment" {
            guard file.bytes.count <= Upload.maxBytes else {
                attachmentErrors.append("附件“\(MessageText.escaped(file.name))”超过 \(Upload.maxBytes >> 20) MiB")
                continue
            }
            guard let type = Upload.kind(of: file.bytes) else {
                attachmentErrors.append("附件“\(MessageText.escaped(file.name))”不是 PDF、PNG、JPEG、OFD 或 ODF 文档（按文件内容判断）")
                continue
            }
            var name = Upload.safeName(file.name, kind: type)
            var n = 2
            while attachments[name] != nil, attachments[name] != file.bytes {
                name = Upload.safeName(file.name, kind: type).replacingOccurrences(
                    of: ".\(type.rawValue)", with: "-\(n).\(type.rawValue)")
                n += 1
            }
            attachments[name] = file.bytes
        }
        if !attachments.isEmpty { record["附件"] = attachments.keys.sorted() }
        guard attachmentErrors.isEmpty else {
            return eventPage(
                entry, kind: kind, viewer: viewer, posted: posted, problems: [], attachmentErrors: attachmentErrors)
        }
        let json = try JSONSerialization.data(withJSONObject: ["事件": [record]], options: [.sortedKeys])
        let bytes = Array(json)
        let files = attachments
        let archivalCopies = configuration.archivalCopies
        let (result, copies) = try await writer.write { office in
            let result = try office.takeIn(eventRecord: bytes, named: "网页表单", attachments: files)
            let copies = archivalCopies ? try office.fileArchivalCopies(result.slips.map(\.path)) : nil
            return (result, copies)
        }
        for failure in copies?.failures ?? [] {
            audit.append(
                account: viewer.name, from: address, action: "另存 PDF/A 归档件", matter: matter.id,
                outcome: "未生成：\(failure)")
        }
        let problems = result.problems
        if problems.isEmpty {
            let view = try snapshot.refresh()
            let sequence = view.entry(matter.id)?.log.count ?? 0
            let slip = result.slips.first.map { "，单据 \($0.number)" } ?? ""
            audit.append(
                account: viewer.name, from: address, action: "记录“\(kind.rawValue)”", matter: matter.id,
                outcome: result.eventsAdded > 0 ? "已记录（第 \(sequence) 个事件\(slip)）" : "同样的事件已记录，未改动")
            return Self.redirect("/matters/\(URLText.encode(matter.id))?recorded=\(sequence)#event-\(sequence)")
        }
        audit.append(
            account: viewer.name, from: address, action: "记录“\(kind.rawValue)”", matter: matter.id,
            outcome: "未记录：" + problems.map(\.description).joined(separator: "；"))
        return eventPage(
            entry, kind: kind, viewer: viewer, posted: posted, problems: problems, status: .unprocessableContent)
    }

    private func snapshotDay() -> CivilDate { configuration.today() }

    private func eventPage(
        _ entry: LedgerSnapshot.Entry, kind: EventKind, viewer: Viewer, posted: [String: [String]],
        problems: [Problem], attachmentErrors: [String] = [], status: HTTPResponse.Status = .ok
    ) -> Response {
        let matter = entry.matter
        let (byField, general) = FormFields.errors(problems.compactMap(\.diagnostic))
        var generalTexts =
            general
            + problems.filter { $0.diagnostic == nil }.map { problem in
                problem.refusal.map { "现在不能记录：\($0.reason)" } ?? problem.description
            }
        generalTexts += byField["附件"] ?? []
        var values = posted
        if kind == .receipt, values["签收人"] == nil { values["签收人"] = [viewer.name] }
        let day = configuration.today()
        let refusal = ActionProbe.actions(
            [kind], matter: matter, log: entry.log, day: day, lifecycle: workspace.lifecycle
        ).first?.refusal
        let id = URLText.encode(matter.id)
        let data: [String: Any] = [
            "kind": kind.rawValue, "id": matter.id, "title": matter.title, "back": "/matters/\(id)",
            "action": "/matters/\(id)/events/\(URLText.encode(kind.rawValue))", "csrf": viewer.csrf,
            "editableDate": viewer.role == .clerk, "date": posted["日期"]?.first ?? day.iso, "by": viewer.name,
            "note": posted["说明"]?.first ?? "", "maxMiB": Upload.maxBytes >> 20,
            "fields": FormFields.inputs(EventCatalogue.fields(of: kind), values: values, errors: byField),
            "general": generalTexts, "attachmentErrors": attachmentErrors,
            "refusal": problems.isEmpty ? (refusal ?? "") : "",
        ]
        return views.page("event", title: kind.rawValue, data: data, viewer: viewer, status: status)
    }
}
