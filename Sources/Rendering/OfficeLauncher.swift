import Foundation

/// Starts the pool's LibreOffice servers so that none outlives Ducha. Each server is `soffice.bin` itself (not the
/// `soffice` script, whose `oosplash` runs `soffice.bin` as a child of its own) under
/// `setpriv --pdeathsig KILL`: the kernel kills it when its parent goes, however the parent ends (`SIGKILL`
/// included). The kernel counts the *thread* that started a child as its parent, so every server is started by
/// one thread that lives as long as the process. Servers still running at a normal exit are killed there too.
final class OfficeLauncher: @unchecked Sendable {
    static let shared = OfficeLauncher()

    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private let lock = NSLock()
    private var running: Set<pid_t> = []

    private init() {
        let thread = Thread { [self] in
            while true {
                let job = condition.withLock {
                    while jobs.isEmpty { condition.wait() }
                    return jobs.removeFirst()
                }
                job()
            }
        }
        thread.name = "ducha.office-launcher"
        thread.start()
        atexit { OfficeLauncher.shared.killAll() }
    }

    /// `setpriv`, which sets the parent-death signal and then executes the server (util-linux).
    static let setpriv = utility("setpriv")

    /// `taskset`, which sets the processors a command may run on and then executes it (util-linux).
    static let taskset = utility("taskset")

    /// Where a util-linux command is installed, if it is.
    private static func utility(_ name: String) -> String? {
        ["/usr/bin", "/bin", "/usr/local/bin"].map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// The processors this process may run on (`Cpus_allowed_list`), in order; empty when that cannot be read.
    static func allowedCores() -> [Int] {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") })
        else { return [] }
        var cores: [Int] = []
        for part in line.dropFirst("Cpus_allowed_list:".count).split(separator: ",") {
            let bounds = part.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let low = bounds.first, let high = bounds.last, low <= high, high - low < 4096 else { return [] }
            cores += Array(low...high)
        }
        return cores
    }

    /// Starts `process` (its executable and arguments those of the server) on the launcher thread, under
    /// `setpriv --pdeathsig KILL`, and on processor `core` alone when one is given (and `taskset` is there).
    func launch(_ process: Process, core: Int? = nil) throws {
        guard let setpriv = Self.setpriv, let server = process.executableURL?.path else {
            throw OfficePool.Failure(document: "", message: "找不到 setpriv（util-linux），无法启动 LibreOffice 服务进程")
        }
        let command = [setpriv, "--pdeathsig", "KILL", server] + (process.arguments ?? [])
        if let core, let taskset = Self.taskset {
            // taskset executes setpriv, which executes the server: one process throughout, whose parent stays the
            // launcher thread.
            process.executableURL = URL(fileURLWithPath: taskset)
            process.arguments = ["--cpu-list", String(core)] + command
        } else {
            process.executableURL = URL(fileURLWithPath: setpriv)
            process.arguments = Array(command.dropFirst())
        }
        let box = LaunchBox(process)
        let done = DispatchSemaphore(value: 0)
        condition.withLock {
            jobs.append {
                box.run()
                done.signal()
            }
            condition.signal()
        }
        done.wait()
        if let error = box.error { throw error }
        _ = lock.withLock { running.insert(process.processIdentifier) }
    }

    /// Forgets a server that has exited.
    func exited(_ pid: pid_t) { _ = lock.withLock { running.remove(pid) } }

    private func killAll() {
        for pid in lock.withLock({ running }) { kill(pid, SIGKILL) }
    }
}

/// A process handed to the launcher thread, and what starting it threw.
private final class LaunchBox: @unchecked Sendable {
    let process: Process
    var error: (any Error)?

    init(_ process: Process) { self.process = process }

    func run() {
        do { try process.run() } catch { self.error = error }
    }
}
