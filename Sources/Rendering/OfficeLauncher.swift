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
    static let setpriv: String? = ["/usr/bin/setpriv", "/bin/setpriv", "/usr/local/bin/setpriv"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Starts `process` (its executable and arguments those of the server) on the launcher thread, under
    /// `setpriv --pdeathsig KILL`.
    func launch(_ process: Process) throws {
        guard let setpriv = Self.setpriv, let server = process.executableURL?.path else {
            throw OfficePool.Failure(document: "", message: "找不到 setpriv（util-linux），无法启动 LibreOffice 服务进程")
        }
        process.executableURL = URL(fileURLWithPath: setpriv)
        process.arguments = ["--pdeathsig", "KILL", server] + (process.arguments ?? [])
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
