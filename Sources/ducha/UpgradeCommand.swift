import ArgumentParser
import DuchaCore

struct UpgradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "为旧版本封存、只有 SHA-256 清单的档案包补上 SM3 清单（manifest-sm3.txt、tagmanifest-sm3.txt）；有包未能补上时退出码为 1。",
        discussion: """
            只补 SHA-256 清单完全校验通过的包：文件已改动、缺失、多出或清单损坏的包不动，逐个列出问题（先查明原因，再决定）。
            data/ 下的文件和 bag-info.txt 的字段都不变；已有 SM3 清单的包不动，所以可以重复运行。
            """
    )

    @Option(name: .customLong("year"), help: ArgumentHelp("只处理这一年度", valueName: "YYYY"))
    var year: Int?

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let outcome = try workspace.write { try $0.addMissingSM3Manifests(years: year.map { [$0] } ?? []) }
        for bag in outcome.upgraded { say("\(bag): 已补上 SM3 清单") }
        for report in outcome.refused {
            say("\(report.name): 未补（\(report.findings.count) 处问题）")
            for finding in report.findings { say("  \(finding)") }
        }
        print(
            "补上 \(outcome.upgraded.count) 个包，\(outcome.current) 个包原已有 SM3 清单"
                + (outcome.refused.isEmpty ? "。" : "，\(outcome.refused.count) 个包校验不通过、未改动。"))
        if !outcome.refused.isEmpty { throw ExitCode.failure }
    }
}
