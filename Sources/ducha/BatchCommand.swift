import ArgumentParser
import DuchaCore
import Matters

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "季末批处理：读入新的事项和事件记录，交办到期的事项，为逾期未报且未申请延期的事项签发《督查催办单》，并报告所做的一切。",
        discussion: """
            事项记录写有交办日期（不晚于 --as-of）而输入中没有其交办事件的督办事项，按交办日期交办并签发《督查通知单》。
            --as-of 是季度最后一天时，同时印发该季度的《西城政务督查》（只印发一次）。
            同样的输入和 --as-of 再运行一次不签发任何单据、不改变任何字节。已催办的事项在催办单给出的新报送时限之前不再催办。
            有问题的记录逐条报告，其余照常处理；有任何问题时以非零状态退出。
            """
    )

    @Option(name: .customLong("as-of"), help: ArgumentHelp("截至日期", valueName: "YYYY-MM-DD"))
    var asOf: CivilDate

    @Argument(help: ArgumentHelp("事项记录和事件记录文件（JSON），或台账（.xlsx、.ods、.csv）", valueName: "INPUT"))
    var inputs: [String] = []

    @Flag(name: .shortAndLong, help: "不显示进度条")
    var quiet = false

    @OptionGroup var archival: ArchivalCopyOptions

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        try workspace.write { office in
            let result = try office.batch(inputs: inputs, asOf: asOf, progress: ProgressLine(quiet: quiet))
            let title = office.profile.publications.title
            warn(result.intake.warnings + result.problems)
            print("季末批处理（截至 \(asOf.iso)）")
            print("  事项：新归档 \(result.intake.mattersAdded) 个，已在档未变 \(result.intake.mattersUnchanged) 个")
            print("  事件：新记录 \(result.intake.eventsAdded) 个，已记录未变 \(result.intake.eventsUnchanged) 个")
            // The intake's slips, then the reminders, without a list of both: a year's run makes thousands.
            let slips = [result.intake.slips, result.reminders].joined()
            let count = result.intake.slips.count + result.reminders.count
            try archival.file(
                slips.map(\.path) + (result.bulletin.map { [$0.paths[0]] } ?? []), in: office, byDefault: false)
            print("  签发单据：\(count) 份" + (count == 0 ? "" : "，其中《督查催办单》\(result.reminders.count) 份"))
            for slip in slips { print("    \(slip.matter) \(slip.number)：\(slip.path)") }
            print("  逾期未报：\(result.overdue) 个事项")
            if let bulletin = result.bulletin {
                print(
                    "  《\(title)》第\(bulletin.number.serial)期："
                        + (bulletin.changed ? "已印发 " : "已在档未变 ") + bulletin.paths[0])
            }
            let unlisted = result.intake.unlisted == 0 ? "" : "，另有 \(result.intake.unlisted) 处未列出"
            print(
                "  问题：\(result.problems.count) 处\(unlisted)" + (result.problems.isEmpty ? "" : "（见标准错误输出）"))
            if !result.problems.isEmpty { throw ExitCode.failure }
        }
    }
}
