import Filling
import Foundation
import Matters
import ODF
import Rendering

/// The slip benchmark: fills N 《督查通知单》 from generated records, timed as the peers of
/// `../shared/bench/peers` are (the template compiled once, untimed; inside the loop: data, fill, package, write),
/// on one or more workers; and, in the same run, the bound no engine that writes these packages can beat: zipping
/// and deflating the very same parts, nothing else.
public enum NoticeBenchmark {
    /// One timed run.
    public struct Run: Sendable {
        public var documents: Int
        public var workers: Int
        public var seconds: Double
        /// CPU seconds of the whole process during the run (every worker's).
        public var cpuSeconds: Double
        public var bytes: Int
        public var rate: Double { Double(documents) / seconds }
    }

    /// Zipping and deflating the same parts as the run's documents, on one core.
    public struct DeflateBound: Sendable {
        public var documents: Int
        public var cpuSeconds: Double
        public var rate: Double { Double(documents) / cpuSeconds }
    }

    /// Fills `count` notices `runs` times on `workers` threads into `output` (a folder per run; by default a
    /// temporary folder on `/dev/shm`, removed afterwards), reporting each run to `each` as it ends.
    public static func run(
        workspace: Workspace, count: Int, runs: Int, workers: Int = 1, output: String? = nil,
        each: (Int, Run) -> Void = { _, _ in }
    ) throws -> [Run] {
        let office = workspace.profile
        let path = workspace.templatePath(for: .notice)
        let template = try FormTemplate.load(
            bytes: try Files.read(path), name: path, schema: FormCatalogue.schema(for: .notice))
        let matters = (0..<count).map(SyntheticMatter.make)
        let base = output ?? scratchFolder()
        var results: [Run] = []
        for run in 1...max(runs, 1) {
            let directory = "\(base)/run\(run)"
            try Files.makeFolder(directory)
            let cpu = cpuSeconds()
            let start = DispatchTime.now().uptimeNanoseconds
            let totals = Totals(workers: workers)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var total = 0
                do {
                    for i in stride(from: worker, to: matters.count, by: workers) {
                        let bytes = try document(i, matters[i], template: template, office: office)
                        total += bytes.count
                        guard
                            FileManager.default.createFile(
                                atPath: "\(directory)/notice_\(i).odt", contents: Data(bytes))
                        else { throw DuchaError.invalidRequest("无法写入 \(directory)") }
                    }
                    totals.set(worker, .success(total))
                } catch {
                    totals.set(worker, .failure(error))
                }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let result = Run(
                documents: count, workers: workers, seconds: seconds, cpuSeconds: cpuSeconds() - cpu,
                bytes: try totals.sum() / max(count, 1))
            results.append(result)
            each(run, result)
            if output == nil { try? FileManager.default.removeItem(atPath: directory) }
        }
        if output == nil { try? FileManager.default.removeItem(atPath: base) }
        return results
    }

    /// The deflate bound of the same documents: each package's parts (as the benchmark makes them) zipped and
    /// deflated again, on one core, timed by CPU seconds.
    public static func deflateBound(workspace: Workspace, count: Int) throws -> DeflateBound {
        let office = workspace.profile
        let path = workspace.templatePath(for: .notice)
        let template = try FormTemplate.load(
            bytes: try Files.read(path), name: path, schema: FormCatalogue.schema(for: .notice))
        var parts: [[ZipEntry]] = []
        for (i, matter) in (0..<count).map(SyntheticMatter.make).enumerated() {
            let package = try ZipReader(bytes: try document(i, matter, template: template, office: office), source: "")
            parts.append(
                try package.readAll().map { ZipEntry(name: $0.name, data: $0.data, compressed: $0.name != "mimetype") })
        }
        let time = ZipTimestamp(year: 2026, month: 1, day: 1)
        let cpu = cpuSeconds()
        for entries in parts { _ = try ZipWriter.archive(entries, modified: time) }
        return DeflateBound(documents: count, cpuSeconds: cpuSeconds() - cpu)
    }

    /// The `i`-th notice's package.
    private static func document(_ i: Int, _ matter: Matter, template: FormTemplate, office: OfficeProfile) throws
        -> [UInt8]
    {
        let number = DocumentNumber(prefix: "西督通", year: 2026, serial: i + 1)
        let date = matter.assignedOn ?? matter.registered
        let data = FormCatalogue.data(form: .notice, matter: matter, number: number, date: date, office: office)
        let meta = DocumentMeta(
            title: "督查通知单 \(number)", subject: matter.title, matterID: matter.id,
            date: (date.year, date.month, date.day))
        return try DocumentRenderer.package(template.fill(data).document, meta: meta)
    }

    private static func scratchFolder() -> String {
        (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
            + "/ducha-bench-\(getpid())"
    }

    /// CPU seconds (user and system) this process has used.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The peak resident memory of this process so far, in MiB.
    public static func peakMemoryMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

/// Each worker's bytes written, or its error.
private final class Totals: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Int, any Error>]

    init(workers: Int) { results = Array(repeating: .success(0), count: workers) }

    func set(_ worker: Int, _ result: Result<Int, any Error>) { lock.withLock { results[worker] = result } }

    func sum() throws -> Int { try lock.withLock { try results.map { try $0.get() }.reduce(0, +) } }
}

/// Deterministic matter records for the benchmark, shaped like the peers' generated records: 1–5 co-units,
/// several requirement paragraphs, and now and then XML special characters.
enum SyntheticMatter {
    static let units = ["区发展改革委", "区财政局", "区教委", "区卫生健康委", "区住房城市建设委", "区城市管理委", "什刹海街道", "金融街街道"]

    static func make(_ i: Int) -> Matter {
        func unit(_ k: Int) -> FieldValue {
            .record(
                FieldRecord([
                    ("名称", .text(units[(i + k) % units.count])), ("联系人", .text("联系人\(k)")),
                    ("电话", .text("010-8329\(1000 + (i + k) % 9000)")),
                ]))
        }
        let registered = CivilDate(year: 2026, month: 1 + i % 12, day: 1 + i % 28)!
        let special = i % 10 == 0 ? "（含 R&D <研发> \"专项\" 'A'）" : ""
        var values = FieldRecord([
            ("编号", .text("2026-\(i + 1)")),
            ("事项名称", .text("关于推进第\(i + 1)项重点任务落实的督查事项\(special)")),
            ("事项类型", .text((i % 2 == 0 ? MatterKind.keyTask : .instruction).rawValue)),
            ("事项来源", .text(MatterCatalogue.sources[i % 5])),
            ("立项依据", .text("《2026年西城区政府工作报告》重点任务分工方案（西政发〔2026〕\(i % 30 + 1)号）")),
        ])
        if i % 2 == 1 {
            values["领导批示"] = .record(
                FieldRecord([
                    ("领导", .text("区长")), ("日期", .date(registered)),
                    ("内容", .text("请区政府督查室督办，抓紧落实，按时报送办理情况。")),
                ]))
        }
        values["主责单位"] = unit(0)
        values["协办单位"] = .list((1...(1 + i % 5)).map(unit))
        values["办理要求"] = .list(
            (1...3).map { .text("第\($0)条要求：请主责单位会同协办单位细化任务分工，明确时间节点和责任人，确保按期完成。\(special)") })
        values["立项日期"] = .date(registered)
        values["交办日期"] = .date(registered)
        values["办理时限"] = .date(registered.adding(days: 30))
        values["紧急程度"] = .text(MatterCatalogue.urgencies[i % 3])
        values["督查员"] = .record(FieldRecord([("姓名", .text("李督查")), ("电话", .text("010-83291234"))]))
        return Matter(values: values)
    }
}
