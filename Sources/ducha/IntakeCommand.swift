import ArgumentParser
import DuchaCore

struct IntakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "读入事项记录和事件记录（JSON，或 XLSX/ODS/CSV 台账），逐条校验，无误的逐事项归档。",
        discussion: """
            事项记录文件是事项对象的数组；事件记录文件是事件对象（含“事件”字段）的数组。先登记事项，再按日期顺序记录事件；
            生命周期不允许的事件连同原因一并报告。报告每个文件的全部问题；有错误的文件一条也不归档，并以非零状态退出。
            已归档的内容不会被改动；同样的输入再读一次不改变任何文件。
            """
    )

    @Argument(help: ArgumentHelp("事项记录或事件记录文件（JSON），或台账（.xlsx、.ods、.csv）", valueName: "FILE"))
    var files: [String]

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        try workspace.write { office in
            let summary = try office.takeIn(files: files)
            warn(summary.warnings + summary.problems)
            for slip in summary.slips { print("\(slip.matter) \(slip.number)：\(slip.path)") }
            print(
                "新归档 \(summary.mattersAdded) 个事项，\(summary.mattersUnchanged) 个已在档未变；"
                    + "记录 \(summary.eventsAdded) 个事件，\(summary.eventsUnchanged) 个已记录未变。")
            if !summary.problems.isEmpty {
                warn(
                    summary.unlisted == 0
                        ? "共 \(summary.problems.count) 处错误。"
                        : "共列出 \(summary.problems.count) 处错误，另有 \(summary.unlisted) 处未列出。")
                throw ExitCode.failure
            }
        }
    }
}
