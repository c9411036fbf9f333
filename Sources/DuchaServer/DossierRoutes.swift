import DuchaCore
import Foundation
import Hummingbird
import Matters

/// The yearly dossier (DA/T 22) on the web, for the archivist (who builds it) and the clerks (who read it).
///
/// The dossier in the archive (`<year>/dossier/`) holds every 件, 涉密 ones included, and its catalogue names their
/// 题名 and 密级; so when it holds any 涉密 件 the portal offers none of its catalogue files (the page says so and
/// where the whole dossier is). What it offers instead is what goes to the 档案馆 over the network: the hand-over
/// package without 涉密 件 — files, catalogue rows and all, the withheld 件 named by 档号 only — that every build
/// from the portal writes beside the dossier, exactly as `ducha dossier YEAR --export FILE.zip` does. The 涉密
/// part is handed over by the 保密 rules, from the command line (`--include-classified`), never from here.
extension Portal {
    /// Who may read the dossier page, and who may build.
    static let dossierReaders: Set<Role> = [.archivist, .clerk]
    static let dossierBuilders: Set<Role> = [.archivist]

    func addDossier(to router: Router<PortalContext>) {
        router.get("/dossier") { _, context -> Response in
            let viewer = try await viewer(context, roles: Self.dossierReaders)
            let data = dossierData(viewer: viewer)
            return views.page(
                "dossier", title: "年度归档", data: data, viewer: viewer,
                refresh: dossiers.job?.running == true ? 5 : nil)
        }
        router.post("/dossier") { request, context -> Response in
            let viewer = try await viewer(context, roles: Self.dossierBuilders)
            let form = try await form(request, context, viewer: viewer)
            guard let year = Int(form["year"] ?? ""), dossierYears().contains(year) else {
                throw HTTPError(.badRequest, message: "请选择档案中有事项的年度")
            }
            let action = "生成 \(year) 年度归档文件目录"
            let (audit, address, archive) = (audit, context.address, workspace.archive)
            let export = exportPath(year: year)
            let (workspace, snapshot) = (workspace, snapshot)
            let busy = dossiers.start(
                year: year, account: viewer.name,
                work: { progress in
                    try Self.makeExportFolder(archive: archive, year: year)
                    let result = try workspace.write(wait: true) { office in
                        try office.writeDossier(year: year, export: export, progress: progress)
                    }
                    return Self.describe(result)
                },
                ended: { job in
                    switch job.outcome {
                    case .built(let text):
                        audit.append(account: job.account, from: address, action: action, outcome: "完成：\(text)")
                    case .failed(let text):
                        audit.append(account: job.account, from: address, action: action, outcome: "未生成：\(text)")
                    case nil: break
                    }
                    _ = try? snapshot.refresh()
                })
            if let busy {
                let message = "正在生成 \(busy.year) 年度的归档文件目录（\(busy.account) 于 \(Self.beijing(busy.started)) 开始），请等它完成后再试"
                audit.append(account: viewer.name, from: context.address, action: action, outcome: "未开始：\(message)")
                throw HTTPError(.conflict, message: message)
            }
            audit.append(account: viewer.name, from: context.address, action: action, outcome: "已开始")
            return Self.redirect("/dossier")
        }
        router.get("/dossier/:year/:name") { _, context -> Response in
            _ = try await viewer(context, roles: Self.dossierReaders)
            guard let year = Int(Self.parameter(context, "year")) else { throw HTTPError(.notFound) }
            let name = Self.parameter(context, "name")
            guard let path = downloadable(year: year, name: name) else { throw HTTPError(.notFound) }
            let body = try await FileIO().loadFile(path: path, context: context)
            let type = name.hasSuffix(".zip") ? "application/zip" : Self.mediaType(name)
            let ascii = String(
                name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0.value >= 0x20 ? Character($0) : "_" })
            return Response(
                status: .ok,
                headers: [
                    .contentType: type,
                    .contentDisposition:
                        "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(URLText.encode(name))",
                ],
                body: body)
        }
    }

    /// The years with matters in the archive (涉密 ones included: the dossier holds every matter), newest first.
    func dossierYears() -> [Int] {
        Set(snapshot.view.entries.map(\.matter.year)).sorted(by: >)
    }

    /// The hand-over package a build from the portal writes: `.portal/dossier/<year>/<全宗号>-WS·<year>.zip`
    /// (owner-only, beside the accounts and the audit log).
    func exportPath(year: Int) -> String {
        let code = String(
            workspace.profile.fonds.fondsCode.unicodeScalars.filter {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
            }.map(Character.init))
        return "\(workspace.archive)/.portal/dossier/\(year)/\(code.isEmpty ? "Z" : code)-WS·\(year).zip"
    }

    /// The file of the request, if it may be downloaded: a catalogue file of a dossier that holds no 涉密 件, or
    /// the hand-over package (never 涉密).
    private func downloadable(year: Int, name: String) -> String? {
        let export = exportPath(year: year)
        if name == (export as NSString).lastPathComponent { return Self.regularFile(export) ? export : nil }
        guard let summary = dossierSummaries.summary(archive: workspace.archive, year: year), !summary.holdsClassified,
            summary.problem == nil
        else { return nil }
        return summary.catalogue.first { $0.name == name }?.path
    }

    static func makeExportFolder(archive: String, year: Int) throws {
        for folder in ["\(archive)/.portal", "\(archive)/.portal/dossier", "\(archive)/.portal/dossier/\(year)"]
        where !FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        }
    }

    static func describe(_ result: DossierResult) -> String {
        var text = "\(result.items) 件，\(result.pages) 页"
        if let export = result.export {
            text += "；移交包 \(export.items) 件" + (export.withheld > 0 ? "（涉密 \(export.withheld) 件未收）" : "")
            if !export.signed { text += "，未签名（尚无督查室的 SM2 密钥：ducha key init）" }
        }
        return text
    }

    static func regularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// A moment in Beijing time (UTC+8), to the second.
    static func beijing(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        let day = CivilDate(dayNumber: seconds / 86400)
        let time = seconds % 86400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(day.iso) \(two(time / 3600)):\(two(time % 3600 / 60)):\(two(time % 60))"
    }
}
