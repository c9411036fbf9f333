import DuchaCore
import Foundation
import Hummingbird
import Matters

extension Portal {
    func addDashboard(to router: Router<PortalContext>) {
        router.get("/dashboard") { _, context -> Response in
            let viewer = try await viewer(context)
            let view = snapshot.view
            return views.page("dashboard", title: "统计", data: dashboardData(view, viewer: viewer), viewer: viewer)
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

    /// Counts by state and light of the matters the account may see, and per unit as the bulletin draws them;
    /// 涉密 matters are counted in the total only.
    private func dashboardData(_ view: LedgerSnapshot.View, viewer: Viewer) -> [String: Any] {
        var states: [String: Int] = [:]
        var lights: [String: Int] = [:]
        var units: [String: (done: Int, open: Int, overdue: Int)] = [:]
        var shown = 0
        var classified = 0
        for entry in view.entries {
            guard let row = entry.standing?.row else { continue }
            if entry.matter.isClassified {
                classified += 1
                continue
            }
            guard viewer.sees(entry.matter) else { continue }
            shown += 1
            states[row.displayState, default: 0] += 1
            lights[row.light.rawValue, default: 0] += 1
            var unit = units[row.leadUnit] ?? (0, 0, 0)
            if row.state.isFinished { unit.done += 1 } else if row.overdue { unit.overdue += 1 } else { unit.open += 1 }
            units[row.leadUnit] = unit
        }
        let most = max(1, units.values.map { $0.done + $0.open + $0.overdue }.max() ?? 1)
        return [
            "day": view.day.iso, "shown": shown, "total": viewer.role == .unit ? shown : shown + classified,
            "classified": viewer.role == .unit ? 0 : classified, "office": viewer.role != .unit,
            "states": (["逾期"] + MatterState.allCases.map(\.rawValue)).compactMap { s in
                states[s].map { ["label": s, "count": $0, "max": shown] }
            },
            "lights": ["红", "黄", "绿", "—"].map { ["label": $0, "count": lights[$0] ?? 0, "max": max(shown, 1)] },
            "units": units.keys.sorted().map { name in
                let u = units[name]!
                return [
                    "name": name, "done": u.done, "open": u.open, "overdue": u.overdue, "max": most,
                    "total": u.done + u.open + u.overdue,
                ]
            },
        ]
    }
}
