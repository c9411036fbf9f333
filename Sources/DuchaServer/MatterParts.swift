import Archive
import Matters
import Synchronization

/// Each matter's record and timeline as its page shows them (`matter-record.mustache`, one `matter-event.mustache`
/// per event), rendered once per change of the matter — by its folder and the stamp of its `matter.xml` — and kept
/// from one snapshot to the next. The refresher renders every matter not yet rendered after each look (and after
/// the start, once the server listens: the start does not wait for it), so a matter's page asked for the first time
/// only joins strings; a page asked for before that renders its own.
final class MatterParts: Sendable {
    struct Parts: Sendable {
        var stamp: LedgerSnapshot.Stamp
        var record: String
        var timeline: String
    }

    private let parts = Mutex<[String: Parts]>([:])
    /// The generation of the last snapshot warmed (nothing to do until another).
    private let warmed = Mutex(0)

    /// The record and timeline of `entry`, rendered now if they were not yet.
    func of(_ entry: LedgerSnapshot.Entry, views: Views) -> (record: String, timeline: String) {
        if let kept = parts.withLock({ $0[entry.folder] }), kept.stamp == entry.stamp {
            return (kept.record, kept.timeline)
        }
        let made = views.matterParts(entry.matter, log: entry.log)
        parts.withLock { $0[entry.folder] = Parts(stamp: entry.stamp, record: made.record, timeline: made.timeline) }
        return made
    }

    /// Renders the parts of every matter of `view` that may be shown and has none of its stamp yet, and forgets
    /// those of matters no longer there; once per snapshot.
    func warm(_ view: LedgerSnapshot.View, views: Views) {
        guard warmed.withLock({ $0 }) != view.generation else { return }
        defer { warmed.withLock { $0 = view.generation } }
        let folders = Set(view.entries.map(\.folder))
        parts.withLock { kept in kept = kept.filter { folders.contains($0.key) } }
        for entry in view.entries where !entry.matter.isClassified { _ = of(entry, views: views) }
    }
}

extension Views {
    /// The record and the timeline of a matter's page.
    func matterParts(_ matter: Matter, log: [StoredEvent]) -> (record: String, timeline: String) {
        let id = URLText.encode(matter.id)
        let record = render("matter-record", ["record": Display.pairs(matter.values, specs: MatterCatalogue.fields)])
        var timeline = ""
        for stored in log {
            let event = stored.event
            let shown = event.values.entries.filter { !["事项", "事件", "日期", "经办人", "附件"].contains($0.key) }
            let attachments = (event.values["附件"]?.list ?? []).compactMap(\.text).map { path -> [String: Any] in
                let parts = path.split(separator: "/")
                let href =
                    parts.count >= 2
                    ? "/matters/\(id)/files/\(URLText.encode(String(parts[parts.count - 2])))/\(URLText.encode(String(parts[parts.count - 1])))"
                    : ""
                return ["name": String(parts.last ?? ""), "href": href]
            }
            timeline += render(
                "matter-event",
                [
                    "sequence": stored.sequence, "date": event.date.iso, "kind": event.kind.rawValue,
                    "by": event.text("经办人") ?? "", "slip": stored.slip.map { "\($0)" } ?? "",
                    "fields": Display.pairs(FieldRecord(shown), specs: EventCatalogue.allFields(of: event.kind)),
                    "hasFields": !shown.isEmpty, "attachments": attachments,
                ])
        }
        return (record, timeline)
    }
}
