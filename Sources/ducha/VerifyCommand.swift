import ArgumentParser
import DuchaCore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "校验档案：重算每个事项档案（BagIt 包）的清单，逐个报告改动、缺失、多出的文件和损坏的清单、登记簿；有问题时退出码为 1。",
        discussion: "判断与 bagit.py --validate 一致；另查登记簿：无法读取、重号、跳号、登记的文件不存在。只读档案，不用模板目录（--templates 可给出，不影响结果）。"
    )

    @Option(name: .customLong("year"), help: ArgumentHelp("只查这一年度", valueName: "YYYY"))
    var year: Int?

    @Argument(help: ArgumentHelp("只查这些事项", valueName: "MATTER-ID"))
    var matters: [String] = []

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let result = try Verification.run(
            archive: workspace.archiveOptions.archive, years: year.map { [$0] } ?? [], matters: matters)
        for report in result.bags {
            if report.findings.isEmpty {
                say("\(report.name): 完好")
            } else {
                say("\(report.name): \(report.findings.count) 处问题")
                for finding in report.findings { say("  \(finding)") }
            }
        }
        for finding in result.registry { say("登记簿 \(finding)") }
        print("共查 \(result.bags.count) 个档案包，" + (result.problems == 0 ? "全部完好。" : "发现 \(result.problems) 处问题。"))
        if result.problems > 0 { throw ExitCode.failure }
    }
}
