import ArgumentParser
import DuchaCore
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "基准测试：用生成的事项记录填写 N 份《督查通知单》，报告每秒份数和峰值内存；--pdf 改测 PDF 转换（进程池对单个进程）。",
        discussion: """
            计时范围与 ../shared/bench/peers 的同行引擎一致：模板只编译一次（不计时），循环内为取数据、填写、打包 .odt 并写出文件。
            输出目录缺省为 /dev/shm 下的临时目录（与同行测评相同，避免磁盘噪声）。取多次运行的中位数。
            """
    )

    @Option(name: .customLong("count"), help: "每次运行的份数")
    var count = 1000

    @Option(name: .customLong("runs"), help: "运行次数（报告中位数）")
    var runs = 5

    @Option(name: .customLong("workers"), help: "并行的工作线程数（缺省为本机核数；1 即单核）")
    var workers = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("output"), help: ArgumentHelp("写出 .odt 的目录", valueName: "DIR"))
    var output: String?

    @Flag(
        name: .customLong("pdf"),
        help: "改测 PDF：同一批通知单由 LibreOffice 工作进程池（--workers 个，缺省每核一个）和单个 LibreOffice 进程分别转换，报告每秒份数和 CPU 秒")
    var pdf = false

    @OptionGroup var workspace: WorkspaceOptions

    func validate() throws {
        if count < 1 || runs < 1 || workers < 1 { throw ValidationError("--count、--runs 和 --workers 应为正整数") }
    }

    func run() throws {
        let workspace = try workspace.workspace()
        if pdf { return try runPDF(workspace) }
        let results = try NoticeBenchmark.run(
            workspace: workspace, count: count, runs: runs, workers: workers, output: output
        ) { n, run in
            print(
                String(
                    format: "第 %d 次：%d 份，%d 个线程，%.3f 秒（CPU %.3f 秒），%.0f 份/秒", n, run.documents, run.workers,
                    run.seconds, run.cpuSeconds, run.rate))
        }
        let sorted = results.map(\.rate).sorted()
        let perCPU = results.map { Double($0.documents) / $0.cpuSeconds }.sorted()
        let bound = try NoticeBenchmark.deflateBound(workspace: workspace, count: count)
        print(
            String(
                format: "中位数 %.0f 份/秒（最低 %.0f，最高 %.0f），每 CPU 秒 %.0f 份；峰值内存 %.1f MiB；每份 %d 字节",
                sorted[sorted.count / 2], sorted.first ?? 0, sorted.last ?? 0, perCPU[perCPU.count / 2],
                NoticeBenchmark.peakMemoryMiB(), results.last?.bytes ?? 0))
        print(
            String(
                format: "同一批文件只压缩打包（deflate 下限）：每 CPU 秒 %.0f 份；本引擎为其 %.2f 倍（按 CPU 秒）",
                bound.rate, perCPU[perCPU.count / 2] / bound.rate))
    }

    private func runPDF(_ workspace: Workspace) throws {
        let results = try PDFBenchmark.run(workspace: workspace, count: count, runs: runs, workers: workers) {
            n, pool, single in
            print(
                String(
                    format: "第 %d 次：%d 份；进程池 %d 个进程 %.2f 秒（CPU %.2f 秒）%.1f 份/秒；单个进程 %.2f 秒（CPU %.2f 秒）%.1f 份/秒",
                    n, pool.documents, pool.workers, pool.seconds, pool.cpuSeconds, pool.rate, single.seconds,
                    single.cpuSeconds, single.rate))
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let pool = median(results.map(\.pool.rate))
        let single = median(results.map(\.single.rate))
        print(
            String(
                format: "中位数：进程池 %.1f 份/秒，单个进程 %.1f 份/秒，进程池为单个进程的 %.2f 倍（%d 次运行）", pool, single,
                pool / single, results.count))
    }
}
