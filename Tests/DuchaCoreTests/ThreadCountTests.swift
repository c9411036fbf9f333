import DuchaCore
import Foundation
import Glibc
import TestSupport
import Testing

/// Every entry under `root` (the lock file left out): a file's permission bits and bytes, a folder's bits.
private func tree(_ root: String) throws -> [String: String] {
    var found: [String: String] = [:]
    func visit(_ path: String, _ relative: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else { throw CocoaError(.fileReadUnknown) }
        let mode = String(status.st_mode, radix: 8)
        if (status.st_mode & S_IFMT) == S_IFDIR {
            found[relative] = mode
            for name in try FileManager.default.contentsOfDirectory(atPath: path) where name != ".ducha.lock" {
                try visit(path + "/" + name, relative + "/" + name)
            }
        } else {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            found[relative] = mode + " " + bytes.base64EncodedString()
        }
    }
    try visit(root, ".")
    return found
}

/// What a batch said, with the archive's own path taken out (two archives are compared).
private func said(_ result: BatchResult, archive: String) -> [String] {
    let counts = [
        result.intake.mattersAdded, result.intake.mattersUnchanged, result.intake.eventsAdded,
        result.intake.eventsUnchanged, result.overdue, result.intake.unlisted,
    ]
    return ["\(counts)", result.bulletin.map { "\($0.number) \($0.changed)" } ?? "no bulletin"]
        + result.slips.map {
            "\($0.matter) \($0.form) \($0.number) \($0.path.replacingOccurrences(of: archive, with: ""))"
        }
        + result.problems.map { $0.description.replacingOccurrences(of: archive, with: "") }
}

/// The generator of quarters shaped like the examples, in `../shared`.
private let quarterGenerator = TestEnvironment.shared.appendingPathComponent("bench/scale/make-quarter.py").path

@Suite("The archive and the batch's report do not depend on the number of threads")
struct ThreadCountTests {
    /// Runs the batch on `inputs` with each of `threads`, after `prepare` on each fresh archive, and expects every
    /// file and folder, and everything the batch said, to be the same as with one thread; then the same batch again
    /// with several threads must add nothing.
    func expectSameArchive(
        _ inputs: [String], threads: [Int] = [2, 3], prepare: (TestArchive) throws -> Void = { _ in }
    ) throws -> BatchResult {
        let reference = try TestArchive(threads: 1)
        defer { reference.remove() }
        try prepare(reference)
        let expected = try reference.batch(inputs)
        let expectedTree = try tree(reference.archive)
        for count in threads {
            let archive = try TestArchive(threads: count)
            defer { archive.remove() }
            try prepare(archive)
            let result = try archive.batch(inputs)
            #expect(
                said(result, archive: archive.archive) == said(expected, archive: reference.archive), "\(count) threads"
            )
            let actual = try tree(archive.archive)
            let differing = Set(actual.keys).union(expectedTree.keys).filter { actual[$0] != expectedTree[$0] }
            #expect(differing.isEmpty, "\(count) threads: differs in \(differing.sorted().prefix(8))")
            let again = try archive.batch(inputs)
            #expect(again.slips.isEmpty && again.intake.eventsAdded == 0, "\(count) threads, run again")
            #expect(try tree(archive.archive) == actual, "\(count) threads: the same batch again changed the archive")
        }
        return expected
    }

    @Test("the example quarter: one thread and several give the same files, registry, manifests and report")
    func exampleQuarter() throws {
        let expected = try expectSameArchive(TestArchive.quarter)
        #expect(expected.problems.isEmpty, "\(expected.problems)")
        #expect(expected.reminders.count >= 2 && expected.intake.slips.count >= 20, "slips and reminders are issued")
    }

    @Test(
        "a generated quarter of 60 matters (../shared/bench/scale/make-quarter.py): the same archive on 1, 2 and 3 threads",
        .enabled(
            if: TestEnvironment.inCI || FileManager.default.fileExists(atPath: quarterGenerator),
            "needs ../shared/bench/scale/make-quarter.py"), .needs("python3"))
    func generatedQuarter() throws {
        let folder = try TestEnvironment.temporaryDirectory("ducha-quarter")
        defer { try? FileManager.default.removeItem(at: folder) }
        let python = try #require(TestEnvironment.python3, "python3 is needed to generate the quarter")
        #expect(FileManager.default.fileExists(atPath: quarterGenerator), "missing \(quarterGenerator)")
        let made = try TestEnvironment.run(python, [quarterGenerator, "60", folder.path])
        try #require(made.status == 0, "\(made.output)")
        let inputs = ["事项-2026Q1.json", "事件-2026Q1.json"].map { folder.appendingPathComponent($0).path }
        let expected = try expectSameArchive(inputs)
        #expect(expected.problems.isEmpty, "\(expected.problems)")
        #expect(
            expected.intake.mattersAdded == 60 && expected.reminders.count > 0, "every matter taken in, some chased")
    }

    @Test("a slip that cannot be written on the writing thread is reported in its place, as one thread reports it")
    func failedWriteInItsPlace() throws {
        // Where the example quarter files its fifth 通知单: a folder in the way makes that write fail.
        let scout = try TestArchive(threads: 1)
        defer { scout.remove() }
        let slips = try scout.batch().intake.slips
        let blocked = try #require(slips.filter { $0.form == .notice }.dropFirst(4).first)
        let relative = String(blocked.path.dropFirst(scout.archive.count))
        let matters = TestArchive.examples
        let expected = try expectSameArchive(TestArchive.quarter, threads: [2]) { archive in
            try archive.takeIn(matters)
            try FileManager.default.createDirectory(
                atPath: archive.archive + relative, withIntermediateDirectories: true)
        }
        #expect(
            expected.problems.contains { $0.matter == blocked.matter && $0.description.contains("无法替换文件") },
            "the blocked slip is a problem of its matter: \(expected.problems)")
        #expect(expected.slips.count > slips.count / 2, "the rest of the batch went on")
    }
}
