import DuchaCore
import Hummingbird
import Matters

extension Portal {
    func addLedger(to router: Router<PortalContext>) {
        router.get("/ledger") { request, context -> Response in
            let viewer = try await viewer(context)
            let query = LedgerRequest(Self.query(request))
            let view = snapshot.view
            let key = "ledger \(view.generation) \(viewer.visibility) \(query.query())"
            return views.page(title: "台账", cacheKey: key, viewer: viewer) {
                ledgerBody(query, rows: query.indices(view, viewer: viewer), view: view, viewer: viewer)
            }
        }
        router.get("/ledger.csv") { request, context -> Response in
            let viewer = try await viewer(context)
            let query = LedgerRequest(Self.query(request))
            let view = snapshot.view
            let csv = LedgerExport.csv(query.rows(view, viewer: viewer))
            return Self.download(Array(csv.utf8), name: "台账-\(view.day.iso).csv", type: "text/csv; charset=utf-8")
        }
        router.get("/ledger.xlsx") { request, context -> Response in
            let viewer = try await viewer(context)
            let query = LedgerRequest(Self.query(request))
            let view = snapshot.view
            let bytes = try LedgerExport.xlsx(query.rows(view, viewer: viewer), asOf: view.day)
            return Self.download(
                bytes, name: "台账-\(view.day.iso).xlsx",
                type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
    }

    static func query(_ request: Request) -> [String: String] {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where query[String(key)] == nil {
            query[String(key)] = String(value)
        }
        return query
    }

    /// A file to save, named in UTF-8 (RFC 6266 `filename*`) with an ASCII fallback.
    static func download(_ bytes: [UInt8], name: String, type: String) -> Response {
        let ascii = String(
            name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0.value >= 0x20 ? Character($0) : "_" })
        return Response(
            status: .ok,
            headers: [
                .contentType: type,
                .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(URLText.encode(name))",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Stands where a ledger page's frame takes its rows and its page links: a control character, which no
    /// record text has (intake refuses them) and no template writes.
    private static let slot = "\u{1}"

    /// A ledger page: its frame — the filters, the export links and the table's head, which depend on the query
    /// but not on the page number — rendered once per snapshot and query and kept, with the page's rows (each
    /// rendered when the snapshot was built) and its page links put in: a page asked for the first time costs
    /// joining strings, not rendering.
    private func ledgerBody(_ query: LedgerRequest, rows: [Int], view: LedgerSnapshot.View, viewer: Viewer) -> String {
        let size = LedgerRequest.pageSize
        let pages = max(1, (rows.count + size - 1) / size)
        let page = min(query.page, pages)
        let frameKey = "ledger frame \(view.generation) \(viewer.visibility) \(query.query(["page": ""]))"
        let frame: [String]
        if let kept = views.frames[frameKey] {
            frame = kept
        } else {
            frame = views.render("ledger", ledgerFrame(query, count: rows.count, view: view, viewer: viewer))
                .components(separatedBy: Self.slot)
            views.frames[frameKey] = frame
        }
        var pageLinks: [[String: Any]] = []
        if page > 1 { pageLinks.append(["label": "上一页", "href": "/ledger" + query.query(["page": String(page - 1)])]) }
        if page < pages {
            pageLinks.append(["label": "下一页", "href": "/ledger" + query.query(["page": String(page + 1)])])
        }
        let pager = views.render("ledger-pages", ["page": page, "pages": pages, "pageLinks": pageLinks])
        let shown = rows.dropFirst((page - 1) * size).prefix(size)
        guard frame.count == 3 else {  // a slot character in the data after all: the page whole, the slow way
            var data = ledgerFrame(query, count: rows.count, view: view, viewer: viewer)
            data["rows"] = shown.map { view.fragments[$0] }.joined()
            data["pager"] = pager
            return views.render("ledger", data)
        }
        var body = frame[0]
        for index in shown { body += view.fragments[index] }
        return body + frame[1] + pager + frame[2]
    }

    /// The frame's data: everything on a ledger page but its rows and page links (``slot`` in their places).
    private func ledgerFrame(_ query: LedgerRequest, count: Int, view: LedgerSnapshot.View, viewer: Viewer)
        -> [String: Any]
    {
        let own = viewer.account.unit.flatMap { view.byUnit[$0] } ?? []
        let units =
            viewer.role == .unit
            ? Array(Set(own.flatMap { [view.rows[$0].leadUnit] + view.rows[$0].coUnits })).sorted() : view.units
        func options(_ words: [String], selected: String) -> [[String: Any]] {
            words.map { ["value": $0, "selected": $0 == selected] }
        }
        let headers: [(String, String)] = [
            ("light", "灯"), ("id", "编号"), ("title", "事项名称"), ("unit", "主责单位"), ("deadline", "办理时限"),
            ("state", "状态"), ("next", "下次报送"),
        ]
        let columns: [[String: Any]] = headers.map { key, label in
            let active = query.sort == key
            let order = active && !query.descending ? "desc" : ""
            return [
                "label": label,
                "href": "/ledger" + query.query(["sort": key == "id" ? "" : key, "order": order, "page": ""]),
                "mark": active ? (query.descending ? "▼" : "▲") : "",
            ]
        }
        let exportQuery = query.query(["page": ""])
        return [
            "day": view.day.iso, "count": count, "rows": Self.slot, "pager": Self.slot, "empty": count == 0,
            "columns": columns, "units": options(units, selected: query.unit),
            "kinds": options(MatterKind.allCases.map(\.rawValue), selected: query.kind),
            "states": options(["逾期"] + MatterState.allCases.map(\.rawValue), selected: query.state),
            "lights": options(["红", "黄", "绿", "—"], selected: query.light), "overdue": query.overdue,
            "csv": "/ledger.csv" + exportQuery, "xlsx": "/ledger.xlsx" + exportQuery,
        ]
    }
}

extension Views {
    /// One row of the 台账 as HTML (`ledger-row.mustache`).
    func ledgerRow(_ row: LedgerRow) -> String {
        render(
            "ledger-row",
            [
                "id": row.id, "href": "/matters/" + URLText.encode(row.id), "title": row.title,
                "kind": row.kind.rawValue, "unit": row.leadUnit, "co": row.coUnits.joined(separator: "、"),
                "deadline": row.deadline.iso, "state": row.displayState, "light": row.light.rawValue,
                "next": row.nextDue.map { "\($0.iso) \(row.nextDueWhat ?? "")" } ?? "",
                "overdueText": row.overdue ? "逾期 \(row.daysOverdue) 天" : "",
            ])
    }
}
