import Foundation

/// Converts OpenDocument files to PDF with LibreOffice, many files per start (LibreOffice costs about a
/// second to start and well under a tenth of a second per document after that).
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

    /// Converts `files` into PDFs in `outputDirectory` (same base names, `.pdf`) and returns their paths.
    /// Uses a private LibreOffice profile so that it never disturbs, or waits for, a user's running office.
    /// - Parameter fontAliases: a fontconfig file that maps the government fonts the documents name
    ///   (仿宋_GB2312, 方正小标宋简体 …) to fonts installed here; added to the system's configuration.
    public static func convert(_ files: [String], outputDirectory: String, fontAliases: String? = nil) throws(Failure)
        -> [String]
    {
        guard !files.isEmpty else { return [] }
        guard let soffice = soffice() else {
            throw Failure(message: "找不到 LibreOffice（soffice）：请安装 libreoffice-writer-nogui，或用环境变量 DUCHA_SOFFICE 指明其路径")
        }
        let profile = FileManager.default.temporaryDirectory
            .appendingPathComponent("ducha-lo-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments =
            [
                "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore", "--convert-to", "pdf",
                "--outdir", outputDirectory,
            ] + files
        if let fontAliases, FileManager.default.fileExists(atPath: fontAliases) {
            let absolute = URL(fileURLWithPath: fontAliases).standardizedFileURL.path
            let configuration = profile.appendingPathComponent("fonts.conf")
            let text = """
                <?xml version="1.0"?>
                <fontconfig>
                  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
                  <include ignore_missing="yes">\(absolute)</include>
                </fontconfig>

                """
            do {
                try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: configuration)
            } catch {
                throw Failure(message: "无法写入字体配置：\(error)")
            }
            var environment = ProcessInfo.processInfo.environment
            environment["FONTCONFIG_FILE"] = configuration.path
            process.environment = environment
        }
        let log = Pipe()
        process.standardOutput = log
        process.standardError = log
        do {
            try process.run()
        } catch {
            throw Failure(message: "无法启动 LibreOffice（\(soffice)）：\(error)")
        }
        let output = log.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let outputs = files.map { file -> String in
            let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            return URL(fileURLWithPath: outputDirectory).appendingPathComponent(base + ".pdf").path
        }
        let missing = outputs.filter { !FileManager.default.fileExists(atPath: $0) }
        guard process.terminationStatus == 0, missing.isEmpty else {
            throw Failure(
                message: "LibreOffice 转换 PDF 失败（退出码 \(process.terminationStatus)）："
                    + String(decoding: output, as: UTF8.self)
                    + (missing.isEmpty ? "" : " 未生成：" + missing.joined(separator: "、")))
        }
        return outputs
    }
}
