import Archive
import ArgumentParser

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "校验档案：重算每个事项档案（BagIt 包）的清单，逐个报告改动、缺失、多出的文件和损坏的清单、登记簿；有问题时退出码为 1。",
        discussion: "判断与 bagit.py --validate 一致；另查登记簿：无法读取、重号、跳号、登记的文件不存在。"
    )

    @Option(name: .customLong("year"), help: ArgumentHelp("只查这一年度", valueName: "YYYY"))
    var year: Int?

    @Argument(help: ArgumentHelp("只查这些事项", valueName: "MATTER-ID"))
    var matters: [String] = []

    @OptionGroup var archiveOptions: ArchiveOptions

    func run() throws {
        let verifier = ArchiveVerifier(root: archiveOptions.archive)
        let (bags, registry) = try verifier.verify(years: year.map { [$0] } ?? [], matters: matters)
        var problems = 0
        for report in bags {
            if report.findings.isEmpty {
                print("\(report.name): 完好")
            } else {
                print("\(report.name): \(report.findings.count) 处问题")
                for finding in report.findings { print("  \(finding)") }
                problems += report.findings.count
            }
        }
        for finding in registry { print("登记簿 \(finding)") }
        problems += registry.count
        print("共查 \(bags.count) 个档案包，" + (problems == 0 ? "全部完好。" : "发现 \(problems) 处问题。"))
        if problems > 0 { throw ExitCode.failure }
    }
}
