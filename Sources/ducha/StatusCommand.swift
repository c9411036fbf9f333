import ArgumentParser
import DuchaCore
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

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let day = asOf ?? CivilDate.today()
        let view = try workspace.workspace().ledger(asOf: day)
        warn(view.problems)
        switch format {
        case .table: print(LedgerTable.render(view.rows))
        case .csv: print(LedgerExport.csv(view.rows), terminator: "")
        case .json: print(LedgerExport.json(view.rows, asOf: day), terminator: "")
        }
        if !view.problems.isEmpty { throw ExitCode.failure }
    }
}
