import Filling
import Foundation
import Matters
import Rendering

/// The slip benchmark: fills N 《督查通知单》 from generated records, timed as the peers of
/// `../shared/bench/peers` are (the template compiled once, untimed; inside the loop: data, fill, package, write).
public enum NoticeBenchmark {
    /// One timed run.
    public struct Run: Sendable {
        public var documents: Int
        public var seconds: Double
        public var bytes: Int
        public var rate: Double { Double(documents) / seconds }
    }

    /// Fills `count` notices `runs` times into `output` (a folder per run; by default a temporary folder on
    /// `/dev/shm`, removed afterwards), reporting each run to `each` as it ends.
    public static func run(
        workspace: Workspace, count: Int, runs: Int, output: String? = nil, each: (Int, Run) -> Void = { _, _ in }
    ) throws -> [Run] {
        let office = workspace.profile
        let path = workspace.templatePath(for: .notice)
        let template = try FormTemplate.load(
            bytes: try Files.read(path), name: path, schema: FormCatalogue.schema(for: .notice))
        let matters = (0..<count).map(SyntheticMatter.make)
        let base =
            output
            ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
            + "/ducha-bench-\(getpid())"
        var results: [Run] = []
        for run in 1...max(runs, 1) {
            let directory = "\(base)/run\(run)"
            try Files.makeFolder(directory)
            let start = DispatchTime.now().uptimeNanoseconds
            var total = 0
            for (i, matter) in matters.enumerated() {
                let number = DocumentNumber(prefix: "西督通", year: 2026, serial: i + 1)
                let date = matter.assignedOn ?? matter.registered
                let data = FormCatalogue.data(form: .notice, matter: matter, number: number, date: date, office: office)
                let filled = template.fill(data)
                let meta = DocumentMeta(
                    title: "督查通知单 \(number)", subject: matter.title, matterID: matter.id,
                    date: (date.year, date.month, date.day))
                let bytes = try DocumentRenderer.package(filled.document, meta: meta)
                total += bytes.count
                guard FileManager.default.createFile(atPath: "\(directory)/notice_\(i).odt", contents: Data(bytes))
                else { throw DuchaError.invalidRequest("无法写入 \(directory)") }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let result = Run(documents: count, seconds: seconds, bytes: total / max(count, 1))
            results.append(result)
            each(run, result)
            if output == nil { try? FileManager.default.removeItem(atPath: directory) }
        }
        if output == nil { try? FileManager.default.removeItem(atPath: base) }
        return results
    }

    /// The peak resident memory of this process so far, in MiB.
    public static func peakMemoryMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
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
