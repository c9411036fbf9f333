import DuchaCore
import Foundation
import Hummingbird
import Matters

extension Portal {
    func addDashboard(to router: Router<PortalContext>) {
        router.get("/dashboard") { _, context -> Response in
            let viewer = try await viewer(context)
            let view = snapshot.view
            let key = "dashboard \(view.generation) \(viewer.visibility)"
            return views.page("dashboard", title: "统计", cacheKey: key, viewer: viewer) {
                dashboardData(view, viewer: viewer)
            }
        }
        router.get("/dashboard/units.svg") { _, context -> Response in
            let viewer = try await viewer(context)
            let view = snapshot.view
            let svg: [UInt8]
            if viewer.role == .unit {
                svg = view.report.map { UnitChart.svg($0, units: Self.ownUnits($0, viewer: viewer)) } ?? []
            } else {
                svg = view.chart
            }
            guard !svg.isEmpty else { throw HTTPError(.notFound) }
            return Response(
                status: .ok, headers: [.contentType: "image/svg+xml"], body: .init(byteBuffer: ByteBuffer(bytes: svg)))
        }
        router.get("/bulletins") { _, context -> Response in
            let viewer = try await viewer(context)
            let day = configuration.today()
            var quarters: [[String: Any]] = []
            for year in [day.year, day.year - 1] {
                for quarter in (1...4).reversed() {
                    if let period = ReportPeriod(year: year, quarter: quarter), period.last <= day {
                        quarters.append(["key": period.key, "label": period.chinese])
                    }
                }
            }
            let files = Self.bulletinFiles(archive: workspace.archive).map {
                ["year": $0.year, "name": $0.name, "href": "/bulletins/\($0.year)/\(URLText.encode($0.name))"]
            }
            return views.page(
                "bulletins", title: "刊物",
                data: [
                    "files": files, "none": files.isEmpty, "clerk": viewer.role == .clerk, "csrf": viewer.csrf,
                    "quarters": quarters, "title": workspace.profile.publications.title,
                ], viewer: viewer)
        }
        router.get("/bulletins/:year/:name") { _, context -> Response in
            _ = try await viewer(context)
            let year = Self.parameter(context, "year")
            let name = Self.parameter(context, "name")
            guard
                let file = Self.bulletinFiles(archive: workspace.archive).first(where: {
                    $0.year == year && $0.name == name
                }),
                let bytes = FileManager.default.contents(atPath: file.path)
            else { throw HTTPError(.notFound) }
            return Self.download(Array(bytes), name: name, type: Self.mediaType(name))
        }
        router.post("/bulletins") { request, context -> Response in
            let viewer = try await viewer(context, roles: [.clerk])
            let form = try await form(request, context, viewer: viewer)
            guard let period = ReportPeriod(parsing: form["quarter"] ?? ""), period.quarter != nil else {
                throw HTTPError(.badRequest, message: "请选择季度")
            }
            let today = configuration.today()
            do {
                let archivalCopies = configuration.archivalCopies
                let (published, copies) = try await writer.write { office in
                    let publication = try office.publishBulletin(period, today: today).publication
                    let copies = archivalCopies ? try office.fileArchivalCopies([publication.paths[0]]) : nil
                    return (publication.number, copies)
                }
                for failure in copies?.failures ?? [] {
                    audit.append(
                        account: viewer.name, from: context.address, action: "另存 PDF/A 归档件",
                        outcome: "未生成：\(failure)")
                }
                audit.append(
                    account: viewer.name, from: context.address, action: "出刊 \(period.key)", outcome: "\(published)")
                return Self.redirect("/bulletins")
            } catch let error as DuchaError {
                audit.append(
                    account: viewer.name, from: context.address, action: "出刊 \(period.key)", outcome: "未出刊：\(error)")
                throw HTTPError(.badRequest, message: error.description)
            }
        }
        router.get("/verify") { _, context -> Response in
            let viewer = try await viewer(context, roles: [.archivist, .clerk])
            let result = try Verification.run(archive: workspace.archive)
            let findings =
                result.bags.flatMap { bag in bag.findings.map { "\(bag.name)：\($0)" } }
                + result.registry.map { "\($0)" }
            return views.page(
                "verify", title: "档案检查",
                data: [
                    "bags": result.bags.count, "problems": result.problems, "findings": findings,
                    "whole": findings.isEmpty,
                ],
                viewer: viewer)
        }
    }

    struct BulletinFile {
        var year: String
        var name: String
        var path: String
    }

    /// The issues of 《西城政务督查》 in the archive (`<year>/bulletins/data/`), newest year first.
    static func bulletinFiles(archive: String) -> [BulletinFile] {
        let fm = FileManager.default
        let years = ((try? fm.contentsOfDirectory(atPath: archive)) ?? []).filter { $0.count == 4 && Int($0) != nil }
        var files: [BulletinFile] = []
        for year in years.sorted(by: >) {
            let folder = "\(archive)/\(year)/bulletins/data"
            for name in ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            where name.hasSuffix(".odt") || name.hasSuffix(".pdf") {
                var info = stat()
                guard lstat(folder + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                files.append(BulletinFile(year: year, name: name, path: folder + "/" + name))
            }
        }
        return files
    }

    /// The bulletin's per-unit figures an account is shown: every unit's for the office, its own unit's (as 主责)
    /// for a unit account.
    static func ownUnits(_ report: PeriodReport, viewer: Viewer) -> [UnitTally] {
        guard viewer.role == .unit else { return report.units }
        return report.units.filter { $0.unit == viewer.account.unit }
    }

    /// Counts by state and light of the matters the account may see, and per unit the figures and chart of
    /// 《西城政务督查》 (the core's ``PeriodReport`` for the day's quarter, as of the day); 涉密 matters are counted in
    /// the total only.
    private func dashboardData(_ view: LedgerSnapshot.View, viewer: Viewer) -> [String: Any] {
        let counts =
            viewer.role == .unit
            ? LedgerSnapshot.Counts((viewer.account.unit.flatMap { view.byUnit[$0] } ?? []).map { view.rows[$0] })
            : view.counts
        let shown = counts.shown
        var data: [String: Any] = [
            "day": view.day.iso, "shown": shown, "total": shown + view.classified, "classified": view.classified,
            "office": viewer.role != .unit,
            "states": (["逾期"] + MatterState.allCases.map(\.rawValue)).compactMap { s in
                counts.states[s].map { ["label": s, "count": $0, "max": shown] }
            },
            "lights": ["红", "黄", "绿", "—"].map {
                ["label": $0, "count": counts.lights[$0] ?? 0, "max": max(shown, 1)]
            },
        ]
        if let report = view.report {
            let t = { (n: Int) in String(n) }
            data["period"] = report.period.chinese
            data["chart"] = "/dashboard/units.svg?g=\(view.generation)"
            data["chartTitle"] = "各单位督查事项办理情况（截至\(report.asOf.chinese)）"
            data["units"] = Self.ownUnits(report, viewer: viewer).map { unit -> [String: Any] in
                let tally = unit.tally
                return [
                    "name": unit.unit, "matters": t(tally.matters), "done": t(tally.completed),
                    "open": t(tally.inProgress), "overdue": t(tally.overdue), "reminders": t(tally.reminders),
                    "returns": t(tally.returns),
                ]
            }
        }
        return data
    }
}
