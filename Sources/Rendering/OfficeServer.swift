import Foundation

/// One worker's LibreOffice, kept running between documents: `soffice.bin` with the worker's own profile and a
/// tiny document of its own open (an office with no document open ends after a forwarded conversion), started by
/// ``OfficeLauncher`` so that it dies with Ducha. Documents are handed to it by a `soffice --convert-to` client
/// run with the same profile (`oosplash`, which the `soffice` script runs, forwards the request over
/// LibreOffice's own pipe, one per profile, in ~10 ms of CPU without loading the office) that returns when the
/// PDFs are written; the server prints a "convert …" line for each document it starts, and
/// "Error: source file could not be loaded" for a file it cannot open.
final class OfficeServer: @unchecked Sendable {
    /// How a worker's server is run.
    struct Setup: Sendable {
        /// `soffice.bin`.
        var binary: String
        /// The command the requests are made with (`soffice`).
        var client: String
        /// The worker's profile folder.
        var profile: URL
        /// The document the server keeps open.
        var keep: URL
        /// `FONTCONFIG_FILE`.
        var fonts: String
        /// The processor the server is kept on, if any.
        var core: Int? = nil

        var profileArgument: String { "-env:UserInstallation=\(profile.absoluteString)" }

        var environment: [String: String] {
            var environment = ProcessInfo.processInfo.environment
            environment["FONTCONFIG_FILE"] = fonts
            // What the `soffice` script sets before it runs `oosplash` (it restores LC_ALL itself).
            environment["SAL_ENABLE_FILE_LOCKING"] = "1"
            return environment
        }
    }

    /// What became of the documents of one request, in their order.
    struct Outcome {
        enum Document {
            case converted(String)
            case failed(String)
        }
        /// Each document's PDF, or why it failed; nil for a document not attempted (the server was killed or
        /// died before it), to be converted again.
        var results: [Document?]
        /// Whether the server was killed because a document took longer than the timeout.
        var killed = false
        /// Whether the server is gone (killed, or died by itself).
        var gone = false
    }

    let setup: Setup
    private let process: Process
    private let output: OfficeOutput
    /// Documents requested of this server since it started.
    private(set) var documents = 0

    private init(setup: Setup, process: Process, output: OfficeOutput) {
        self.setup = setup
        self.process = process
        self.output = output
    }

    /// Starts a server and waits until it can take requests: its pipe listens and its document is open (the
    /// document's lock file exists). LibreOffice exits with code 81 once it has made a fresh profile, and is
    /// then started again, as `oosplash` does.
    /// A new profile starts as a copy of ``OfficeProfileTemplate``, when there is one (and fresh, if LibreOffice
    /// cannot start from that copy).
    static func start(_ setup: Setup, timeout: Double) throws(OfficePool.Failure) -> OfficeServer {
        let seeded = OfficeProfileTemplate.seed(setup.profile, binary: setup.binary)
        do {
            return try launch(setup, timeout: timeout)
        } catch {
            guard seeded else { throw error }
            OfficeProfileTemplate.discard(binary: setup.binary)
            try? FileManager.default.removeItem(at: setup.profile)
            return try launch(setup, timeout: timeout)
        }
    }

    private static func launch(_ setup: Setup, timeout: Double) throws(OfficePool.Failure) -> OfficeServer {
        let lockFile = setup.keep.deletingLastPathComponent().appendingPathComponent(
            ".~lock.\(setup.keep.lastPathComponent)#"
        ).path
        for _ in 1...3 {
            // A killed server leaves its document's lock file behind.
            try? FileManager.default.removeItem(atPath: lockFile)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: setup.binary)
            process.arguments = [setup.profileArgument, "--headless", "--norestore", "--nolockcheck", setup.keep.path]
            process.environment = setup.environment
            let output = OfficeOutput()
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            process.standardInput = FileHandle.nullDevice
            output.attach(pipe)
            process.terminationHandler = { _ in output.wake() }
            do {
                try OfficeLauncher.shared.launch(process, core: setup.core)
            } catch let failure as OfficePool.Failure {
                throw failure
            } catch {
                throw OfficePool.Failure(document: "", message: "无法启动 LibreOffice（\(setup.binary)）：\(error)")
            }
            let server = OfficeServer(setup: setup, process: process, output: output)
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline {
                if FileManager.default.fileExists(atPath: lockFile), Self.listens(process.processIdentifier) {
                    return server
                }
                usleep(20_000)
            }
            if process.isRunning {
                server.kill()
                throw OfficePool.Failure(document: "", message: "LibreOffice 服务进程 \(Int(timeout)) 秒内未就绪，已终止")
            }
            process.waitUntilExit()
            OfficeLauncher.shared.exited(process.processIdentifier)
            if process.terminationReason == .exit, process.terminationStatus == 81 { continue }
            output.waitClosed(seconds: 2)
            throw OfficePool.Failure(
                document: "",
                message: "LibreOffice 服务进程启动后即退出（退出码 \(process.terminationStatus)）：\(output.recent.suffix(1500))")
        }
        throw OfficePool.Failure(document: "", message: "LibreOffice 服务进程反复要求重启（退出码 81），未能启动")
    }

    /// Whether the process holds a listening socket of LibreOffice's pipe (`…SingleOfficeIPC_…` in
    /// `/proc/net/unix`).
    private static func listens(_ pid: pid_t) -> Bool {
        guard let table = try? String(contentsOfFile: "/proc/net/unix", encoding: .utf8) else { return false }
        // Inode is the 7th column; state 01 (listening) the 6th.
        var inodes = Set<String>()
        for line in table.split(separator: "\n") where line.contains("SingleOfficeIPC_") {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            if columns.count >= 8, columns[5] == "01" { inodes.insert(String(columns[6])) }
        }
        guard !inodes.isEmpty, let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")
        else { return false }
        for fd in fds {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)"),
                target.hasPrefix("socket:[")
            else { continue }
            if inodes.contains(String(target.dropFirst(8).dropLast())) { return true }
        }
        return false
    }

    var isRunning: Bool { process.isRunning }
    var processIdentifier: Int32 { process.processIdentifier }

    /// A request sent: its documents, their PDFs, the client that made it, and where the server's output stood.
    final class Request {
        let files: [String]
        let outputs: [String]
        let client: Process?
        let said = OfficeOutput()
        /// The server's "convert" lines and text before this request.
        let conversions: Int
        let written: Int
        /// Why the client could not be started.
        var failure: String?

        init(files: [String], outputs: [String], client: Process?, conversions: Int, written: Int) {
            self.files = files
            self.outputs = outputs
            self.client = client
            self.conversions = conversions
            self.written = written
        }
    }

    /// Sends `files` (converted in that order, into `directory`, with LibreOffice's `filter`): starts their
    /// client. A request sent while another is under way waits behind it (the server takes one at a time, in
    /// the order they come), so that the server goes on at once when the one before ends.
    func send(_ files: [String], filter: String, into directory: String) -> Request {
        let outputs = files.map { PDFConverter.output(for: $0, in: directory) }
        for pdf in outputs { try? FileManager.default.removeItem(atPath: pdf) }
        documents += files.count
        let state = output.state
        let client = Process()
        client.executableURL = URL(fileURLWithPath: setup.client)
        client.arguments =
            [
                setup.profileArgument, "--headless", "--norestore", "--nolockcheck", "--convert-to", filter,
                "--outdir", directory,
            ] + files
        client.environment = setup.environment
        let request = Request(
            files: files, outputs: outputs, client: client, conversions: state.conversions, written: state.written)
        let pipe = Pipe()
        client.standardOutput = pipe
        client.standardError = pipe
        client.standardInput = FileHandle.nullDevice
        request.said.attach(pipe)
        let output = output
        client.terminationHandler = { _ in output.wake() }
        do {
            try client.run()
        } catch {
            request.failure = "无法启动 LibreOffice（\(setup.client)）：\(error)"
        }
        return request
    }

    /// Waits for `request` to end while the server makes progress (a "convert …" line per document started); a
    /// document that makes none within `timeout` seconds has the server killed. `lastStarted` is called once
    /// the server has started the request's last document (the time to send the next one).
    func finish(_ request: Request, timeout: Double, lastStarted: () -> Void) -> Outcome {
        if let failure = request.failure {
            return Outcome(results: request.files.map { _ in .failed(failure) })
        }
        guard let client = request.client else { return Outcome(results: request.files.map { _ in nil }) }
        var (seen, wakes, _) = output.state
        var announced = false
        var deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while client.isRunning, process.isRunning, !output.isClosed {
            if !announced, seen - request.conversions >= request.files.count {
                announced = true
                lastStarted()
            }
            let now = output.wait(beyond: seen, wakes: wakes, until: deadline)
            if now.conversions > seen {
                seen = now.conversions
                deadline = Date().addingTimeInterval(timeout)
            }
            wakes = now.wakes
            if client.isRunning, Date() >= deadline {
                timedOut = true
                break
            }
        }
        let gone = timedOut || !process.isRunning || output.isClosed
        if gone {
            kill(also: client)
        } else {
            client.waitUntilExit()
        }
        request.said.waitClosed(seconds: 2)
        var outcome = Outcome(results: [], killed: timedOut, gone: gone)
        let printed = (output.text(since: request.written) + request.said.recent).suffix(1500)
        if !gone {
            outcome.results = request.outputs.map { pdf in
                Self.isComplete(pdf)
                    ? .converted(pdf)
                    : .failed(printed.isEmpty ? "LibreOffice 未生成 PDF" : "LibreOffice 未能转换此文档：\(printed)")
            }
            return outcome
        }
        // Documents are converted in order: the leading ones whose PDF is complete are done, the next one failed
        // (its partial PDF is removed), the rest were not attempted.
        var failed = false
        for pdf in request.outputs {
            if failed {
                outcome.results.append(nil)
            } else if Self.isComplete(pdf) {
                outcome.results.append(.converted(pdf))
            } else {
                try? FileManager.default.removeItem(atPath: pdf)
                outcome.results.append(
                    .failed(
                        timedOut
                            ? "LibreOffice 转换此文档超过 \(Int(timeout)) 秒未完成，已终止该进程并重启，其余文档继续转换"
                            : "LibreOffice 在转换此文档时退出（退出码 \(process.terminationStatus)）：\(printed)"))
                failed = true
            }
        }
        return outcome
    }

    /// Waits for the client of a request that was waiting behind one whose server was killed (it was killed
    /// too); none of its documents was attempted.
    func abandon(_ request: Request) {
        guard let client = request.client, request.failure == nil else { return }
        if client.isRunning { _ = Foundation.kill(client.processIdentifier, SIGKILL) }
        client.waitUntilExit()
        for pdf in request.outputs { try? FileManager.default.removeItem(atPath: pdf) }
    }

    /// Stops the server: asks it to end, and kills it if it has not within two seconds.
    func stop() {
        if process.isRunning {
            _ = Foundation.kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(2)
            while process.isRunning, Date() < deadline { usleep(10_000) }
        }
        if process.isRunning {
            kill()
        } else {
            reap()
            // It ended by itself, its profile saved: the next workers can start from a copy.
            OfficeProfileTemplate.keep(setup.profile, binary: setup.binary)
        }
    }

    /// Kills the server, `client` and every other process started with this worker's profile (the `soffice`
    /// script's `oosplash` runs the client's `soffice.bin` as a child of its own), by their ids.
    func kill(also client: Process? = nil) {
        let marker = setup.profileArgument
        var victims = [process.processIdentifier]
        if let client { victims.append(client.processIdentifier) }
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") {
            for entry in entries {
                guard let pid = Int32(entry), pid != getpid(),
                    let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
                else { continue }
                if data.split(separator: 0).contains(where: { $0.elementsEqual(marker.utf8) }) { victims.append(pid) }
            }
        }
        for pid in victims { _ = Foundation.kill(pid, SIGKILL) }
        client?.waitUntilExit()
        reap()
    }

    private func reap() {
        process.waitUntilExit()
        OfficeLauncher.shared.exited(process.processIdentifier)
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
}
