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
            return views.page("ledger", title: "台账", cacheKey: key, viewer: viewer) {
                ledgerData(query, rows: query.indices(view, viewer: viewer), view: view, viewer: viewer)
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

    private func ledgerData(_ query: LedgerRequest, rows: [Int], view: LedgerSnapshot.View, viewer: Viewer)
        -> [String: Any]
    {
        let size = LedgerRequest.pageSize
        let pages = max(1, (rows.count + size - 1) / size)
        let page = min(query.page, pages)
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
        // Each row's HTML was rendered when the snapshot was built (``Views/ledgerRow(_:)``): a page only joins them.
        let rowHTML = rows.dropFirst((page - 1) * size).prefix(size).map { view.fragments[$0] }.joined()
        var pageLinks: [[String: Any]] = []
        if page > 1 { pageLinks.append(["label": "上一页", "href": "/ledger" + query.query(["page": String(page - 1)])]) }
        if page < pages {
            pageLinks.append(["label": "下一页", "href": "/ledger" + query.query(["page": String(page + 1)])])
        }
        let exportQuery = query.query(["page": ""])
        return [
            "day": view.day.iso, "count": rows.count, "page": page, "pages": pages, "rows": rowHTML,
            "empty": rows.isEmpty, "columns": columns, "pageLinks": pageLinks,
            "units": options(units, selected: query.unit),
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
