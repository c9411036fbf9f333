import Archive
import Foundation
import Matters
import ODF

/// The items of a bag arranged per DA/T 22 — the dossier in `<year>/dossier/` or the hand-over as received:
/// its 归档文件目录.xml row by row against DA/T 22 and DA/T 46, its 件号, and each 件's files.
struct CheckCatalogue {
    /// One 件 as the catalogue lists it.
    struct Item {
        var reference: String
        var values: [String: String]
        var seal: [String: String]
        /// Paths under `data/`, and each one's 原路径 in the archive.
        var files: [(path: String, origin: String)]
        var isClassified: Bool { !(values["密级"] ?? "").isEmpty }
    }

    var fondsCode = ""
    var year = ""
    var items: [Item] = []
    /// The 档号 of 件 the sender withheld (涉密), named in `<未移交件>`.
    var withheld: [String] = []

    static let catalogueName = "归档文件目录.xml"
    static let classifications: Set<String> = ["", "秘密", "机密", "绝密"]
    static let retentions = ["永久": "Y", "30年": "D30", "10年": "D10"]

    /// Reads and checks the catalogue of the bag at `root`. `archive`: the archive root, to compare each copy
    /// with its 原路径 (the dossier in the archive); `nil` for a package as received.
    static func check(root: String, display: String, archive: String?, into evidence: inout CheckEvidence)
        -> CheckCatalogue?
    {
        for name in ["归档文件目录.odt", "归档文件目录.ods", catalogueName]
        where !FileManager.default.fileExists(atPath: root + "/data/" + name) {
            evidence.fail(.structure, "\(display)/data/\(name)：归档文件目录缺失")
        }
        guard let bytes = try? AtomicFile.read(root + "/data/" + catalogueName) else { return nil }
        let xml: XMLElement
        do {
            xml = try XMLDocumentParser.parse(bytes, source: display + "/data/" + catalogueName)
        } catch {
            evidence.fail(.metadataReadable, "\(display)/data/\(catalogueName)：无法读取：\(error)")
            return nil
        }
        var catalogue = CheckCatalogue()
        catalogue.fondsCode = xml.attribute("全宗号") ?? ""
        catalogue.year = xml.attribute("年度") ?? ""
        catalogue.withheld = xml.childElements.filter { $0.name == "未移交件" }.compactMap { $0.attribute("档号") }
        for element in xml.childElements where element.name == "件" {
            var item = Item(reference: element.attribute("档号") ?? "", values: [:], seal: [:], files: [])
            for child in element.childElements {
                switch child.name {
                case "归档章": item.seal = Dictionary(child.attributes.map { ($0.name, $0.value) }) { a, _ in a }
                case "文件": item.files.append((child.textContent, child.attribute("原路径") ?? ""))
                default: item.values[child.name] = child.textContent
                }
            }
            catalogue.items.append(item)
        }
        evidence.note(.metadataReadable, "\(display)：归档文件目录 \(catalogue.items.count) 件可读")
        catalogue.checkValues(display: display, into: &evidence)
        catalogue.checkNumbers(display: display, into: &evidence)
        catalogue.checkFiles(root: root, display: display, archive: archive, into: &evidence)
        return catalogue
    }

    /// Type, length, format and range of each row's values; required values present.
    func checkValues(display: String, into evidence: inout CheckEvidence) {
        let pattern = #"^([A-Za-z0-9]+)-WS·([0-9]{4})-(Y|D30|D10)-([A-Za-z0-9]+)-([0-9]{4})$"#
        for (n, item) in items.enumerated() {
            let row = "\(display)/data/\(Self.catalogueName) 第 \(n + 1) 件"
            for key in ["题名", "责任者", "日期", "页数"] where (item.values[key] ?? "").isEmpty {
                evidence.fail(.requiredMetadata, "\(row)：缺少必填项“\(key)”")
            }
            if item.reference.isEmpty { evidence.fail(.requiredMetadata, "\(row)：缺少必填项“档号”") }
            if item.seal.isEmpty { evidence.fail(.requiredMetadata, "\(row)：缺少归档章") }
            if !item.reference.isEmpty {
                if let match = item.reference.range(of: pattern, options: .regularExpression), !match.isEmpty {
                    let parts = item.reference.components(separatedBy: "-")
                    let code = parts[2]
                    if !item.reference.hasPrefix(fondsCode + "-WS·" + year + "-") {
                        evidence.fail(.metadataValues, "\(row)：档号 \(item.reference) 与全宗号 \(fondsCode)、年度 \(year) 不符")
                    }
                    if let retention = item.seal["保管期限"], Self.retentions[retention] != code {
                        evidence.fail(.metadataValues, "\(row)：档号 \(item.reference) 与保管期限“\(retention)”不符")
                    }
                    if let number = item.seal["件号"], Int(parts[4]) != Int(number) {
                        evidence.fail(.metadataValues, "\(row)：档号 \(item.reference) 与归档章件号 \(number) 不符")
                    }
                } else {
                    evidence.fail(
                        .metadataValues, "\(row)：档号“\(item.reference)”不符合 全宗号-WS·年度-保管期限-机构代码-件号 的格式")
                }
            }
            if let date = item.values["日期"], !date.isEmpty, Self.civilDate(compact: date) == nil {
                evidence.fail(.metadataValues, "\(row)：日期“\(date)”应为 8 位数字的有效日期（如 20260305）")
            }
            if let pages = item.values["页数"], !pages.isEmpty, (Int(pages) ?? 0) < 1 {
                evidence.fail(.metadataValues, "\(row)：页数“\(pages)”应为正整数")
            }
            if let seal = item.seal["页数"], let pages = item.values["页数"], seal != pages {
                evidence.fail(.metadataValues, "\(row)：归档章页数 \(seal) 与目录页数 \(pages) 不符")
            }
            if !Self.classifications.contains(item.values["密级"] ?? "") {
                evidence.fail(.metadataValues, "\(row)：密级“\(item.values["密级"] ?? "")”应为空或 秘密、机密、绝密")
            }
            if let retention = item.seal["保管期限"], Self.retentions[retention] == nil {
                evidence.fail(.metadataValues, "\(row)：保管期限“\(retention)”应为 永久、30年 或 10年")
            }
            for key in ["题名", "责任者", "文号", "备注"] {
                let value = item.values[key] ?? ""
                if value.count > 500 { evidence.fail(.metadataValues, "\(row)：“\(key)”长 \(value.count) 字，超过 500 字") }
                if value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) {
                    evidence.fail(.metadataValues, "\(row)：“\(key)”含控制字符")
                }
            }
        }
        evidence.note(.metadataValues, "\(display)：\(items.count) 件的档号、日期、页数、密级、保管期限已查")
    }

    /// 件号 1…n within each 保管期限, each once.
    func checkNumbers(display: String, into evidence: inout CheckEvidence) {
        var numbers: [String: [Int]] = [:]
        for reference in items.map(\.reference) + withheld {
            let parts = reference.components(separatedBy: "-")
            guard parts.count == 5, let n = Int(parts[4]) else { continue }
            numbers[parts[2], default: []].append(n)
        }
        if !withheld.isEmpty {
            evidence.note(
                .continuity, "\(display)：未移交（涉密）\(withheld.count) 件，其件号已在目录中声明：\(withheld.joined(separator: "、"))")
        }
        for (code, list) in numbers.sorted(by: { $0.key < $1.key }) {
            var seen = Set<Int>()
            for n in list where !seen.insert(n).inserted {
                evidence.fail(.continuity, "\(display)：保管期限 \(code) 的件号 \(n) 重复")
            }
            for missing in Set(1...(list.max() ?? 0)).subtracting(seen).sorted() {
                evidence.fail(.continuity, "\(display)：保管期限 \(code) 缺件号 \(missing)（漏号）")
            }
            evidence.note(.continuity, "\(display)：保管期限 \(code) 件号 1–\(list.max() ?? 0)")
        }
    }

    /// Every 件 has its files, and every file under `data/文件/` belongs to a 件 at its 档号.
    func checkFiles(root: String, display: String, archive: String?, into evidence: inout CheckEvidence) {
        var listed = Set<String>()
        var files = 0
        for item in items {
            if item.files.isEmpty { evidence.fail(.content, "\(display)：\(item.reference) 没有文件") }
            for file in item.files {
                listed.insert(file.path)
                if !file.path.hasPrefix("文件/\(item.reference)/") {
                    evidence.fail(
                        .linkage, "\(display)：\(item.reference) 的文件存放在 \(file.path)，应在 文件/\(item.reference)/ 下")
                }
                guard let bytes = try? AtomicFile.read(root + "/data/" + file.path) else {
                    evidence.fail(.content, "\(display)/data/\(file.path)：\(item.reference) 的文件不存在")
                    continue
                }
                files += 1
                if let archive, !file.origin.isEmpty {
                    if let original = try? AtomicFile.read(archive + "/" + file.origin) {
                        if original != bytes {
                            evidence.fail(.structure, "\(display)/data/\(file.path)：与原件 \(file.origin) 不一致")
                        }
                    } else {
                        evidence.fail(.linkage, "\(display)/data/\(file.path)：原路径 \(file.origin) 在档案中不存在")
                    }
                }
            }
        }
        for file in (try? Bag(root: root).payloadFiles(includingHidden: true)) ?? []
        where file.hasPrefix("data/文件/") && !listed.contains(String(file.dropFirst("data/".count))) {
            evidence.fail(.linkage, "\(display)/\(file)：归档文件目录中没有它")
        }
        evidence.note(.content, "\(display)：\(items.count) 件，\(files) 个文件")
    }

    /// `YYYYMMDD` as a date, if it is one.
    static func civilDate(compact: String) -> CivilDate? {
        guard compact.count == 8, compact.allSatisfy(\.isASCII), Int(compact) != nil else { return nil }
        let iso = "\(compact.prefix(4))-\(compact.dropFirst(4).prefix(2))-\(compact.suffix(2))"
        return CivilDate(iso: iso)
    }
}
