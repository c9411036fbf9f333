import ArgumentParser
import Dispatch
import DuchaCore
import DuchaServer
import Foundation
import Matters
import Synchronization

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "督查管理系统：在浏览器中办理非涉密事项（台账、签收、报送、审核、交办等），与命令行共用同一档案。",
        discussion: """
            缺省只在本机 127.0.0.1 上监听；对外提供服务时请在前面加 TLS 反向代理（见 README），并加 --secure-cookie。
            账号用 ducha user 管理。服务器只在写入时持有档案锁，命令行（如 cron 中的季末批处理）可同时运行。
            """
    )

    @Option(name: .customLong("bind"), help: ArgumentHelp("监听地址", valueName: "ADDRESS"))
    var bind = "127.0.0.1"

    @Option(name: .customLong("port"), help: ArgumentHelp("端口", valueName: "PORT"))
    var port = 8080

    @Flag(name: .customLong("secure-cookie"), help: "会话 Cookie 加 Secure 标记（在 TLS 反向代理之后运行时使用）")
    var secureCookie = false

    @Option(name: .customLong("as-of"), help: ArgumentHelp("台账日期（缺省为当天；演示和测试用）", valueName: "YYYY-MM-DD"))
    var asOf: CivilDate?

    @OptionGroup var archival: ArchivalCopyOptions

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        var configuration = PortalConfiguration(workspace: try workspace.workspace())
        configuration.archivalCopies = archival.enabled(byDefault: false)
        configuration.host = bind
        configuration.port = port
        configuration.secureCookie = secureCookie
        if let asOf { configuration.today = { asOf } }
        let started = ContinuousClock.now
        let outcome = Mutex<(any Error)?>(nil)
        let done = DispatchSemaphore(value: 0)
        let address = "http://\(bind):\(port)/"
        Task { [configuration] in
            do {
                let portal = try await Portal(configuration)
                let seconds = (ContinuousClock.now - started).components
                // Written at once (not buffered): a script waits for this line to know the server is up.
                let line =
                    "督查管理系统已启动：\(address)（读入档案用时 \(seconds.seconds).\(seconds.attoseconds / 10_000_000_000_000_000) 秒；按 Ctrl-C 停止）"
                FileHandle.standardOutput.write(Data((escapedLines(line) + "\n").utf8))
                try await portal.application().runService()
            } catch {
                outcome.withLock { $0 = error }
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.withLock({ $0 }) { throw error }
    }
}
