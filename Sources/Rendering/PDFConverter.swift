import Foundation

/// Converts OpenDocument files to PDF with LibreOffice (which costs about a second to start and well under a
/// tenth of a second per document after that) on a pool of workers kept running, or, to compare, in one
/// LibreOffice process.
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
    ///   - pool: the pool to convert on (its own font aliases then hold); by default a pool made for this call.
    /// - Throws: the first document that failed, after the others were converted.
    public static func convert(
        _ files: [String], outputDirectory: String, fontAliases: String? = nil, kind: PDFKind = .print,
        workers: Int? = nil, pool given: OfficePool? = nil
    ) throws(Failure) -> [String] {
        guard !files.isEmpty else { return [] }
        let pool: OfficePool
        do {
            pool = try given ?? OfficePool(.init(workers: workers, fontAliases: fontAliases))
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

    /// Converts `files` into `outputDirectory` the plain way, to compare with the pool: one `soffice --convert-to`
    /// process (the launcher and its office, with a profile of its own started as the pool's workers' are, see
    /// ``OfficeProfileTemplate``) naming all of them on its command line, or, beyond ``filesPerCommandLine``,
    /// that many at a time, one process after another.
    /// - Returns: how many PDFs were written complete.
    public static func convertInOneProcess(
        _ files: [String], outputDirectory: String, fontAliases: String? = nil, kind: PDFKind = .print
    ) throws(Failure) -> Int {
        guard let soffice = soffice() else { throw Failure(message: "找不到 LibreOffice（soffice）") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ducha-office-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = ProcessInfo.processInfo.environment
        do {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
            environment["FONTCONFIG_FILE"] = try FontAliases.configuration(aliases: fontAliases, in: folder)
        } catch {
            throw Failure(message: "无法写入 \(outputDirectory) 或字体配置：\(error)")
        }
        let profile = folder.appendingPathComponent("profile")
        // The same start as the pool's workers: from a copy of the profile template when there is one.
        if let binary = OfficePool.serverBinary(for: soffice) {
            _ = OfficeProfileTemplate.seed(profile, binary: binary)
        }
        for start in stride(from: 0, to: files.count, by: filesPerCommandLine) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: soffice)
            process.arguments =
                [
                    "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore", "--nolockcheck",
                    "--convert-to", kind.filter, "--outdir", outputDirectory,
                ] + files[start..<min(start + filesPerCommandLine, files.count)]
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do { try process.run() } catch { throw Failure(message: "无法启动 LibreOffice（\(soffice)）：\(error)") }
            process.waitUntilExit()
        }
        return files.filter { OfficeServer.isComplete(output(for: $0, in: outputDirectory)) }.count
    }

    /// The most files named on one `soffice --convert-to` command line (LibreOffice 7.4 converts only the first
    /// ~246).
    public static let filesPerCommandLine = 200

    /// The PDF LibreOffice makes of `file` in `directory`.
    static func output(for file: String, in directory: String) -> String {
        let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return URL(fileURLWithPath: directory).appendingPathComponent(base + ".pdf").path
    }
}
