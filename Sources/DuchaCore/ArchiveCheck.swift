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
    /// The folder of the OASIS ODF 1.3 RELAX NG schemas; `nil` looks where ``ODFSchemaLocation`` says.
    public var odfSchema: String?

    public init(
        stage: CheckStage, archive: String? = nil, year: Int? = nil, matters: [String] = [], package: String? = nil,
        publicKey: String? = nil, odfSchema: String? = nil
    ) {
        self.stage = stage
        self.archive = archive
        self.year = year
        self.matters = matters
        self.package = package
        self.publicKey = publicKey
        self.odfSchema = odfSchema
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
        let location = ODFSchemaLocation.load(explicit: request.odfSchema)
        let validator = (try? location.get()).map { CheckODFValidity(schemas: $0.schemas) }
        if let package = request.package {
            subject = try CheckPackage.check(
                package, publicKey: request.publicKey, validator: validator, into: &evidence)
        } else if let archive = request.archive {
            subject = try checkArchive(
                archive, year: request.year, matters: request.matters, validator: validator, into: &evidence)
        } else {
            throw DuchaError.invalidRequest("没有给出要检测的档案或移交包")
        }
        noteDocuments(location, into: &evidence)
        return CheckReport(stage: request.stage, subject: subject, date: date.iso, outcomes: evidence.outcomes())
    }

    /// What the strict ODF validation and the PDF/A copies' check covered, or why the validation was not run.
    static func noteDocuments(
        _ location: Result<ODFSchemaLocation, ODFSchemaLocation.Unavailable>, into evidence: inout CheckEvidence
    ) {
        let counts = evidence.documents
        switch location {
        case .success(let found):
            let files = zip(ODFSchemaLocation.files, found.digests).map { "\($0)（SHA-256 \($1)）" }
            evidence.note(
                .documentsOpen,
                "\(counts.odf) 个 ODF 文档的 \(counts.parts) 个部件已按 ODF 1.3 RELAX NG 模式严格校验（\(found.directory)："
                    + files.joined(separator: "、") + "）")
        case .failure(let unavailable):
            evidence.skip(.documentsOpen, unavailable.description)
        }
        var copies =
            counts.archivalCopies == 0
            ? "没有 PDF/A 归档件（与 .odt、.fodt 同名的 .pdf）"
            : "\(counts.archivalCopies) 份 PDF/A 归档件（与 .odt、.fodt 同名的 .pdf）已查 XMP 元数据中的 PDF/A-2b 声明"
                + "（pdfaid:part 2、pdfaid:conformance B）和 \(counts.fontDescriptors) 个字体描述的字体嵌入"
        if counts.copiesWithObjectStreams > 0 {
            copies += "；其中 \(counts.copiesWithObjectStreams) 份含压缩对象流，流中的字体字典未查"
        }
        evidence.note(.formats, copies)
    }

    /// The archive's bags of `year` (or all years), or only the named matters, with each year's registry and
    /// everything else on the carrier. Each bag's manifests and documents are checked on every core; what they
    /// show is reported in the bags' order, as if checked one after another.
    static func checkArchive(
        _ archive: String, year: Int?, matters: [String], validator: CheckODFValidity?,
        into evidence: inout CheckEvidence
    ) throws -> String {
        let years =
            (try? FileManager.default.contentsOfDirectory(atPath: archive))?.compactMap { Int($0) }.sorted()
            ?? []
        guard !years.isEmpty else { throw DuchaError.invalidRequest("\(archive) 不是档案目录（没有年度文件夹）") }
        if let year, !years.contains(year) { throw DuchaError.invalidRequest("档案中没有 \(year) 年度") }
        var places: [(year: Int, name: String)] = []
        for y in years where year == nil || y == year {
            let folder = "\(archive)/\(y)"
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            where !name.hasPrefix(".") && (matters.isEmpty || matters.contains(name))
                && FileManager.default.fileExists(atPath: folder + "/" + name + "/bagit.txt")
            {
                places.append((y, name))
            }
        }
        let threads = (try? ThreadSetting.current()) ?? ProcessInfo.processInfo.activeProcessorCount
        let bagPlaces = places
        let checked = Parallel.map(bagPlaces.count, threads: threads) { index in
            let place = bagPlaces[index]
            var found = CheckEvidence()
            let files = checkBag(
                root: "\(archive)/\(place.year)/\(place.name)", display: "\(place.year)/\(place.name)",
                validator: validator, into: &found)
            return (evidence: found, files: files)
        }
        var files = 0
        var recordCount = 0
        var found = Set<String>()
        var scanned: [String] = []
        var next = 0
        for y in years where year == nil || y == year {
            let folder = "\(archive)/\(y)"
            if matters.isEmpty { scanned.append(folder) }
            var records: [String: [StoredEvent]] = [:]
            var classified: [String] = []
            while next < places.count, places[next].year == y {
                let name = places[next].name
                evidence.merge(checked[next].evidence)
                files += checked[next].files
                next += 1
                let root = folder + "/" + name
                found.insert(name)
                if !matters.isEmpty { scanned.append(root) }
                let display = "\(y)/\(name)"
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
        let bags = places.count
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

    /// The items every bag has: its manifests (SHA-256 and SM3), its layout, and each payload document (strictly
    /// validated by `validator` when given; each PDF/A copy beside its document inspected). Returns how many
    /// payload files it has.
    @discardableResult
    static func checkBag(
        root: String, display: String, validator: CheckODFValidity?, into evidence: inout CheckEvidence
    )
        -> Int
    {
        let findings = BagVerifier.verify(root)
        for finding in findings {
            let relative = finding.path.hasPrefix(root) ? display + finding.path.dropFirst(root.count) : finding.path
            let text = "\(relative)：\(finding.kind.rawValue)：\(finding.detail)"
            let layout = finding.kind == .badBag || (finding.kind == .badManifest && finding.detail.hasPrefix("缺少"))
            evidence.fail(layout ? .structure : .fixity, text)
        }
        let payload = (try? Bag(root: root).payloadFiles(includingHidden: true)) ?? []
        let listed = Set(payload)
        for file in payload {
            guard let bytes = try? AtomicFile.read(root + "/" + file) else { continue }
            let shown = display + "/" + file
            CheckFiles.checkDocument(path: file, bytes: bytes, display: shown, validator: validator, into: &evidence)
            if CheckArchivalCopy.isCopy(file, in: listed) {
                CheckArchivalCopy.check(bytes, display: shown, into: &evidence)
            }
        }
        return payload.count
    }
}
