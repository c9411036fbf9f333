import Archive
import Matters

/// What a snapshot renders once for each matter it reads, so that a page asked for the first time only joins
/// strings: the matter's ledger row, and its record and timeline as its page shows them. A stored event never
/// changes, and a matter read again (its `matter.xml` changed) is rendered again.
struct Fragments: Sendable {
    /// One row of the 台账.
    var row: @Sendable (LedgerRow) -> String
    /// The matter's record (`matter-record.mustache`) and its timeline, one `matter-event.mustache` per event.
    var matter: @Sendable (Matter, [StoredEvent]) -> (record: String, timeline: String)
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
