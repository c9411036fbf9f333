import Foundation
import Rendering

/// The PDF benchmark: the same `count` filled 《督查通知单》 converted by the pool of LibreOffice workers and by
/// one LibreOffice process, in the same run, so that the two are compared on the same files and machine. The
/// pool's time includes starting its servers (with fresh profiles); the one process is plain
/// `soffice --convert-to` naming all the files (``PDFConverter/convertInOneProcess(_:outputDirectory:fontAliases:kind:)``),
/// with a fresh profile too.
public enum PDFBenchmark {
    public struct Run: Sendable {
        public var documents: Int
        public var workers: Int
        public var seconds: Double
        /// CPU seconds of the LibreOffice processes (the servers counted once stopped, with the clients).
        public var cpuSeconds: Double
        public var rate: Double { Double(documents) / seconds }
    }

    /// Fills `count` notices once, then `runs` times converts them with the pool (`workers`, one per core by
    /// default) and with one process; each run is reported to `each` as it ends.
    public static func run(
        workspace: Workspace, count: Int, runs: Int, workers: Int? = nil, each: (Int, Run, Run) -> Void = { _, _, _ in }
    ) throws -> [(pool: Run, single: Run)] {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("ducha-pdf-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let sources = base.appendingPathComponent("odt").path
        _ = try NoticeBenchmark.run(workspace: workspace, count: count, runs: 1, output: sources)
        let files = (0..<count).map { "\(sources)/run1/notice_\($0).odt" }
        let cores = workers ?? ProcessInfo.processInfo.activeProcessorCount
        var results: [(Run, Run)] = []
        for run in 1...max(runs, 1) {
            let pool = try pooled(
                files, workers: cores, fonts: workspace.fontAliases, into: base.appendingPathComponent("pool\(run)"))
            let single = try oneProcess(
                files, fonts: workspace.fontAliases, into: base.appendingPathComponent("single\(run)"))
            results.append((pool, single))
            each(run, pool, single)
        }
        return results
    }

    private static func pooled(_ files: [String], workers: Int, fonts: String, into folder: URL) throws -> Run {
        let cpu = childCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        let pool = try OfficePool(.init(workers: workers, fontAliases: fonts))
        let results = pool.convert(files, kind: .print, into: folder.path)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // The servers are children of this process, but counted only once they have ended and been waited for.
        pool.stop()
        for case .failure(let failure) in results { throw DuchaError.conversionFailed(failure.description) }
        try? FileManager.default.removeItem(at: folder)
        return Run(documents: files.count, workers: workers, seconds: seconds, cpuSeconds: childCPUSeconds() - cpu)
    }

    private static func oneProcess(_ files: [String], fonts: String, into folder: URL) throws -> Run {
        let cpu = childCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        let converted: Int
        do {
            converted = try PDFConverter.convertInOneProcess(files, outputDirectory: folder.path, fontAliases: fonts)
        } catch {
            throw DuchaError.conversionFailed(error.message)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard converted == files.count else {
            throw DuchaError.conversionFailed("单个 LibreOffice 进程只转换了 \(files.count) 份中的 \(converted) 份")
        }
        try? FileManager.default.removeItem(at: folder)
        return Run(documents: files.count, workers: 1, seconds: seconds, cpuSeconds: childCPUSeconds() - cpu)
    }

    /// User and system CPU seconds of the finished child processes.
    private static func childCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
