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

    /// How many files one LibreOffice start is given: LibreOffice 7.4 converts only the first ~246 files named
    /// on one command line (and still exits 0), so no call may name more than this.
    public static let filesPerStart = 100

    /// Converts `files` into PDFs in `outputDirectory` (same base names, `.pdf`) and returns their paths, in the
    /// order of `files`. Files go to LibreOffice at most ``filesPerStart`` at a time, on up to `workers`
    /// LibreOffice processes at once (each with its own private profile, so that none disturbs, or waits for,
    /// another or a user's running office). Base names must be distinct (the PDFs share one folder).
    /// - Parameter fontAliases: a fontconfig file that maps the government fonts the documents name
    ///   (仿宋_GB2312, 方正小标宋简体 …) to fonts installed here; added to the system's configuration.
    public static func convert(
        _ files: [String], outputDirectory: String, fontAliases: String? = nil,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(Failure) -> [String] {
        guard !files.isEmpty else { return [] }
        let chunks = stride(from: 0, to: files.count, by: filesPerStart).map {
            Array(files[$0..<min($0 + filesPerStart, files.count)])
        }
        let failures = FailureList()
        let next = ChunkCounter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, chunks.count))) { _ in
            while let index = next.take(below: chunks.count), !failures.any {
                do throws(Failure) {
                    _ = try convertOnce(chunks[index], outputDirectory: outputDirectory, fontAliases: fontAliases)
                } catch {
                    failures.add(error)
                }
            }
        }
        if let failure = failures.first { throw failure }
        return files.map { output(for: $0, in: outputDirectory) }
    }

    /// The PDF LibreOffice makes of `file` in `directory`.
    static func output(for file: String, in directory: String) -> String {
        let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return URL(fileURLWithPath: directory).appendingPathComponent(base + ".pdf").path
    }

    /// One LibreOffice start for at most ``filesPerStart`` files.
    private static func convertOnce(_ files: [String], outputDirectory: String, fontAliases: String?) throws(Failure)
        -> [String]
    {
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
        do {
            var environment = ProcessInfo.processInfo.environment
            environment["FONTCONFIG_FILE"] = try FontAliases.configuration(aliases: fontAliases, in: profile)
            process.environment = environment
        } catch {
            throw Failure(message: "无法写入字体配置：\(error)")
        }
        let log = Pipe()
        process.standardOutput = log
        process.standardError = log
        do {
            try process.run()
        } catch {
            throw Failure(message: "无法启动 LibreOffice（\(soffice)）：\(error)")
        }
        let printed = log.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let outputs = files.map { output(for: $0, in: outputDirectory) }
        let missing = outputs.filter { !FileManager.default.fileExists(atPath: $0) }
        guard process.terminationStatus == 0, missing.isEmpty else {
            let shown = missing.prefix(3).joined(separator: "、")
            throw Failure(
                message: "LibreOffice 转换 PDF 失败（退出码 \(process.terminationStatus)）："
                    + String(decoding: printed.prefix(2000), as: UTF8.self)
                    + (missing.isEmpty
                        ? ""
                        : "；\(files.count) 个文件中 \(missing.count) 个未生成，如 \(shown)" + (missing.count > 3 ? " 等" : "")))
        }
        return outputs
    }
}

/// The first failure of the conversions running at once.
private final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [PDFConverter.Failure] = []

    var any: Bool { lock.withLock { !failures.isEmpty } }
    var first: PDFConverter.Failure? { lock.withLock { failures.first } }

    func add(_ failure: PDFConverter.Failure) { lock.withLock { failures.append(failure) } }
}

/// Hands out chunk numbers to the conversions running at once.
private final class ChunkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func take(below count: Int) -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
