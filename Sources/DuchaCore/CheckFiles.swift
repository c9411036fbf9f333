import Foundation
import ODF
import Rendering

/// The checks that look at files one by one, whatever bag they are in: temporary and executable files on the
/// carrier, permissions, and whether each document opens, is in an archival format and uses only public
/// compression.
enum CheckFiles {
    /// One file or folder under a checked folder.
    struct Entry {
        /// Path relative to the checked folder.
        var path: String
        var isDirectory: Bool
        var isSymbolicLink: Bool
        /// Permission bits.
        var mode: Int
    }

    /// Everything under `folder`, hidden files included, sorted; symbolic links are listed, never followed.
    static func walk(_ folder: String) -> [Entry] {
        var entries: [Entry] = []
        func visit(_ relative: String) {
            let path = relative.isEmpty ? folder : folder + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
            for name in names.sorted() {
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(folder + "/" + child, &info) == 0 else { continue }
                let type = info.st_mode & S_IFMT
                entries.append(
                    Entry(
                        path: child, isDirectory: type == S_IFDIR, isSymbolicLink: type == S_IFLNK,
                        mode: Int(info.st_mode & 0o7777)))
                if type == S_IFDIR { visit(child) }
            }
        }
        visit("")
        return entries
    }

    /// Why a file is not an archival file, from its name, its permission bits and its first bytes; `nil` when
    /// nothing says so. Editors' leftovers (`~$x.docx`, `.~lock.x#`, `x~`, `.x.swp`, `#x#`), system litter
    /// (`.DS_Store`, `Thumbs.db`, `desktop.ini`), temporary files (`.tmp`, `.part`, `.crdownload`), and
    /// executables by their content (ELF, PE/`MZ`, Mach-O, `#!` scripts) or their execute bits.
    static func nonArchivalReason(name: String, mode: Int, head: [UInt8]) -> String? {
        let lower = name.lowercased()
        if name.hasPrefix("~$") || name.hasPrefix(".~lock.") || name.hasSuffix("~")
            || (name.hasPrefix("#") && name.hasSuffix("#")) || lower.hasSuffix(".swp") || lower.hasSuffix(".swo")
        {
            return "编辑器遗留的临时文件"
        }
        if [".ds_store", "thumbs.db", "desktop.ini"].contains(lower) || name.hasPrefix("._") {
            return "操作系统生成的文件"
        }
        if lower.hasSuffix(".tmp") || lower.hasSuffix(".temp") || lower.hasSuffix(".part")
            || lower.hasSuffix(".crdownload") || lower.hasSuffix(".bak")
        {
            return "临时文件"
        }
        let magic: [(bytes: [UInt8], what: String)] = [
            ([0x7F, 0x45, 0x4C, 0x46], "ELF 可执行文件"), ([0x4D, 0x5A], "Windows 可执行文件（MZ）"),
            ([0xCF, 0xFA, 0xED, 0xFE], "Mach-O 可执行文件"), ([0xFE, 0xED, 0xFA, 0xCF], "Mach-O 可执行文件"),
            ([0xCA, 0xFE, 0xBA, 0xBE], "Mach-O 或 Java 可执行文件"), ([0x23, 0x21], "脚本（#!）"),
        ]
        for (bytes, what) in magic where head.starts(with: bytes) { return "内容是\(what)" }
        if mode & 0o111 != 0 { return "带可执行权限（\(String(mode, radix: 8))）" }
        return nil
    }

    /// The archival formats by extension, and how to recognise each by content.
    static let archivalExtensions: Set<String> = [
        "odt", "ods", "odp", "odg", "fodt", "pdf", "xml", "txt", "png",
        "jpg", "jpeg", "tif", "tiff", "ofd",
    ]

    /// The format the content shows, by its first bytes.
    static func format(of bytes: [UInt8]) -> String {
        if bytes.starts(with: Array("%PDF-".utf8)) { return "pdf" }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            // An ODF package names its type in the stored `mimetype` entry right after the first header.
            let text = String(decoding: bytes.prefix(120), as: UTF8.self)
            if text.contains("mimetypeapplication/vnd.oasis.opendocument.text") { return "odt" }
            if text.contains("mimetypeapplication/vnd.oasis.opendocument.spreadsheet") { return "ods" }
            if text.contains("mimetypeapplication/vnd.oasis.opendocument.presentation") { return "odp" }
            if text.contains("mimetypeapplication/vnd.oasis.opendocument.graphics") { return "odg" }
            return "zip"
        }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpg" }
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            return "tiff"
        }
        let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if text.starts(with: Array("<?xml".utf8)) || text.first == 0x3C { return "xml" }
        if String(validating: text.prefix(4096), as: UTF8.self) != nil { return "txt" }
        return "unknown"
    }

    /// Whether a file's content is of the format its extension names.
    static func formatMatches(extension ext: String, content: String) -> Bool {
        switch ext {
        case "jpeg": return content == "jpg"
        case "tif": return content == "tiff"
        case "fodt": return content == "xml"
        case "txt": return content == "txt" || content == "xml"
        case "ofd": return content == "zip"
        default: return ext == content
        }
    }

    /// Opens one document as its reader would; returns the problems for 可读性, 格式 and 压缩 items. With a
    /// `validator`, an ODF 1.3 document is also validated strictly against the ODF 1.3 schemas; without, its XML
    /// is only parsed.
    static func checkDocument(
        path: String, bytes: [UInt8], display: String, validator: CheckODFValidity?,
        into evidence: inout CheckEvidence
    ) {
        let ext = (path.split(separator: ".").last.map(String.init) ?? "").lowercased()
        let content = format(of: bytes)
        if !archivalExtensions.contains(ext) {
            evidence.fail(.formats, "\(display)：扩展名“\(ext)”不是归档格式")
        } else if !formatMatches(extension: ext, content: content) {
            evidence.fail(.formats, "\(display)：扩展名为 \(ext)，内容却是 \(content)")
        }
        switch content {
        case "odt", "ods", "odp", "odg":
            do {
                let zip = try ZipReader(bytes: bytes, source: display)
                for info in zip.entryInfos where info.method != 0 && info.method != 8 {
                    evidence.fail(.compression, "\(display)：条目“\(info.name)”使用非公开的压缩方法 \(info.method)")
                }
                let package = try ODFPackageReader(bytes: bytes, source: display)
                if package.part("content.xml") == nil { evidence.fail(.documentsOpen, "\(display)：缺少 content.xml") }
                if package.version != "1.3" {
                    let unchecked = validator == nil ? "" : "（未按 1.3 模式校验）"
                    evidence.fail(.formats, "\(display)：ODF 版本为 \(package.version ?? "未声明")，应为 1.3\(unchecked)")
                }
                if let validator, package.version == "1.3" {
                    let manifest = try zip.read(ODFPackageReader.manifestPath)
                    let parts = [(ODFPackageReader.manifestPath, manifest)] + package.parts.map { ($0.path, $0.data) }
                    validator.check(parts: parts, display: display, into: &evidence)
                } else {
                    for name in ["content.xml", "styles.xml", "meta.xml"] {
                        guard let part = package.part(name) else { continue }
                        _ = try XMLDocumentParser.parse(part.data, source: display + "/" + name)
                    }
                }
            } catch {
                if error.code == .encrypted {
                    evidence.fail(.compression, "\(display)：文档已加密")
                } else {
                    evidence.fail(.documentsOpen, "\(display)：无法打开：\(error)")
                }
            }
        case "pdf":
            let tail = String(decoding: bytes.suffix(1024), as: UTF8.self)
            if !tail.contains("%%EOF") || PDFPages.count(bytes) < 1 {
                evidence.fail(.documentsOpen, "\(display)：PDF 不完整或没有页面")
            }
            // The encryption dictionary is named in the trailer (at the end) or a cross-reference stream.
            let ends = String(decoding: bytes.prefix(65536) + bytes.suffix(65536), as: UTF8.self)
            if ends.contains("/Encrypt") {
                evidence.fail(.compression, "\(display)：PDF 已加密")
            }
        case "xml" where ext == "fodt":
            if let validator {
                validator.check(flat: bytes, display: display, into: &evidence)
            } else {
                do {
                    _ = try XMLDocumentParser.parse(bytes, source: display)
                } catch {
                    evidence.fail(.documentsOpen, "\(display)：无法打开：\(error)")
                }
            }
        case "xml" where ext == "xml":
            do {
                _ = try XMLDocumentParser.parse(bytes, source: display)
            } catch {
                evidence.fail(.metadataReadable, "\(display)：XML 无法读取：\(error)")
            }
        default:
            break
        }
    }
}
