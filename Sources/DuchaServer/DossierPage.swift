import DuchaCore
import Foundation
import Synchronization

extension Portal {
    /// The dossier page: the current or last build, and per year of the archive its dossier as `ducha dossier`
    /// left it — when it was written, what it holds, whether the archive changed since — with what may be
    /// downloaded, and the hand-over package.
    func dossierData(viewer: Viewer) -> [String: Any] {
        let archive = workspace.archive
        let job = dossiers.job
        let canBuild = Self.dossierBuilders.contains(viewer.role)
        var years: [[String: Any]] = []
        for year in dossierYears() {
            var item: [String: Any] = ["year": String(year)]
            let summary = dossierSummaries.summary(archive: archive, year: year)
            var changed = 0
            if let summary {
                changed = summary.changedMatters(archive: archive)
                item["made"] = [
                    "date": summary.date?.iso ?? "", "written": Self.beijing(summary.written),
                    "items": String(summary.items), "pages": String(summary.pages),
                    "classified": summary.classifiedItems > 0 ? String(summary.classifiedItems) : "",
                    "stale": changed > 0, "changed": String(changed), "problem": summary.problem ?? "",
                ]
                if summary.holdsClassified || summary.problem != nil {
                    item["withheld"] = true
                } else {
                    item["hasCatalogue"] = !summary.catalogue.isEmpty
                    item["catalogue"] = summary.catalogue.map {
                        [
                            "name": $0.name, "href": "/dossier/\(year)/\(URLText.encode($0.name))",
                            "size": Self.size($0.size),
                        ]
                    }
                }
            }
            let export = exportPath(year: year)
            var info = stat()
            if lstat(export, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                let written = Date(
                    timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
                let older = summary.map { written < $0.written } ?? true
                let name = (export as NSString).lastPathComponent
                item["export"] = [
                    "name": name, "href": "/dossier/\(year)/\(URLText.encode(name))",
                    "size": Self.size(Int(info.st_size)),
                    "written": Self.beijing(written), "older": older, "stale": !older && changed > 0,
                ]
            }
            item["build"] = canBuild && job?.running != true && Workspace.canMakePrintCopies
            years.append(item)
        }
        var data: [String: Any] = [
            "years": years, "none": years.isEmpty, "csrf": viewer.csrf, "builder": canBuild,
            "noLibreOffice": canBuild && !Workspace.canMakePrintCopies,
        ]
        if let job { data["job"] = Self.jobData(job) }
        return data
    }

    private static func jobData(_ job: DossierBuilder.Job) -> [String: Any] {
        let elapsed = Int((job.finished ?? Date()).timeIntervalSince(job.started))
        var data: [String: Any] = [
            "year": String(job.year), "account": job.account, "started": beijing(job.started),
            "elapsed": elapsed >= 60 ? "\(elapsed / 60) 分 \(elapsed % 60) 秒" : "\(elapsed) 秒",
        ]
        switch job.outcome {
        case nil:
            data["running"] = [
                "stage": job.stage, "steps": job.total > 1 ? "（\(job.done)/\(job.total)）" : "",
            ]
        case .built(let text):
            data["built"] = ["text": text, "finished": job.finished.map(beijing) ?? ""]
        case .failed(let text):
            data["failed"] = ["text": text, "finished": job.finished.map(beijing) ?? ""]
        }
        return data
    }

    /// A file's size for people: bytes, KiB or MiB.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) 字节" }
        if bytes < 1 << 20 { return "\(((bytes * 10) >> 10) / 10).\(((bytes * 10) >> 10) % 10) KiB" }
        return "\(((bytes * 10) >> 20) / 10).\(((bytes * 10) >> 20) % 10) MiB"
    }
}

/// The dossiers' summaries, each read again only when its catalogue changed (a year of 10,000 matters has a
/// catalogue of some megabytes, read as a stream): by the catalogue's inode, size and time of modification.
final class DossierSummaries: Sendable {
    private let known = Mutex<[Int: (stamp: [Int], summary: DossierSummary)]>([:])

    func summary(archive: String, year: Int) -> DossierSummary? {
        var info = stat()
        guard lstat("\(archive)/\(year)/dossier/data/归档文件目录.xml", &info) == 0 else {
            _ = known.withLock { $0.removeValue(forKey: year) }
            return nil
        }
        let stamp = [
            Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec),
        ]
        if let cached = known.withLock({ $0[year] }), cached.stamp == stamp { return cached.summary }
        guard let summary = DossierSummary.read(archive: archive, year: year) else { return nil }
        known.withLock { $0[year] = (stamp, summary) }
        return summary
    }
}
