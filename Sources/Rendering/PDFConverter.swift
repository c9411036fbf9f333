import Foundation

/// Converts OpenDocument files to PDF with LibreOffice, many files per start (LibreOffice costs about a
/// second to start and well under a tenth of a second per document after that), on a pool of workers.
public enum PDFConverter {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The LibreOffice command: `$DUCHA_SOFFICE`, else `soffice` or `libreoffice` on the PATH.
    public static func soffice() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["DUCHA_SOFFICE"], !explicit.isEmpty { return explicit }
        for directory in (environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            for name in ["soffice", "libreoffice"] {
                let path = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// Converts `files` into PDFs in `outputDirectory` (same base names, `.pdf`) through a pool of LibreOffice
    /// workers (``OfficePool``) and returns their paths, in the order of `files`. Base names must be distinct
    /// (the PDFs share one folder).
    /// - Parameters:
    ///   - fontAliases: a fontconfig file that maps the government fonts the documents name (仿宋_GB2312,
    ///     方正小标宋简体 …) to fonts installed here; added to the system's configuration.
    ///   - kind: print copies, or PDF/A-2b archival copies.
    /// - Throws: the first document that failed, after the others were converted.
    public static func convert(
        _ files: [String], outputDirectory: String, fontAliases: String? = nil, kind: PDFKind = .print,
        workers: Int? = nil
    ) throws(Failure) -> [String] {
        guard !files.isEmpty else { return [] }
        let pool: OfficePool
        do {
            pool = try OfficePool(.init(workers: workers, fontAliases: fontAliases))
        } catch {
            throw Failure(message: "无法写入字体配置：\(error)")
        }
        var paths: [String] = []
        var failures: [OfficePool.Failure] = []
        for result in pool.convert(files, kind: kind, into: outputDirectory) {
            switch result {
            case .success(let path): paths.append(path)
            case .failure(let failure): failures.append(failure)
            }
        }
        if let first = failures.first {
            let more = failures.count > 1 ? "（共 \(failures.count) 个文档未转换）" : ""
            throw Failure(message: "LibreOffice 转换 PDF 失败：\(first)\(more)")
        }
        return paths
    }

    /// The PDF LibreOffice makes of `file` in `directory`.
    static func output(for file: String, in directory: String) -> String {
        let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return URL(fileURLWithPath: directory).appendingPathComponent(base + ".pdf").path
    }
}
