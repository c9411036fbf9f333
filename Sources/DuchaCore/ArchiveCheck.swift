import Archive
import Foundation
public import Matters
import ODF

/// What to check, at which stage.
public struct CheckRequest: Sendable {
    public var stage: CheckStage
    /// The archive root, for the archive's own bags.
    public var archive: String?
    /// Only this year of the archive (all years when `nil`).
    public var year: Int?
    /// Only these matters of the archive.
    public var matters: [String]
    /// A hand-over zip as received (instead of the archive).
    public var package: String?
    /// The PEM public key the sending office gave for its signatures.
    public var publicKey: String?

    public init(
        stage: CheckStage, archive: String? = nil, year: Int? = nil, matters: [String] = [], package: String? = nil,
        publicKey: String? = nil
    ) {
        self.stage = stage
        self.archive = archive
        self.year = year
        self.matters = matters
        self.package = package
        self.publicKey = publicKey
    }
}

/// The 四性检测 of DA/T 70-2018 on the archive (a year, some matters, the dossier) or on a hand-over zip as
/// received: every item with its verdict and evidence (see ``CheckItem``). Reads only; writes nothing but a
/// scratch copy of a received zip, removed again.
public enum ArchiveCheck {
    /// Runs every item.
    /// - Throws: ``DuchaError/invalidRequest(_:)`` for a request that names nothing to check, a year or matter
    ///   the archive does not hold, or a package that cannot be read at all.
    public static func run(_ request: CheckRequest, date: CivilDate = .today()) throws -> CheckReport {
        var evidence = CheckEvidence()
        let subject: String
        if let package = request.package {
            subject = try CheckPackage.check(package, publicKey: request.publicKey, into: &evidence)
        } else if let archive = request.archive {
            subject = try checkArchive(archive, year: request.year, matters: request.matters, into: &evidence)
        } else {
            throw DuchaError.invalidRequest("没有给出要检测的档案或移交包")
        }
        return CheckReport(stage: request.stage, subject: subject, date: date.iso, outcomes: evidence.outcomes())
    }

    /// The archive's bags of `year` (or all years), or only the named matters, with each year's registry and
    /// everything else on the carrier.
    static func checkArchive(_ archive: String, year: Int?, matters: [String], into evidence: inout CheckEvidence)
        throws -> String
    {
        let years =
            (try? FileManager.default.contentsOfDirectory(atPath: archive))?.compactMap { Int($0) }.sorted()
            ?? []
        guard !years.isEmpty else { throw DuchaError.invalidRequest("\(archive) 不是档案目录（没有年度文件夹）") }
        if let year, !years.contains(year) { throw DuchaError.invalidRequest("档案中没有 \(year) 年度") }
        var bags = 0
        var files = 0
        var recordCount = 0
        var found = Set<String>()
        var scanned: [String] = []
        for y in years where year == nil || y == year {
            let folder = "\(archive)/\(y)"
            if matters.isEmpty { scanned.append(folder) }
            var records: [String: [StoredEvent]] = [:]
            var classified: [String] = []
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            where !name.hasPrefix(".") {
                let root = folder + "/" + name
                guard FileManager.default.fileExists(atPath: root + "/bagit.txt") else { continue }
                if !matters.isEmpty && !matters.contains(name) { continue }
                found.insert(name)
                if !matters.isEmpty { scanned.append(root) }
                bags += 1
                let display = "\(y)/\(name)"
                files += checkBag(root: root, display: display, into: &evidence)
                if FileManager.default.fileExists(atPath: root + "/data/matter.xml") {
                    if let (matter, log) = CheckMatterBag.check(
                        root: root, display: display, year: String(y), into: &evidence)
                    {
                        records[matter.id] = log
                        recordCount += 1
                        if matter.isClassified { classified.append(name + "/") }
                    }
                } else if FileManager.default.fileExists(atPath: root + "/data/" + CheckCatalogue.catalogueName) {
                    if let catalogue = CheckCatalogue.check(
                        root: root, display: display, archive: archive, into: &evidence),
                        catalogue.items.contains(where: \.isClassified)
                    {
                        classified.append(name + "/")
                    }
                }
            }
            if matters.isEmpty {
                CheckRegistry.check(archive: archive, year: y, records: records, into: &evidence)
            }
            CheckCarrier.check(
                folder: folder, display: String(y), classified: classified,
                only: matters.isEmpty ? nil : Set(matters), into: &evidence)
        }
        for missing in matters where !found.contains(missing) {
            throw DuchaError.invalidRequest("档案中没有事项 \(missing)")
        }
        evidence.note(.fixity, "\(bags) 个档案包、\(files) 个文件的 SHA-256 与 SM3 已重算，并与清单核对")
        evidence.note(.structure, "\(bags) 个档案包的 bagit.txt、bag-info.txt 和两种算法的清单、标签清单已查")
        evidence.note(.metadataValues, "\(recordCount) 个事项的 matter.xml 已按事项目录核对类型、长度、格式和值域")
        evidence.note(.requiredMetadata, "\(recordCount) 个事项的必填项已查")
        evidence.note(.linkage, "\(recordCount) 个事项档案的每个文件都已对到事件记录，事项编号、年度与存放位置已核对")
        evidence.note(.content, "\(recordCount) 个事项的附件和登记簿登记的文件已核对")
        evidence.note(.fileProperties, "\(recordCount) 个事项的单据文件名已与单据名称、文号核对")
        evidence.note(.metadataReadable, "\(recordCount) 个 matter.xml、\(files) 个文件中的 XML 已读取")
        evidence.note(.documentsOpen, "\(files) 个文件中的 ODF 文档、PDF 已打开")
        evidence.note(.formats, "\(files) 个文件的格式已按内容核对")
        evidence.note(.compression, "\(files) 个文件中的 ODF 压缩包条目已查")
        CheckCarrier.scanViruses(paths: scanned, into: &evidence)
        evidence.skip(.signatures, "事项档案和年度归档文件不带电子签名；签名在移交包上，用 --package 检测移交包")
        let scope =
            matters.isEmpty ? (year.map { "\($0) 年度" } ?? "全部年度") : "档案包 " + matters.joined(separator: "、")
        return "档案 \(archive) \(scope)（\(bags) 个档案包）"
    }

    /// The items every bag has: its manifests (SHA-256 and SM3), its layout, and each payload document.
    /// Returns how many payload files it has.
    @discardableResult
    static func checkBag(root: String, display: String, into evidence: inout CheckEvidence) -> Int {
        let findings = BagVerifier.verify(root)
        for finding in findings {
            let relative = finding.path.hasPrefix(root) ? display + finding.path.dropFirst(root.count) : finding.path
            let text = "\(relative)：\(finding.kind.rawValue)：\(finding.detail)"
            let layout = finding.kind == .badBag || (finding.kind == .badManifest && finding.detail.hasPrefix("缺少"))
            evidence.fail(layout ? .structure : .fixity, text)
        }
        let payload = (try? Bag(root: root).payloadFiles(includingHidden: true)) ?? []
        for file in payload {
            guard let bytes = try? AtomicFile.read(root + "/" + file) else { continue }
            CheckFiles.checkDocument(path: file, bytes: bytes, display: display + "/" + file, into: &evidence)
        }
        return payload.count
    }
}
