import Archive
import Foundation
import ODF

/// A hand-over zip as the 档案馆 receives it: opened with the safe reader, its entries' compression, encryption
/// and permissions looked at, then unpacked into a scratch folder (removed again) and checked as the bag it is,
/// with its catalogue, its EEPs and its signatures.
enum CheckPackage {
    static func check(
        _ path: String, publicKey: String?, validator: CheckODFValidity?, into evidence: inout CheckEvidence
    )
        throws -> String
    {
        guard let bytes = FileManager.default.contents(atPath: path).map({ [UInt8]($0) }) else {
            throw DuchaError.unreadable(path: path)
        }
        let zip: ZipReader
        do {
            zip = try ZipReader(bytes: bytes, source: path)
        } catch {
            if error.code == .encrypted {
                evidence.fail(.compression, "\(path)：\(error)")
            } else {
                evidence.fail(.documentsOpen, "\(path)：无法打开：\(error)")
            }
            for item in CheckItem.allCases where item != .compression && item != .documentsOpen {
                evidence.skip(item, "移交包无法解开，未检测")
            }
            return "移交包 \(path)"
        }
        let infos = zip.entryInfos
        let tops = Set(infos.map { $0.name.split(separator: "/").first.map(String.init) ?? $0.name })
        guard tops.count == 1, let top = tops.first, infos.allSatisfy({ $0.name.hasPrefix(top + "/") }) else {
            evidence.fail(.structure, "\(path)：应只有一个顶层文件夹（BagIt 包，RFC 8493 §4.2），实有 \(tops.sorted())")
            return "移交包 \(path)"
        }
        for info in infos where info.method != 0 && info.method != 8 {
            evidence.fail(.compression, "\(path)：条目“\(info.name)”使用非公开的压缩方法 \(info.method)")
        }
        evidence.note(.compression, "\(path)：\(infos.count) 个条目均为存储或 deflate，未加密")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ducha-check-\(getpid())-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try Files.makeFolder(scratch)
        try ArchiveFolders.restrictToOwner(scratch)
        let contents = try zip.readAll()
        for (name, data) in contents where !name.hasSuffix("/") {
            try AtomicFile.write(data, to: scratch + "/" + name, mode: 0o600)
        }
        let root = scratch + "/" + top
        let display = top
        let files = ArchiveCheck.checkBag(root: root, display: display, validator: validator, into: &evidence)
        evidence.note(.fixity, "\(display)：\(files) 个文件的 SHA-256 与 SM3 已重算，并与清单核对")
        evidence.note(.structure, "\(display)：一个顶层文件夹，BagIt 包结构、两种算法的清单和归档文件目录已查")
        evidence.note(.documentsOpen, "\(files) 个文件中的 ODF 文档、PDF 已打开")
        evidence.note(.formats, "\(files) 个文件的格式已按内容核对")
        evidence.note(.linkage, "归档文件目录与 文件/ 下的文件、封装包一一对应")
        let info = String(decoding: (try? AtomicFile.read(root + "/bag-info.txt")) ?? [], as: UTF8.self)
        if !info.split(separator: "\n").contains("External-Identifier: \(top)") {
            evidence.fail(.structure, "\(display)/bag-info.txt：External-Identifier 与顶层文件夹名 \(top) 不符")
        }
        let catalogue = CheckCatalogue.check(root: root, display: display, archive: nil, into: &evidence)
        CheckHandOver.check(
            root: root, display: display, catalogue: catalogue, publicKey: publicKey, into: &evidence)
        let heads = Dictionary(contents.map { ($0.name, Array($0.data.prefix(16))) }) { a, _ in a }
        checkEntries(infos, top: top, catalogue: catalogue, heads: heads, into: &evidence)
        CheckCarrier.scanViruses(paths: [root], into: &evidence)
        evidence.skip(.process, "移交包中的办理记录各自成件，其齐全与否在归档环节对事项档案检测")
        return "移交包 \(path)（\(catalogue?.items.count ?? 0) 件）"
    }

    /// Permissions and kinds of the zip's entries: none world-writable, 涉密 件 owner-only, no link, no leftover.
    static func checkEntries(
        _ infos: [ZipReader.EntryInfo], top: String, catalogue: CheckCatalogue?, heads: [String: [UInt8]],
        into evidence: inout CheckEvidence
    ) {
        let secret = (catalogue?.items ?? []).filter(\.isClassified).map { "\(top)/data/文件/\($0.reference)/" }
        for info in infos {
            guard let mode = info.unixMode else {
                evidence.fail(.permissions, "\(info.name)：条目没有 Unix 权限，解压后的权限由解压工具决定")
                continue
            }
            let permissions = Int(mode & 0o7777)
            let isFolder = info.name.hasSuffix("/")
            if mode & 0o170000 == 0o120000 { evidence.fail(.nonArchivalFiles, "\(info.name)：符号链接") }
            if permissions & 0o002 != 0 {
                evidence.fail(.permissions, "\(info.name)：任何人可写（\(String(permissions, radix: 8))）")
            }
            if secret.contains(where: { info.name.hasPrefix($0) }) && permissions & 0o077 != 0 {
                evidence.fail(
                    .permissions,
                    "\(info.name)：涉密\(isFolder ? "文件夹" : "文件")权限为 \(String(permissions, radix: 8))，应为 \(isFolder ? "0700" : "0600")"
                )
            }
            if isFolder { continue }
            let name = info.name.split(separator: "/").last.map(String.init) ?? info.name
            let head = heads[info.name] ?? []
            if let reason = CheckFiles.nonArchivalReason(name: name, mode: permissions, head: head) {
                evidence.fail(.nonArchivalFiles, "\(info.name)：\(reason)")
            }
        }
        evidence.note(.permissions, "\(infos.count) 个条目的权限已查（涉密 \(secret.count) 件）")
        evidence.note(.nonArchivalFiles, "\(infos.count) 个条目已查")
    }
}
