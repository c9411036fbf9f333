import Archive
import ArgumentParser
import Foundation
import Matters
import ODF

struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "年度归档：按 DA/T 22-2015 整理一年的督查文件，写出归档文件目录（.odt、.ods、XML）、归档章数据和备考表，存为 Archive/<年度>/dossier/ 包。",
        discussion: """
            分类为 年度—保管期限—机构（问题），类内按事项、按时间排列；档号为 全宗号-WS·年度-保管期限-机构代码-件号。
            全宗号、机构代码、整理人、检查人和各类事项的保管期限取自机关配置的“档案”一节。页数由 LibreOffice 排版后计算。
            --export FILE.zip 写出移交包（BagIt 包的 zip），不含涉密事项的任何内容，除非给出 --include-classified。
            """
    )

    @Argument(help: ArgumentHelp("年度", valueName: "YYYY"))
    var year: Int

    @Option(name: .customLong("date"), help: ArgumentHelp("编制日期（缺省为该年度最后一件文件的日期）", valueName: "YYYY-MM-DD"))
    var date: CivilDate?

    @Option(name: .customLong("export"), help: ArgumentHelp("另写出移交用的 zip 包", valueName: "FILE.zip"))
    var export: String?

    @Flag(name: .customLong("include-classified"), help: "移交包也收涉密事项")
    var includeClassified = false

    @OptionGroup var archiveOptions: ArchiveOptions
    @OptionGroup var templateOptions: TemplateOptions

    func run() throws {
        try archiveOptions.withOffice(templates: templateOptions) { office in
            let writer = DossierWriter(office: office, templates: templateOptions)
            var plan = try DossierPlan(store: office.store, year: year, fonds: writer.fonds)
            guard !plan.items.isEmpty else { throw ValidationError("\(year) 年度没有归档的督查事项") }
            try writer.countPages(&plan)
            let day = date ?? plan.items.map(\.date).max()!
            let folder = "\(office.store.root)/\(year)/dossier"
            try write(plan: plan, date: day, to: folder, writer: writer)
            print("归档文件目录：\(plan.items.count) 件，\(plan.items.map(\.pages).reduce(0, +)) 页 → \(folder)")
            if let export {
                let handed = includeClassified ? plan : plan.withoutClassified()
                let withheld = plan.items.count - handed.items.count
                let zip = try exportZip(handed, date: day, withheld: withheld, writer: writer)
                try writeFile(zip, to: export)
                print("移交包：\(handed.items.count) 件" + (withheld > 0 ? "（涉密 \(withheld) 件未收）" : "") + " → \(export)")
            }
        }
    }

    /// Builds the dossier bag beside the old one, then puts it in place: the old dossier stays whole until the
    /// new one is sealed.
    private func write(plan: DossierPlan, date: CivilDate, to folder: String, writer: DossierWriter) throws {
        let classified = plan.items.contains(where: \.isClassified)
        let fileMode: mode_t = classified ? 0o600 : 0o644
        let staging = folder + ".new"
        let old = folder + ".old"
        try? FileManager.default.removeItem(atPath: staging)
        try? FileManager.default.removeItem(atPath: old)
        for file in try writer.payload(plan, date: date) {
            try AtomicFile.write(file.bytes, to: staging + "/data/" + file.path, mode: fileMode)
        }
        try Bag(root: staging).seal(
            info: [
                ("Source-Organization", writer.fonds.fondsName),
                ("External-Identifier", "\(writer.fonds.fondsCode)-WS·\(plan.year)"),
                ("External-Description", "\(plan.year)年度督查事项归档文件（DA/T 22-2015）"),
                ("Bagging-Date", date.iso),
            ], mode: fileMode)
        if classified { try restrict(staging) }
        if FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.moveItem(atPath: folder, toPath: old)
        }
        try FileManager.default.moveItem(atPath: staging, toPath: folder)
        try? FileManager.default.removeItem(atPath: old)
    }

    /// Every folder of a restricted dossier readable by the owner only.
    private func restrict(_ root: String) throws {
        let walker = FileManager.default.enumerator(atPath: root)
        chmod(root, 0o700)
        while let path = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                chmod(root + "/" + path, 0o700)
            }
        }
    }

    /// The hand-over package: the dossier as a BagIt bag serialised in a zip (RFC 8493 §4.2), with one top folder.
    private func exportZip(_ plan: DossierPlan, date: CivilDate, withheld: Int, writer: DossierWriter) throws -> [UInt8]
    {
        let top = "\(writer.fonds.fondsCode)-WS·\(plan.year)"
        let payload = try writer.payload(plan, date: date, withheld: withheld).sorted {
            Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8))
        }
        let files = payload.map { (path: "data/\($0.path)", bytes: $0.bytes) }
        let info = [
            ("Source-Organization", writer.fonds.fondsName), ("External-Identifier", top), ("Bagging-Date", date.iso),
        ]
        let tags = Bag.tagFiles(payload: files, info: info)
        let entries =
            tags.dropLast().map { ZipEntry(name: "\(top)/\($0.name)", data: $0.bytes) }
            + files.map { ZipEntry(name: "\(top)/\($0.path)", data: $0.bytes) }
            + tags.suffix(1).map { ZipEntry(name: "\(top)/\($0.name)", data: $0.bytes) }
        return try ZipWriter.archive(
            entries,
            modified: ZipTimestamp(year: date.year, month: date.month, day: date.day, hour: 0, minute: 0, second: 0))
    }
}
