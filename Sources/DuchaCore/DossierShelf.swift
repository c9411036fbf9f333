import Foundation
public import Matters
import ODF

/// A year's dossier as ``Office/writeDossier(year:date:export:includeClassified:progress:)`` (`ducha dossier`)
/// left it in `<archive>/<year>/dossier/`, as a front end lists it: what it holds, when it was written, and
/// whether the archive changed since.
public struct DossierSummary: Sendable, Equatable {
    /// A file of the dossier's catalogue (`data/归档文件目录.odt`, `.ods`, `.xml`).
    public struct File: Sendable, Equatable {
        public var name: String
        public var path: String
        public var size: Int
    }

    public var year: Int
    /// The dossier bag: `<archive>/<year>/dossier`.
    public var folder: String
    /// 编制日期 (bag-info.txt's Bagging-Date).
    public var date: CivilDate?
    /// When the catalogue was written (its `归档文件目录.xml`'s time of modification): the end of the run that
    /// made this dossier, after its pages were counted.
    public var written: Date
    /// 件 in the catalogue, their 页数, and how many of them are 涉密 (密级 set).
    public var items = 0
    public var pages = 0
    public var classifiedItems = 0
    /// The catalogue files there are, in the order .odt, .ods, .xml.
    public var catalogue: [File] = []
    /// Why the catalogue could not be read, if it could not.
    public var problem: String?

    /// Whether the dossier holds 涉密 件: its catalogue names their 题名, and their files are in it.
    public var holdsClassified: Bool { classifiedItems > 0 }

    /// The names of the catalogue's files, in the order the summary lists them.
    public static let catalogueNames = ["归档文件目录.odt", "归档文件目录.ods", "归档文件目录.xml"]

    /// Reads the dossier of `year` in `archive`: nil when there is none (no catalogue written).
    public static func read(archive: String, year: Int) -> DossierSummary? {
        let folder = "\(archive)/\(year)/dossier"
        let xml = folder + "/data/归档文件目录.xml"
        guard let written = modified(xml) else { return nil }
        var summary = DossierSummary(year: year, folder: folder, written: written)
        for name in catalogueNames {
            let path = folder + "/data/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            summary.catalogue.append(File(name: name, path: path, size: Int(info.st_size)))
        }
        if let info = FileManager.default.contents(atPath: folder + "/bag-info.txt") {
            for line in String(decoding: info, as: UTF8.self).split(whereSeparator: \.isNewline)
            where line.hasPrefix("Bagging-Date:") {
                summary.date = CivilDate(
                    iso: line.dropFirst("Bagging-Date:".count).trimmingCharacters(in: .whitespaces))
            }
        }
        do {
            try summary.count(try Files.read(xml), source: "\(year)/dossier/data/归档文件目录.xml")
        } catch {
            summary.problem = "\(error)"
        }
        return summary
    }

    /// How many of the year's matters changed after the catalogue was written — their `matter.xml`, which every
    /// event, slip and attachment replaces, changed later — or were registered since: a dossier with any is stale
    /// (``Office/writeDossier(year:date:export:includeClassified:progress:)`` again brings it up to date).
    public func changedMatters(archive: String) -> Int {
        let root = "\(archive)/\(year)"
        let since = written.timeIntervalSince1970
        var changed = 0
        for id in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] where id != "dossier" {
            var info = stat()
            guard lstat("\(root)/\(id)/data/matter.xml", &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                continue
            }
            let time = Double(info.st_ctim.tv_sec) + Double(info.st_ctim.tv_nsec) / 1e9
            if time > since { changed += 1 }
        }
        return changed
    }

    /// Counts the catalogue's 件, their pages (from each 归档章) and the 涉密 ones, reading it as a stream.
    private mutating func count(_ bytes: [UInt8], source: String) throws {
        var depth = 0
        var inItem = false
        var inClassification = false
        var classification = ""
        var (items, pages, classified) = (0, 0, 0)
        try XMLStreamParser.parse(bytes, source: source) { event in
            switch event {
            case .start(let name, let attributes):
                depth += 1
                if depth == 2, name.local == "件" {
                    inItem = true
                    classification = ""
                    items += 1
                } else if inItem, depth == 3, name.local == "密级" {
                    inClassification = true
                } else if inItem, depth == 3, name.local == "归档章" {
                    pages += attributes.first { $0.name.local == "页数" }.flatMap { Int($0.value) } ?? 0
                }
            case .end(let name):
                if inItem, depth == 3, name.local == "密级" { inClassification = false }
                if depth == 2, inItem {
                    inItem = false
                    if !classification.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { classified += 1 }
                }
                depth -= 1
            case .text(let text):
                if inClassification { classification += text }
            }
        }
        (self.items, self.pages, self.classifiedItems) = (items, pages, classified)
    }

    private static func modified(_ path: String) -> Date? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Date(
            timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
    }
}
