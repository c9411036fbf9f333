import Archive
import GuoMi
public import Matters
import ODF

/// What writing the yearly dossier did.
public struct DossierResult: Sendable {
    public var year: Int
    /// The 件 of the year's 归档文件目录.
    public var items: Int
    public var pages: Int
    /// The dossier bag: `<archive>/<year>/dossier`.
    public var folder: String
    /// The 编制日期.
    public var date: CivilDate
    /// The hand-over zip, when one was asked for.
    public var export: Export?

    public struct Export: Sendable {
        public var path: String
        public var items: Int
        /// 涉密 件 left out of the hand-over package.
        public var withheld: Int
        /// Whether the package and its EEPs carry the office's SM2 signature (it has a key: `ducha key init`).
        public var signed: Bool
    }
}

extension Office {
    /// The year arranged per DA/T 22-2015 into `<archive>/<year>/dossier/` (a bag): the 件 under their 档号, the
    /// 归档文件目录 as .odt, .ods and XML with each 件's 归档章 data, and the 备考表. The old dossier stays whole
    /// until the new one is sealed.
    /// - Parameters:
    ///   - date: 编制日期 (default: the date of the year's last 件).
    ///   - export: also write the hand-over zip (a serialised bag) here, without 涉密 matters unless
    ///     `includeClassified`.
    ///   - progress: told of each stage: arranging, the PDF/A copies (LibreOffice), writing the files, sealing,
    ///     the hand-over zip.
    /// - Throws: ``DuchaError/invalidRequest(_:)`` when the year has no archived matter.
    public func writeDossier(
        year: Int, date: CivilDate? = nil, export: String? = nil, includeClassified: Bool = false,
        progress: (any ProgressReporter)? = nil
    ) throws -> DossierResult {
        let writer = DossierWriter(office: self)
        progress?.start(total: 1, label: "整理归档文件")
        var plan = try DossierPlan(store: store, year: year, fonds: writer.fonds)
        progress?.advance()
        progress?.finish()
        guard let last = plan.items.map(\.date).max() else {
            throw DuchaError.invalidRequest("\(year) 年度没有归档的督查事项")
        }
        try writer.countPages(&plan, progress: progress)
        let day = date ?? last
        let folder = "\(store.root)/\(year)/dossier"
        try writeDossierBag(plan: plan, date: day, to: folder, writer: writer, progress: progress)
        var result = DossierResult(
            year: year, items: plan.items.count, pages: plan.items.map(\.pages).reduce(0, +), folder: folder, date: day)
        if let export {
            progress?.start(total: 1, label: "写出移交包")
            defer { progress?.finish() }
            let handed = includeClassified ? plan : plan.withoutClassified()
            let handedReferences = Set(handed.items.map(\.reference))
            let withheld = plan.items.map(\.reference).filter { !handedReferences.contains($0) }
            // A zip holding 涉密 files is owner-only, as their folders in the archive are.
            let key = try OfficeKey(archive: store.root).load()
            try Files.write(
                try exportZip(handed, date: day, withheld: withheld, writer: writer, key: key), to: export,
                mode: handed.items.contains(where: \.isClassified) ? 0o600 : 0o644)
            result.export = DossierResult.Export(
                path: export, items: handed.items.count, withheld: withheld.count, signed: key != nil)
            progress?.advance()
        }
        return result
    }

    /// Builds the dossier bag beside the old one, then puts it in place.
    private func writeDossierBag(
        plan: DossierPlan, date: CivilDate, to folder: String, writer: DossierWriter,
        progress: (any ProgressReporter)?
    ) throws {
        let classified = plan.items.contains(where: \.isClassified)
        let fileMode: FileMode = classified ? 0o600 : 0o644
        let staging = folder + ".new"
        // A leftover `.old` may be the only whole copy of a dossier whose replacement died midway: `replace`
        // settles it, so only the staging folder is cleared here.
        try ArchiveFolders.removeTree(staging)
        let payload = try writer.payload(plan, date: date)
        progress?.start(total: payload.count, label: "写出归档文件")
        for file in payload {
            try AtomicFile.write(file.bytes, to: staging + "/data/" + file.path, mode: fileMode)
            progress?.advance()
        }
        progress?.finish()
        progress?.start(total: 1, label: "封包（SHA-256、SM3 清单）")
        defer { progress?.finish() }
        try Bag(root: staging).seal(
            info: [
                ("Source-Organization", writer.fonds.fondsName),
                ("External-Identifier", "\(writer.fonds.fondsCode)-WS·\(plan.year)"),
                ("External-Description", "\(plan.year)年度督查事项归档文件（DA/T 22-2015）"),
                ("Bagging-Date", date.iso),
            ], mode: fileMode)
        if classified { try ArchiveFolders.restrictToOwner(staging) }
        try ArchiveFolders.replace(folder, with: staging)
        progress?.advance()
    }

    /// The hand-over package: the dossier as a BagIt bag serialised in a zip (RFC 8493 §4.2), with one top folder,
    /// each 件's DA/T 48 封装包 in `data/封装包/<档号>.xml`, and — with the office's key — every 封装包 signed and
    /// the package's SM3 manifest signed in `移交签名.xml`. SM2 signatures take a random number each time, so the
    /// signed parts differ from one export to the next; everything else is byte for byte the same.
    private func exportZip(
        _ plan: DossierPlan, date: CivilDate, withheld: [String], writer: DossierWriter, key: SM2PrivateKey?
    ) throws -> [UInt8] {
        let top = "\(writer.fonds.fondsCode)-WS·\(plan.year)"
        var payload = try writer.payload(plan, date: date, withheld: withheld)
        let time = "\(date.iso)T00:00:00+08:00"
        let signer = key.map { HandOverPackage.Signer(name: store.office.name, key: $0, time: time) }
        var byPath: [String: [UInt8]] = [:]
        for file in payload { byPath[file.path] = file.bytes }
        for item in plan.items {
            let files = item.files.map { file -> (path: String, bytes: [UInt8]) in
                let path = "文件/\(item.reference)/\(file.split(separator: "/").last.map(String.init) ?? file)"
                return (path, byPath[path] ?? [])
            }
            let eep = try HandOverPackage.eep(
                item, files: files, fonds: writer.fonds, year: plan.year, office: store.office.name, created: time,
                signer: signer)
            payload.append(("\(HandOverPackage.folder)/\(item.reference).xml", eep, item.isClassified))
        }
        payload.sort { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
        let files = payload.map { (path: "data/\($0.path)", bytes: $0.bytes) }
        let info = [
            ("Source-Organization", writer.fonds.fondsName), ("External-Identifier", top), ("Bagging-Date", date.iso),
        ]
        let tags = Bag.tagFiles(payload: files, info: info)
        let modes = ExportModes(payload.map { (path: "data/\($0.path)", classified: $0.classified) })
        let tagEntries = tags.map { ZipEntry(name: "\(top)/\($0.name)", data: $0.bytes, mode: modes.file("")) }
        let folderEntries: [ZipEntry] = modes.folders.map { ZipEntry.folder("\(top)/\($0.path)", mode: $0.mode) }
        let fileEntries: [ZipEntry] = files.map {
            ZipEntry(name: "\(top)/\($0.path)", data: $0.bytes, mode: modes.file($0.path))
        }
        // The tag manifests last, so that a reader that streams the zip meets every file they cover first.
        var entries = folderEntries
        entries += tagEntries.filter { !$0.name.hasPrefix("\(top)/tagmanifest-") }
        entries += fileEntries
        entries += tagEntries.filter { $0.name.hasPrefix("\(top)/tagmanifest-") }
        if let signer, let manifest = tags.first(where: { $0.name == "manifest-sm3.txt" }) {
            let signature = try HandOverPackage.packageSignature(manifest: manifest.bytes, signer: signer)
            entries.append(
                ZipEntry(name: "\(top)/\(HandOverPackage.signatureFile)", data: signature, mode: modes.file("")))
        }
        return try ZipWriter.archive(
            entries,
            modified: ZipTimestamp(year: date.year, month: date.month, day: date.day, hour: 0, minute: 0, second: 0))
    }
}
