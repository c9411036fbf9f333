import Foundation

/// What a document is converted to.
public enum PDFKind: String, Sendable {
    /// A print copy.
    case print
    /// An archival copy, PDF/A-2b (GB/T 23286 / ISO 19005-2): fonts embedded, XMP `pdfaid` part 2, conformance B.
    case archival

    /// LibreOffice's `--convert-to` argument.
    var filter: String {
        switch self {
        case .print: "pdf:writer_pdf_Export"
        case .archival: #"pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}"#
        }
    }
}

/// A pool of LibreOffice workers that converts documents to PDF. Each worker is one LibreOffice process at a
/// time with a profile of its own, kept for the pool's life (a warm profile starts faster); a worker converts
/// its documents one after another in one process and is recycled (a fresh process) after
/// ``Settings/documentsPerProcess`` documents. A document that makes no progress within ``Settings/timeout``
/// has its worker killed and restarted; that document is reported, the rest finish. The font aliases are
/// resolved once, into one fontconfig file all workers read.
public final class OfficePool: @unchecked Sendable {
    public struct Settings: Sendable {
        /// Workers converting at once: one per core by default.
        public var workers = ProcessInfo.processInfo.activeProcessorCount
        /// Seconds a single document may take before its worker is killed.
        public var timeout: Double = 120
        /// Documents one LibreOffice process converts before it is replaced by a fresh one (LibreOffice 7.4
        /// converts only the first ~246 files named on one command line).
        public var documentsPerProcess = 100
        /// A fontconfig file mapping the government fonts to fonts installed here (`Templates/fonts.conf`).
        public var fontAliases: String?
        /// The LibreOffice command; by default ``PDFConverter/soffice()``.
        public var soffice: String?

        public init(
            workers: Int? = nil, timeout: Double? = nil, documentsPerProcess: Int? = nil, fontAliases: String?,
            soffice: String? = nil
        ) {
            self.soffice = soffice
            if let workers { self.workers = max(1, workers) }
            if let timeout { self.timeout = max(1, timeout) }
            if let documentsPerProcess { self.documentsPerProcess = max(1, documentsPerProcess) }
            self.fontAliases = fontAliases
        }
    }

    /// A document that could not be converted, and why.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var document: String
        public var message: String
        public var description: String { "\(document)：\(message)" }
    }

    /// What the pool has done so far.
    public struct Counters: Sendable, Equatable {
        /// LibreOffice processes started (first starts, recycling and restarts).
        public var starts = 0
        /// Workers killed because a document took longer than the timeout.
        public var kills = 0

        public init(starts: Int = 0, kills: Int = 0) {
            self.starts = starts
            self.kills = kills
        }
    }

    public let settings: Settings
    private let folder: URL
    private let fontConfiguration: String
    private let lock = NSLock()
    private var counters = Counters()

    public init(_ settings: Settings) throws {
        self.settings = settings
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ducha-office-\(UUID().uuidString)")
        fontConfiguration = try FontAliases.configuration(aliases: settings.fontAliases, in: folder)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    public var done: Counters { lock.withLock { counters } }

    /// Converts `files` into `directory` (same base names, `.pdf`; base names must be distinct). Returns, in the
    /// order of `files`, each PDF's path or why that document failed; the other documents are converted all the
    /// same.
    public func convert(_ files: [String], kind: PDFKind, into directory: String) -> [Result<String, Failure>] {
        guard !files.isEmpty else { return [] }
        guard let soffice = settings.soffice ?? PDFConverter.soffice() else {
            let message = "找不到 LibreOffice（soffice）：请安装 libreoffice-writer-nogui，或用环境变量 DUCHA_SOFFICE 指明其路径"
            return files.map { .failure(Failure(document: $0, message: message)) }
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return files.map { .failure(Failure(document: $0, message: "无法创建目录 \(directory)：\(error)")) }
        }
        let workers = max(1, min(settings.workers, files.count))
        // Batches of consecutive documents, as even as the workers allow, none over the recycling limit.
        let size = min(settings.documentsPerProcess, (files.count + workers - 1) / workers)
        let batches = stride(from: 0, to: files.count, by: size).map { Array($0..<min($0 + size, files.count)) }
        let results = ResultList(count: files.count)
        let next = BatchCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let profile = folder.appendingPathComponent("worker-\(worker)")
            while let index = next.take(below: batches.count) {
                var pending = batches[index]
                while !pending.isEmpty {
                    let run = WorkerRun(
                        soffice: soffice, profile: profile, fonts: fontConfiguration, kind: kind,
                        files: pending.map { files[$0] }, directory: directory, timeout: settings.timeout)
                    lock.withLock { counters.starts += 1 }
                    let outcome = run.start()
                    for (offset, path) in outcome.converted.enumerated() {
                        results.set(pending[offset], .success(path))
                    }
                    pending.removeFirst(outcome.converted.count)
                    guard let failed = pending.first else { break }
                    if outcome.killed { lock.withLock { counters.kills += 1 } }
                    results.set(failed, .failure(Failure(document: files[failed], message: outcome.message)))
                    pending.removeFirst()
                }
            }
        }
        return results.all
    }
}

/// One LibreOffice process converting a list of documents in order, watched for progress.
private struct WorkerRun {
    let soffice: String
    let profile: URL
    let fonts: String
    let kind: PDFKind
    let files: [String]
    let directory: String
    let timeout: Double

    struct Outcome {
        /// The PDFs of the leading documents that were converted.
        var converted: [String]
        /// Whether the process was killed for taking too long.
        var killed: Bool
        /// Why the first document not converted failed.
        var message: String
    }

    func start() -> Outcome {
        let outputs = files.map { PDFConverter.output(for: $0, in: directory) }
        for pdf in outputs { try? FileManager.default.removeItem(atPath: pdf) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments =
            [
                "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore", "--nolockcheck",
                "--convert-to", kind.filter, "--outdir", directory,
            ] + files
        var environment = ProcessInfo.processInfo.environment
        environment["FONTCONFIG_FILE"] = fonts
        process.environment = environment
        let progress = Progress()
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                progress.close()
            } else {
                progress.append(data)
            }
        }
        do {
            try process.run()
        } catch {
            return Outcome(converted: [], killed: false, message: "无法启动 LibreOffice（\(soffice)）：\(error)")
        }
        var killed = false
        // Wait while the process makes progress: a "convert …" line per document started.
        var seen = 0
        while process.isRunning {
            let started = progress.wait(beyond: seen, seconds: timeout)
            if started > seen {
                seen = started
                continue
            }
            if progress.isClosed || !process.isRunning { break }
            terminate(process)
            killed = true
            break
        }
        process.waitUntilExit()
        progress.waitClosed(seconds: 5)
        // Documents are converted in order: the leading ones whose PDF is complete are done; a killed process's
        // partial PDF is removed.
        var converted: [String] = []
        for pdf in outputs {
            guard Self.isComplete(pdf) else { break }
            converted.append(pdf)
        }
        if killed, converted.count < outputs.count {
            try? FileManager.default.removeItem(atPath: outputs[converted.count])
        }
        let printed = progress.text.suffix(1500)
        let message =
            killed
            ? "LibreOffice 转换此文档超过 \(Int(timeout)) 秒未完成，已终止该进程并重启，其余文档继续转换"
            : "LibreOffice 未能转换此文档（退出码 \(process.terminationStatus)）：\(printed)"
        return Outcome(converted: converted, killed: killed, message: message)
    }

    /// A PDF LibreOffice finished writing: it ends with `%%EOF`.
    static func isComplete(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd(), end > 8 else { return false }
        try? handle.seek(toOffset: end - min(end, 32))
        let tail = (try? handle.readToEnd()) ?? Data()
        return String(decoding: tail, as: UTF8.self).contains("%%EOF")
    }

    /// Kills the process and every process started with this worker's profile (the launcher starts
    /// `soffice.bin` as a child of its own), by their ids.
    private func terminate(_ process: Process) {
        let marker = profile.absoluteString
        var victims = [process.processIdentifier]
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") {
            for entry in entries {
                guard let pid = Int32(entry), pid != getpid(),
                    let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
                else { continue }
                if String(decoding: data, as: UTF8.self).contains(marker) { victims.append(pid) }
            }
        }
        for pid in victims { _ = kill(pid, SIGKILL) }
    }
}

/// The output of one LibreOffice process: how many "convert" lines it printed, and its text.
private final class Progress: @unchecked Sendable {
    private let condition = NSCondition()
    private var data = Data()
    private var count = 0
    private var closed = false

    func append(_ chunk: Data) {
        condition.withLock {
            data.append(chunk)
            count =
                String(decoding: data, as: UTF8.self).components(separatedBy: "\n").filter {
                    $0.hasPrefix("convert ")
                }.count
            condition.broadcast()
        }
    }

    func close() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
    }

    /// Waits until more than `seen` documents were started, the output closed, or `seconds` passed; returns the
    /// number started.
    func wait(beyond seen: Int, seconds: Double) -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        return condition.withLock {
            while count <= seen, !closed, condition.wait(until: deadline) {}
            return count
        }
    }

    func waitClosed(seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        condition.withLock {
            while !closed, condition.wait(until: deadline) {}
        }
    }

    var isClosed: Bool { condition.withLock { closed } }
    var text: String { condition.withLock { String(decoding: data, as: UTF8.self) } }
}

/// The results of documents converted at once.
private final class ResultList: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<String, OfficePool.Failure>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<String, OfficePool.Failure>) { lock.withLock { results[index] = result } }

    var all: [Result<String, OfficePool.Failure>] {
        lock.withLock {
            results.map { $0 ?? .failure(OfficePool.Failure(document: "", message: "未转换")) }
        }
    }
}

/// Hands out batch numbers to the workers.
private final class BatchCounter: @unchecked Sendable {
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
