import Archive
import ArgumentParser
import Matters

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "台账：每个事项的类型、单位、时限、状态、红黄绿灯，以及催办、退办、迟报次数。",
        discussion: "红灯：逾期未报（无待审定的延期申请）或缺报季度进展、月报；黄灯：距下次报送不超过机关配置的工作日数，或延期申请待审定；绿灯：其余在办事项。"
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @Option(name: .customLong("as-of"), help: ArgumentHelp("截至日期（缺省为当天）", valueName: "YYYY-MM-DD"))
    var asOf: CivilDate?

    @Option(name: .customLong("format"), help: "输出格式：table、csv 或 json")
    var format: Format = .table

    @OptionGroup var archiveOptions: ArchiveOptions
    @OptionGroup var templateOptions: TemplateOptions

    func run() throws {
        let office = try Office(archive: archiveOptions.archive, templates: templateOptions)
        let day = asOf ?? today()
        var rows: [LedgerRow] = []
        var failed = false
        for (matter, log) in try office.store.allRecords() where matter.registered <= day {
            do {
                // The ledger as it stood that day: events after it are not yet known.
                let known = log.filter { $0.event.date <= day }
                rows.append(try office.ledger.row(matter, status: try office.status(matter, log: known), asOf: day))
            } catch {
                warn("\(matter.id): \(error)")
                failed = true
            }
        }
        switch format {
        case .table: print(LedgerOutput.table(rows))
        case .csv: print(LedgerOutput.csv(rows), terminator: "")
        case .json: print(LedgerOutput.json(rows, asOf: day), terminator: "")
        }
        if failed { throw ExitCode.failure }
    }
}
