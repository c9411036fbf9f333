import Archive
import ArgumentParser
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

    @Argument(help: ArgumentHelp("事项记录和事件记录文件（JSON）", valueName: "INPUT"))
    var inputs: [String] = []

    @Flag(name: .shortAndLong, help: "不显示进度条")
    var quiet = false

    @OptionGroup var archiveOptions: ArchiveOptions
    @OptionGroup var templateOptions: TemplateOptions

    func run() throws {
        try archiveOptions.withOffice(templates: templateOptions) { office in
            let progress = ProgressLine(quiet: quiet)
            var summary = try TakeIn.run(files: inputs, office: office, asOf: asOf, assignDue: true, progress: progress)

            // Chase every matter that owes a report past its deadline, has no extension pending, and was not
            // already chased with a report date still running.
            var reminders: [(matter: String, number: DocumentNumber, path: String)] = []
            var overdue = 0
            let records = try office.store.allRecords()
            progress.start(total: records.count, label: "检查逾期")
            for (matter, log) in records {
                progress.advance()
                do {
                    let status = try office.status(matter, log: log)
                    guard status.state.owesReport, asOf > status.deadline else { continue }
                    overdue += 1
                    let chased = log.contains {
                        $0.event.kind == .reminder && $0.event.date > status.deadline
                            && ($0.event.date("新报送时限").map { $0 >= asOf } ?? false)
                    }
                    if chased { continue }
                    let event = Office.event(.reminder, matter: matter.id, date: asOf, [("方式", .text("催办单"))])
                    if case .added(_, let slip?) = try office.record(event) {
                        reminders.append((matter.id, slip.number, slip.path))
                    }
                } catch {
                    summary.problems.append("\(matter.id): \(error)")
                }
            }
            progress.finish()

            // The quarter's last day: publish its 《西城政务督查》 (once; a re-run rewrites nothing).
            var bulletin: (number: DocumentNumber, path: String, changed: Bool)?
            do {
                bulletin = try publishQuarterBulletin(office: office, asOf: asOf)
            } catch {
                summary.problems.append("《\(office.store.office.publications.title)》: \(error)")
            }

            for line in summary.warnings + summary.problems { warn(line) }
            print("季末批处理（截至 \(asOf.iso)）")
            print("  事项：新归档 \(summary.mattersAdded) 个，已在档未变 \(summary.mattersUnchanged) 个")
            print("  事件：新记录 \(summary.eventsAdded) 个，已记录未变 \(summary.eventsUnchanged) 个")
            let slips = summary.slips + reminders
            print("  签发单据：\(slips.count) 份" + (slips.isEmpty ? "" : "，其中《督查催办单》\(reminders.count) 份"))
            for slip in slips { print("    \(slip.matter) \(slip.number)：\(slip.path)") }
            print("  逾期未报：\(overdue) 个事项")
            if let bulletin {
                print(
                    "  《\(office.store.office.publications.title)》第\(bulletin.number.serial)期："
                        + (bulletin.changed ? "已印发 " : "已在档未变 ") + bulletin.path)
            }
            print("  问题：\(summary.problems.count) 处" + (summary.problems.isEmpty ? "" : "（见标准错误输出）"))
            if !summary.problems.isEmpty { throw ExitCode.failure }
        }
    }
}
