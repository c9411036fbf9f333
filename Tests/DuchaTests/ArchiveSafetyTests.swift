import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("An archive you can trust: verify, crashes, two writers", .serialized)
struct ArchiveSafetyTests {
    func exampleArchive() throws -> Workspace {
        let workspace = try Workspace()
        let result = try workspace.ducha(["batch", "--as-of", "2026-03-31", "--quiet"] + ScenarioTests.inputs)
        #expect(result.status == 0, "\(result.stderr)")
        return workspace
    }

    func runVerify(_ workspace: Workspace, _ arguments: [String] = []) throws -> CommandResult {
        try workspace.ducha(["verify", "--archive", workspace.archive] + arguments, archiveOptions: false)
    }

    /// `ducha verify` and `bagit.py --validate` on one bag: (verify's exit status, bagit's exit status, verify's output).
    func verdicts(_ workspace: Workspace, bag: String) throws -> (Int32, Int32?, String) {
        let verify = try runVerify(workspace, [URL(fileURLWithPath: bag).lastPathComponent])
        let bagit = try TestEnvironment.which("bagit.py").map { try run($0, ["--validate", "--quiet", bag]).status }
        return (verify.status, bagit, verify.stdout)
    }

    @Test(
        "verify passes a sound archive and catches a one-bit change, a deleted file, an added file, a damaged manifest line"
    )
    func damage() throws {
        let workspace = try exampleArchive()
        defer { workspace.remove() }
        let sound = try runVerify(workspace)
        #expect(sound.status == 0, "\(sound.stdout)")
        #expect(sound.stdout.contains("全部完好"))
        let bags = try workspace.bags()
        let slip = try #require(try workspace.documents().first { $0.contains("2026-001/") })
        // 1. One bit of a slip.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: slip)))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: slip))
        // 2. A deleted file, 3. an added file, 4. a damaged manifest line — each in its own bag.
        try FileManager.default.removeItem(atPath: bags[1] + "/data/matter.xml")
        try Data("多出来的文件".utf8).write(to: URL(fileURLWithPath: bags[2] + "/data/进展/多出.txt"))
        let manifest = bags[3] + "/manifest-sha256.txt"
        var text = try String(contentsOfFile: manifest, encoding: .utf8)
        text = "zz" + text.dropFirst(2)
        try text.write(toFile: manifest, atomically: true, encoding: .utf8)
        let expectations = [
            (bags[0], "已改动：SHA-256 与 manifest-sha256.txt 不符"), (bags[1], "缺失"), (bags[2], "多出"),
            (bags[3], "清单损坏：第 1 行格式不对"),
        ]
        for (bag, phrase) in expectations {
            let (verify, bagit, output) = try verdicts(workspace, bag: bag)
            #expect(verify == 1, "\(bag)")
            #expect(output.contains(phrase), "\(bag): \(output)")
            if let bagit { #expect(bagit != 0, "bagit.py should also fail \(bag)") }
        }
        // The untouched bags still pass, and bagit.py agrees.
        let (verify, bagit, _) = try verdicts(workspace, bag: bags[4])
        #expect(verify == 0)
        if let bagit { #expect(bagit == 0) }
        #expect(try runVerify(workspace).status == 1)
    }

    @Test("verify reports a damaged registry and a number given twice")
    func registry() throws {
        let workspace = try exampleArchive()
        defer { workspace.remove() }
        let path = workspace.archive + "/2026/registry.xml"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try original.replacingOccurrences(of: "序号=\"2\"", with: "序号=\"1\"").write(
            toFile: path, atomically: true, encoding: .utf8)
        let twice = try runVerify(workspace)
        #expect(twice.status == 1)
        #expect(twice.stdout.contains("登记了不止一次"))
        #expect(twice.stdout.contains("2号没有登记（跳号）"))
        try String(original.prefix(200)).write(toFile: path, atomically: true, encoding: .utf8)
        let broken = try runVerify(workspace)
        #expect(broken.status == 1 && broken.stdout.contains("登记簿损坏"))
    }

    @Test("killed at random moments (50 runs) and re-run, the archive ends byte-identical to an uninterrupted one")
    func killAndRerun() throws {
        let reference = try Workspace()
        defer { reference.remove() }
        let arguments = ["batch", "--as-of", "2026-03-31", "--quiet"] + ScenarioTests.inputs
        let start = Date()
        #expect(try reference.ducha(arguments).status == 0)
        let duration = Date().timeIntervalSince(start)
        let expected = try reference.snapshot()
        var generator = SystemRandomNumberGenerator()
        var interrupted = 0
        for run in 1...50 {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestEnvironment.ducha)
            process.arguments = arguments + ["--archive", workspace.archive, "--templates", Workspace.templates]
            process.currentDirectoryURL = workspace.directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(Double.random(in: 0...duration, using: &generator) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { interrupted += 1 }
            let rerun = try workspace.ducha(arguments)
            #expect(rerun.status == 0, "run \(run): \(rerun.stderr)")
            let verify = try runVerify(workspace)
            #expect(verify.status == 0, "run \(run): \(verify.stdout)")
            let actual = try workspace.snapshot()
            #expect(actual == expected, "run \(run): the archive differs from an uninterrupted run")
            if actual != expected {
                let differing = Set(actual.keys).symmetricDifference(expected.keys)
                    .union(actual.keys.filter { expected[$0] != nil && expected[$0] != actual[$0] })
                Issue.record("run \(run) differs in: \(differing.sorted().prefix(5))")
                break
            }
        }
        #expect(interrupted >= 25, "most runs should be killed mid-way (\(interrupted) of 50 were)")
    }

    @Test("a second writer stops with a clear message while the archive is locked, or waits with --wait")
    func twoWriters() throws {
        let workspace = try exampleArchive()
        defer { workspace.remove() }
        let fd = open(workspace.archive + "/.ducha.lock", O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX) == 0)
        let refused = try workspace.ducha(["batch", "--as-of", "2026-03-31", "--quiet"] + ScenarioTests.inputs)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("另一个 ducha 进程正在写入此档案"))
        let waiting = Process()
        waiting.executableURL = URL(fileURLWithPath: TestEnvironment.ducha)
        waiting.arguments =
            ["batch", "--as-of", "2026-03-31", "--quiet", "--wait", "--archive", workspace.archive, "--templates"]
            + [Workspace.templates] + ScenarioTests.inputs
        waiting.standardOutput = FileHandle.nullDevice
        waiting.standardError = FileHandle.nullDevice
        try waiting.run()
        usleep(700_000)
        #expect(waiting.isRunning, "--wait should wait for the lock")
        flock(fd, LOCK_UN)
        close(fd)
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0)
    }

    @Test("two batches started together on one archive never interleave their writes")
    func concurrentBatches() throws {
        let reference = try exampleArchive()
        defer { reference.remove() }
        let expected = try reference.snapshot()
        let workspace = try Workspace()
        defer { workspace.remove() }
        let processes = (0..<2).map { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestEnvironment.ducha)
            process.arguments =
                ["batch", "--as-of", "2026-03-31", "--quiet", "--wait", "--archive", workspace.archive, "--templates"]
                + [Workspace.templates] + ScenarioTests.inputs
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        #expect(try workspace.snapshot() == expected)
    }
}

@Suite("Permissions")
struct PermissionTests {
    @Test("a 涉密 matter's folders are 0700 and its files 0600; nothing in the archive is world-writable")
    func permissions() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.ducha(["batch", "--as-of", "2026-03-31", "--quiet"] + ScenarioTests.inputs).status == 0)
        let root = URL(fileURLWithPath: workspace.archive)
        let walker = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        var classifiedFiles = 0
        for case let url as URL in walker {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let mode = (attributes[.posixPermissions] as? Int) ?? 0
            let isDirectory = (attributes[.type] as? FileAttributeType) == .typeDirectory
            #expect(mode & 0o002 == 0, "\(url.path) is world-writable")
            // 2026-015 and 2026-025 are 秘密 in the examples.
            if url.path.contains("/2026-015") || url.path.contains("/2026-025") {
                #expect(mode == (isDirectory ? 0o700 : 0o600), "\(url.path): \(String(mode, radix: 8))")
                if !isDirectory { classifiedFiles += 1 }
            }
        }
        #expect(classifiedFiles >= 10)
    }
}
