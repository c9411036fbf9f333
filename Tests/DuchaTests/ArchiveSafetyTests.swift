import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What needs separate processes: a run killed mid-way, and two runs on one archive. (Verification and
/// permissions are tested in-process in DuchaCoreTests.)
@Suite("An archive you can trust: crashes, two writers", .serialized)
struct ArchiveSafetyTests {
    func exampleArchive() throws -> Workspace {
        let workspace = try Workspace()
        let result = try workspace.batch()
        #expect(result.status == 0, "\(result.stderr)")
        return workspace
    }

    func runVerify(_ workspace: Workspace) throws -> CommandResult {
        try workspace.ducha(["verify", "--archive", workspace.archive], archiveOptions: false)
    }

    @Test(
        "killed at random moments (50 runs) and re-run, the archive ends byte-identical to an uninterrupted one",
        .tags(.slow), .unlessSkippingSlow)
    func killAndRerun() throws {
        let reference = try Workspace()
        defer { reference.remove() }
        let arguments = ["batch", "--as-of", "2026-03-31", "--quiet"] + Workspace.quarter
        let start = Date()
        #expect(try reference.ducha(arguments).status == 0)
        let duration = Date().timeIntervalSince(start)
        let expected = try reference.snapshot()
        var generator = SystemRandomNumberGenerator()
        var interrupted = 0
        // The moments are drawn from the run's length, learnt again whenever a run ends before its moment (the
        // reference may have run while the machine was busier than now).
        var bound = duration
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
            let moment = Double.random(in: 0...bound, using: &generator)
            usleep(UInt32(moment * 1_000_000))
            if !process.isRunning { bound = max(moment * 0.9, 0.01) }
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
        let refused = try workspace.batch()
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("另一个 ducha 进程正在写入此档案"))
        let waiting = Process()
        waiting.executableURL = URL(fileURLWithPath: TestEnvironment.ducha)
        waiting.arguments =
            ["batch", "--as-of", "2026-03-31", "--quiet", "--wait", "--archive", workspace.archive, "--templates"]
            + [Workspace.templates] + Workspace.quarter
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
                + [Workspace.templates] + Workspace.quarter
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
