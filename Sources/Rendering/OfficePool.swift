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

/// A pool of LibreOffice workers that converts documents to PDF. Each worker is a LibreOffice server kept running
/// (``OfficeServer``) with a profile of its own, fed a few documents at a time (each request names its own
/// filter, so one server makes print and archival copies alike); a server is started when first needed, and
/// replaced by a fresh one after ``Settings/documentsPerProcess`` documents. A document that makes no progress
/// within ``Settings/timeout`` has its worker killed and restarted; that document is reported, the rest finish.
/// The font aliases are resolved once, into one fontconfig file all workers read.
///
/// A pool is meant to live as long as its user converts: the servers stay up between ``convert(_:kind:into:)``
/// calls (calls at once share the workers), are stopped after ``Settings/idleTimeout`` seconds unused, and
/// with the pool (``stop()``, or when it goes). No server outlives the process, however it ends.
public final class OfficePool: @unchecked Sendable {
    public struct Settings: Sendable {
        /// Workers converting at once: one per core by default.
        public var workers = ProcessInfo.processInfo.activeProcessorCount
        /// Seconds a single document may take before its worker is killed (and a server may take to start).
        public var timeout: Double = 120
        /// Documents one LibreOffice server converts before it is replaced by a fresh one.
        public var documentsPerProcess = 500
        /// The most documents handed to a server in one request (fewer as the end nears, so that the workers
        /// finish together; its progress is watched document by document all the same).
        public var documentsPerRequest = 8
        /// Seconds a server may stay unused before it is stopped; nil keeps the servers for the pool's life.
        public var idleTimeout: Double? = 300
        /// A fontconfig file mapping the government fonts to fonts installed here (`Templates/fonts.conf`).
        public var fontAliases: String?
        /// The LibreOffice command; by default ``PDFConverter/soffice()``. The servers run the `soffice.bin`
        /// beside it (beside the file it links to, when it is a link); the requests are made with the command, or
        /// with the `oosplash` it runs when it is LibreOffice's own `soffice` script (which costs a few forks).
        public var soffice: String?

        public init(
            workers: Int? = nil, timeout: Double? = nil, documentsPerProcess: Int? = nil,
            documentsPerRequest: Int? = nil, idleTimeout: Double?? = nil, fontAliases: String?,
            soffice: String? = nil
        ) {
            self.soffice = soffice
            if let workers { self.workers = max(1, workers) }
            if let timeout { self.timeout = max(1, timeout) }
            if let documentsPerProcess { self.documentsPerProcess = max(1, documentsPerProcess) }
            if let documentsPerRequest { self.documentsPerRequest = max(1, documentsPerRequest) }
            if let idleTimeout { self.idleTimeout = idleTimeout.map { max(1, $0) } }
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
        /// LibreOffice servers started (first starts, recycling and restarts).
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
    private let condition = NSCondition()
    private var counters = Counters()
    /// The workers not converting now.
    private var idle: [Worker]
    private var stopped = false

    public init(_ settings: Settings) throws {
        self.settings = settings
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ducha-office-\(UUID().uuidString)")
        self.folder = folder
        fontConfiguration = try FontAliases.configuration(aliases: settings.fontAliases, in: folder)
        // With no more workers than processors, each server stays on a processor of its own: two LibreOffice
        // processes moved between the cores by the scheduler each spent about 4 % more CPU a document.
        let cores = OfficeLauncher.allowedCores()
        let pinned = settings.workers > 1 && settings.workers <= cores.count
        idle = try (0..<settings.workers).map { n in
            let keep = folder.appendingPathComponent("worker-\(n).fodt")
            try Data(Self.keepDocument.utf8).write(to: keep)
            return Worker(
                profile: folder.appendingPathComponent("worker-\(n)"), keep: keep, core: pinned ? cores[n] : nil)
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    public var done: Counters { condition.withLock { counters } }

    /// The process ids of the servers running now, among the workers not converting at this moment.
    public var servers: [Int32] {
        condition.withLock { idle.compactMap { $0.server?.isRunning == true ? $0.server?.processIdentifier : nil } }
    }

    /// Stops every server (waiting for conversions under way to end first); a later ``convert(_:kind:into:)``
    /// starts them again.
    public func stop() {
        let workers = condition.withLock {
            while idle.count < settings.workers { condition.wait() }
            return idle
        }
        for worker in workers { worker.stop() }
    }

    /// Converts `files` into `directory` (same base names, `.pdf`; base names must be distinct). Returns, in the
    /// order of `files`, each PDF's path or why that document failed; the other documents are converted all the
    /// same.
    public func convert(_ files: [String], kind: PDFKind, into directory: String) -> [Result<String, Failure>] {
        guard !files.isEmpty else { return [] }
        guard let soffice = settings.soffice ?? PDFConverter.soffice() else {
            let message = "找不到 LibreOffice（soffice）：请安装 libreoffice-writer-nogui，或用环境变量 DUCHA_SOFFICE 指明其路径"
            return files.map { .failure(Failure(document: $0, message: message)) }
        }
        guard let binary = Self.serverBinary(for: soffice) else {
            let message = "在 LibreOffice 命令（\(soffice)）旁找不到 soffice.bin"
            return files.map { .failure(Failure(document: $0, message: message)) }
        }
        let client = Self.requestCommand(for: soffice, binary: binary)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return files.map { .failure(Failure(document: $0, message: "无法创建目录 \(directory)：\(error)")) }
        }
        let results = ResultList(count: files.count)
        let queue = DocumentQueue()
        for (index, file) in files.enumerated() {
            if FileManager.default.fileExists(atPath: file) {
                queue.add(index)
            } else {
                results.set(index, .failure(Failure(document: file, message: "文件不存在")))
            }
        }
        guard queue.count > 0 else { return results.all }
        let workers = checkOut(min(settings.workers, queue.count))
        let job = Job(
            files: files, absolute: files.map { URL(fileURLWithPath: $0).standardizedFileURL.path },
            directory: directory, outputFolder: URL(fileURLWithPath: directory).standardizedFileURL.path,
            filter: kind.filter, workers: workers.count, queue: queue, results: results,
            binary: binary, client: client)
        DispatchQueue.concurrentPerform(iterations: workers.count) { n in
            defer { checkIn(workers[n]) }
            work(job, on: workers[n])
        }
        return results.all
    }

    /// What the workers of one ``convert(_:kind:into:)`` share.
    private struct Job: @unchecked Sendable {
        let files: [String]
        let absolute: [String]
        let directory: String
        let outputFolder: String
        let filter: String
        let workers: Int
        let queue: DocumentQueue
        let results: ResultList
        let binary: String
        let client: String
    }

    /// Converts documents of `job` on `worker` until none is left: a request at a time, the next one sent as
    /// soon as the server has started the last document of the one before.
    private func work(_ job: Job, on worker: Worker) {
        let limit = settings.documentsPerProcess
        /// The next documents for a server that has converted `done`: a share that keeps the workers finishing
        /// together, within the request size and the server's room.
        func take(done: Int) -> [Int]? {
            let share = (job.queue.count + 2 * job.workers - 1) / (2 * job.workers)
            return job.queue.take(min(settings.documentsPerRequest, limit - done, share))
        }
        while true {
            let fresh = worker.server.map { $0.documents >= limit || !$0.isRunning } ?? true
            guard let batch = take(done: fresh ? 0 : worker.server?.documents ?? 0) else { return }
            if fresh {
                worker.stop()
                condition.withLock { counters.starts += 1 }
                do throws(Failure) {
                    worker.server = try OfficeServer.start(
                        .init(
                            binary: job.binary, client: job.client, profile: worker.profile, keep: worker.keep,
                            fonts: fontConfiguration, core: worker.core),
                        timeout: settings.timeout)
                } catch {
                    for index in batch {
                        job.results.set(index, .failure(Failure(document: job.files[index], message: error.message)))
                    }
                    continue
                }
            }
            guard let server = worker.server else { return }
            var current: (batch: [Int], request: OfficeServer.Request)? = (batch, send(batch, of: job, to: server))
            while let (batch, request) = current {
                var next: (batch: [Int], request: OfficeServer.Request)?
                let outcome = server.finish(request, timeout: settings.timeout) {
                    guard server.documents < limit, let more = take(done: server.documents) else { return }
                    next = (more, send(more, of: job, to: server))
                }
                if outcome.killed { condition.withLock { counters.kills += 1 } }
                var again: [Int] = []
                for (index, result) in zip(batch, outcome.results) {
                    switch result {
                    case .converted:
                        job.results.set(index, .success(PDFConverter.output(for: job.files[index], in: job.directory)))
                    case .failed(let message):
                        job.results.set(index, .failure(Failure(document: job.files[index], message: message)))
                    case nil: again.append(index)
                    }
                }
                if outcome.gone {
                    worker.server = nil
                    if let next {
                        server.abandon(next.request)
                        again += next.batch
                    }
                    current = nil
                } else {
                    current = next
                }
                job.queue.putBack(again)
            }
        }
    }

    private func send(_ batch: [Int], of job: Job, to server: OfficeServer) -> OfficeServer.Request {
        server.send(batch.map { job.absolute[$0] }, filter: job.filter, into: job.outputFolder)
    }

    /// Takes up to `count` idle workers (at least one, waiting for it).
    private func checkOut(_ count: Int) -> [Worker] {
        condition.withLock {
            while idle.isEmpty { condition.wait() }
            let taken = Array(idle.prefix(max(1, count)))
            idle.removeFirst(taken.count)
            return taken
        }
    }

    private func checkIn(_ worker: Worker) {
        worker.lastUse = Date()
        // The worker used last is handed out first: a caller converting one document at a time keeps one server.
        condition.withLock {
            idle.insert(worker, at: 0)
            condition.broadcast()
        }
        guard let seconds = settings.idleTimeout else { return }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds + 0.1) { [weak self] in self?.stopUnused(seconds) }
    }

    /// Stops the servers of the idle workers unused for `seconds`.
    private func stopUnused(_ seconds: Double) {
        let unused = condition.withLock {
            let found = idle.filter { $0.server != nil && Date().timeIntervalSince($0.lastUse) >= seconds }
            idle.removeAll { worker in found.contains { $0 === worker } }
            return found
        }
        for worker in unused { worker.stop() }
        condition.withLock {
            idle += unused
            condition.broadcast()
        }
    }

    /// The `soffice.bin` beside the LibreOffice command, or beside the file the command links to.
    static func serverBinary(for command: String) -> String? {
        let url = URL(fileURLWithPath: command)
        for folder in [url.deletingLastPathComponent(), url.resolvingSymlinksInPath().deletingLastPathComponent()] {
            let binary = folder.appendingPathComponent("soffice.bin").path
            if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        }
        return nil
    }

    /// What the requests are made with: the `oosplash` beside `binary` when `command` is LibreOffice's `soffice`
    /// script beside it (the script only sets the environment, which the pool sets itself, and runs `oosplash`),
    /// else `command`.
    static func requestCommand(for command: String, binary: String) -> String {
        let folder = URL(fileURLWithPath: binary).deletingLastPathComponent()
        let script = folder.appendingPathComponent("soffice").resolvingSymlinksInPath().path
        let launcher = folder.appendingPathComponent("oosplash").path
        guard URL(fileURLWithPath: command).resolvingSymlinksInPath().path == script,
            FileManager.default.isExecutableFile(atPath: launcher)
        else { return command }
        return launcher
    }

    /// The document a server keeps open: an empty text document.
    private static let keepDocument = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3" \
        office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text><text:p/>\
        </office:text></office:body></office:document>

        """
}

/// One worker: its profile, its open document, and its server when one runs. Used by one thread at a time (the
/// pool hands it out).
private final class Worker: @unchecked Sendable {
    let profile: URL
    let keep: URL
    var server: OfficeServer?
    var lastUse = Date()

    /// The processor its server runs on, when each worker has one of its own.
    let core: Int?

    init(profile: URL, keep: URL, core: Int?) {
        self.profile = profile
        self.keep = keep
        self.core = core
    }

    func stop() {
        server?.stop()
        server = nil
    }
}

/// The documents still to convert, by index.
private final class DocumentQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Int] = []

    func add(_ index: Int) { lock.withLock { pending.append(index) } }

    var count: Int { lock.withLock { pending.count } }

    /// Up to `count` documents, in order.
    func take(_ count: Int) -> [Int]? {
        lock.withLock {
            guard !pending.isEmpty else { return nil }
            let taken = Array(pending.prefix(max(1, count)))
            pending.removeFirst(taken.count)
            return taken
        }
    }

    /// Documents to convert again, first.
    func putBack(_ indices: [Int]) { lock.withLock { pending.insert(contentsOf: indices, at: 0) } }
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
