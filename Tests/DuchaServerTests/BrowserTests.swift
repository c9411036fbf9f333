import DuchaCore
import Foundation
import TestSupport
import Testing

/// Whether Selenium can be imported by python3.
private let hasSelenium: Bool = {
    guard let python = TestEnvironment.python3 else { return false }
    return (try? TestEnvironment.run(python, ["-c", "import selenium"]).status) == 0
}()

@Suite("Portal in a real browser", .tags(.slow), .unlessSkippingSlow)
struct BrowserTests {
    @Test(
        "Chromium through Selenium: the clerk/unit flow, then verify and bagit.py pass and the log equals intake's",
        .needs("chromium", "chromedriver", "python3", "bagit.py"),
        .enabled(if: TestEnvironment.inCI || hasSelenium, "needs Selenium (python3 -m pip install selenium)"))
    func clerkAndUnitFlow() throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let server = try PortalServer(archive: fixture.archive, templates: ShippedFiles.templates, asOf: "2026-04-10")
        let pdf = fixture.directory.appendingPathComponent("排查情况.pdf").path
        try Data(ActionTests.pdf).write(to: URL(fileURLWithPath: pdf))
        let downloads = fixture.directory.appendingPathComponent("downloads").path
        try FileManager.default.createDirectory(atPath: downloads, withIntermediateDirectories: true)
        var arguments = [
            TestEnvironment.packageRoot.appendingPathComponent("scripts/portal-browser-flow.py").path, "--url",
            server.url,
            "--password", PortalFixture.password, "--pdf", pdf, "--downloads", downloads,
        ]
        // DUCHA_SCREENSHOTS=docs makes the README's screenshots.
        if let folder = ProcessInfo.processInfo.environment["DUCHA_SCREENSHOTS"], !folder.isEmpty {
            arguments += ["--screenshots", folder]
        }
        let flow = try TestEnvironment.run("python3", arguments)
        server.stop()
        #expect(flow.status == 0, "\(flow.output)\n服务器输出：\(server.output)")
        let slips = try FileManager.default.contentsOfDirectory(atPath: downloads)
        #expect(slips.contains { $0.hasPrefix("督查通知单-西督通〔2026〕") && $0.hasSuffix(".odt") }, "\(slips)")

        let verify = try TestEnvironment.run(TestEnvironment.ducha, ["verify", "--archive", fixture.archive])
        #expect(verify.status == 0, "\(verify.output)")
        let bag = fixture.archive + "/2026/2026-101"
        let bagit = try TestEnvironment.run("bagit.py", ["--validate", bag])
        #expect(bagit.status == 0, "\(bagit.output)")
        try IntakeTwin.expectSame(as: fixture.archive)
    }
}

/// `ducha serve` as its own process on a free loopback port, until stopped.
final class PortalServer {
    let process = Process()
    let url: String
    private let pipe = Pipe()
    private(set) var output = ""

    init(archive: String, templates: String, asOf: String) throws {
        let port = try Self.freePort()
        url = "http://127.0.0.1:\(port)"
        process.executableURL = URL(fileURLWithPath: TestEnvironment.ducha)
        process.arguments = [
            "serve", "--archive", archive, "--templates", templates, "--port", String(port), "--as-of", asOf,
        ]
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // Started once it says so (after reading the archive).
        var seen = Data()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
            if String(decoding: seen, as: UTF8.self).contains("督查管理系统已启动") { break }
        }
        output = String(decoding: seen, as: UTF8.self)
        guard output.contains("督查管理系统已启动") else {
            process.terminate()
            throw CommandFailure("ducha serve 未能启动：\(output)")
        }
    }

    func stop() {
        if process.isRunning {
            process.interrupt()
            process.waitUntilExit()
        }
    }

    deinit { stop() }

    /// A port the system has just given to a socket bound to port 0 on loopback.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CommandFailure("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw CommandFailure("bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
