import Archive
import Filling
import Foundation
import Matters
import ODF
import Rendering

/// Writes the yearly dossier: the 件 copied under their 档号, the 归档文件目录 as .odt, .ods and XML with the
/// 归档章 data of every 件, and the 备考表 — as a bag in `Archive/<year>/dossier/`; and the hand-over zip.
struct DossierWriter {
    let office: Office
    var fonds: FondsProfile { office.profile.fonds }

    /// Counts each 件's pages: documents from their PDF/A copy (filed now when missing), else through
    /// LibreOffice (those not laid out before, see ``PageCounts``), PDFs by their page objects, pictures and XML
    /// records as one page each.
    func countPages(_ plan: inout DossierPlan, progress: (any ProgressReporter)? = nil) throws {
        let root = office.store.root
        let documents = Array(Set(plan.items.flatMap(\.files).filter { $0.hasSuffix(".odt") || $0.hasSuffix(".fodt") }))
            .sorted()
        var cache = PageCounts(archive: root, year: plan.year)
        var pages: [String: Int] = [:]
        var digests: [String: String] = [:]
        var remaining: [String] = []
        // Every document gets its PDF/A copy filed beside it (where LibreOffice is installed; a filed copy is
        // kept as it is), and its page count is taken from that copy.
        _ = try office.fileArchivalCopies(documents.map { root + "/" + $0 }, progress: progress)
        for file in documents {
            if let copy = Files.load(Office.sibling(root + "/" + file)) {
                pages[file] = PDFPages.count(copy)
                continue
            }
            let digest = Bag.sha256(try Files.read(root + "/" + file))
            digests[file] = digest
            if let known = cache[digest] { pages[file] = known } else { remaining.append(file) }
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ducha-pages-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Same base names in different matters: convert in batches of distinct names.
        while !remaining.isEmpty {
            var names = Set<String>()
            var batch: [String] = []
            var rest: [String] = []
            for file in remaining {
                let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
                if names.insert(base).inserted { batch.append(file) } else { rest.append(file) }
            }
            let pdfs = try PDFConverter.convert(
                batch.map { root + "/" + $0 }, outputDirectory: scratch.path, pool: office.workspace.officePool())
            for (file, pdf) in zip(batch, pdfs) {
                let count = PDFPages.count([UInt8](try Data(contentsOf: URL(fileURLWithPath: pdf))))
                pages[file] = count
                if let digest = digests[file] { cache.record(count, for: digest) }
                try? FileManager.default.removeItem(atPath: pdf)
            }
            remaining = rest
        }
        try cache.save()
        try plan.setPages { item in
            try item.files.reduce(0) { total, file in
                if let n = pages[file] { return total + n }
                if file.lowercased().hasSuffix(".pdf") {
                    return total + PDFPages.count(try Files.read(root + "/" + file))
                }
                return total + 1
            }
        }
    }

    /// The catalogue's fill data.
    func catalogueData(_ plan: DossierPlan, date: CivilDate, note: String) -> TemplateValue {
        let periods = RetentionPeriod.allCases.filter { p in plan.items.contains { $0.retention == p } }
        let rows: [TemplateValue] = plan.items.enumerated().map { n, item in
            .record([
                "序号": .text(String(n + 1)), "档号": .text(item.reference), "文号": .text(item.documentNumber),
                "责任者": .text(item.author), "题名": .text(item.title), "日期": .text(item.date.compact),
                "密级": .text(item.classification), "页数": .text(String(item.pages)), "备注": .text(item.remark),
            ])
        }
        return .record([
            "全宗号": .text(fonds.fondsCode), "全宗名称": .text(fonds.fondsName), "年度": .text(String(plan.year)),
            "机构": .text(office.store.office.name), "保管期限": .text(periods.map(\.rawValue).joined(separator: "、")),
            "机关名称": .text(office.store.office.name), "编制日期": .date(date), "件": .list(rows),
            "件数": .text(String(plan.items.count)), "页数合计": .text(String(plan.items.map(\.pages).reduce(0, +))),
            "说明": .text(note), "整理人": .text(fonds.arrangedBy), "整理日期": .date(date),
            "检查人": .text(fonds.checkedBy), "检查日期": .date(date),
        ])
    }

    /// 盒内文件情况说明.
    func note(_ plan: DossierPlan, withheld: Int) -> String {
        let counts = RetentionPeriod.allCases.compactMap { p -> String? in
            let n = plan.items.filter { $0.retention == p }.count
            return n == 0 ? nil : "\(p.rawValue)\(n)件"
        }
        var text =
            "本目录收\(plan.year)年度督查事项文件\(plan.items.count)件，共\(plan.items.map(\.pages).reduce(0, +))页"
            + (counts.isEmpty ? "" : "（" + counts.joined(separator: "、") + "）") + "。"
        text += "件内排序：正文在前，附件在后；《督查通知单》与对应的办理报告各自成件，按事项和时间排列。"
        if withheld > 0 { text += "\n涉密文件\(withheld)件不在本移交包内，另按保密规定移交。" }
        return text
    }

    /// The catalogue as .odt, .ods and XML.
    func catalogue(_ plan: DossierPlan, date: CivilDate, withheld: [String] = []) throws -> [(
        name: String, bytes: [UInt8]
    )] {
        let templatePath = office.workspace.templatePath(named: "归档文件目录.fodt")
        let template = try FormTemplate.load(
            bytes: try Files.read(templatePath), name: templatePath, schema: DossierCatalogue.fields)
        let filled = template.fill(catalogueData(plan, date: date, note: note(plan, withheld: withheld.count)))
        let meta = DocumentMeta(
            title: "\(fonds.fondsName) \(plan.year)年度归档文件目录", subject: "归档文件目录", matterID: "",
            date: (date.year, date.month, date.day))
        let odt = try DocumentRenderer.package(filled.document, meta: meta)
        let sheet = Spreadsheet.Sheet(
            name: "归档文件目录", title: "\(fonds.fondsName) \(plan.year)年度归档文件目录",
            columnWidths: [12, 52, 40, 40, 90, 22, 14, 12, 30],
            header: [["序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注"]],
            rows: plan.items.enumerated().map { n, item in
                [
                    .number(n + 1), .text(item.reference), .text(item.documentNumber), .text(item.author),
                    .text(item.title), .text(item.date.compact), .text(item.classification), .number(item.pages),
                    .text(item.remark),
                ]
            }, notes: [note(plan, withheld: withheld.count)])
        let ods = try ODSWriter.write(Spreadsheet(sheets: [sheet]), meta: meta)
        return [
            ("归档文件目录.odt", odt), ("归档文件目录.ods", ods),
            ("归档文件目录.xml", catalogueXML(plan, date: date, withheld: withheld)),
        ]
    }

    /// The catalogue with every 件's 归档章 data (DA/T 22 §5.4.5) and files, as XML. `withheld`: the 档号 of the
    /// 涉密 件 left out of a hand-over, listed (档号 only) so that the receiver sees their 件号 are not missing.
    func catalogueXML(_ plan: DossierPlan, date: CivilDate, withheld: [String] = []) -> [UInt8] {
        var root = XMLElement(
            "归档文件目录",
            attributes: [
                XMLAttribute("xmlns", "urn:ducha:dossier:1"), XMLAttribute("全宗号", fonds.fondsCode),
                XMLAttribute("全宗名称", fonds.fondsName), XMLAttribute("年度", String(plan.year)),
                XMLAttribute("机构代码", fonds.departmentCode), XMLAttribute("编制日期", date.iso),
            ])
        for (n, item) in plan.items.enumerated() {
            var e = XMLElement(
                "件", attributes: [XMLAttribute("序号", String(n + 1)), XMLAttribute("档号", item.reference)])
            func leaf(_ name: String, _ text: String) {
                e.children.append(.text("\n    "))
                e.children.append(.element(XMLElement(name, children: text.isEmpty ? [] : [.text(text)])))
            }
            leaf("文号", item.documentNumber)
            leaf("责任者", item.author)
            leaf("题名", item.title)
            leaf("日期", item.date.compact)
            leaf("密级", item.classification)
            leaf("页数", String(item.pages))
            leaf("备注", item.remark)
            leaf("事项", item.matter)
            e.children.append(.text("\n    "))
            e.children.append(
                .element(
                    XMLElement(
                        "归档章",
                        attributes: [
                            XMLAttribute("全宗号", fonds.fondsCode), XMLAttribute("年度", String(plan.year)),
                            XMLAttribute("保管期限", item.retention.rawValue), XMLAttribute("件号", String(item.number)),
                            XMLAttribute("页数", String(item.pages)), XMLAttribute("机构", fonds.departmentCode),
                        ])))
            for file in item.files {
                let name = file.split(separator: "/").last.map(String.init) ?? file
                e.children.append(.text("\n    "))
                e.children.append(
                    .element(
                        XMLElement(
                            "文件", attributes: [XMLAttribute("原路径", file)],
                            children: [.text("文件/\(item.reference)/\(name)")])))
            }
            e.children.append(.text("\n  "))
            root.children.append(.text("\n  "))
            root.children.append(.element(e))
        }
        for reference in withheld {
            root.children.append(.text("\n  "))
            root.children.append(
                .element(
                    XMLElement(
                        "未移交件", attributes: [XMLAttribute("档号", reference)], children: [.text("涉密，另按保密规定移交")])))
        }
        root.children.append(.text("\n"))
        var out = XMLWriter.declaration
        XMLWriter.serialize(root, into: &out)
        out.append(0x0A)
        return out
    }

    /// Every file of the dossier (path inside `data/` → bytes).
    func payload(_ plan: DossierPlan, date: CivilDate, withheld: [String] = []) throws -> [(
        path: String, bytes: [UInt8], classified: Bool
    )] {
        var files = try catalogue(plan, date: date, withheld: withheld).map { ($0.name, $0.bytes, false) }
        for item in plan.items {
            for file in item.files {
                let name = file.split(separator: "/").last.map(String.init) ?? file
                files.append(
                    ("文件/\(item.reference)/\(name)", try Files.read(office.store.root + "/" + file), item.isClassified))
            }
        }
        return files
    }
}
