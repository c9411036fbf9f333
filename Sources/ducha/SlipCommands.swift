import ArgumentParser
import DuchaCore
import Matters

/// What the three slip commands share: the date, a note, the workspace, and how the outcome is told.
struct EventCommandOptions: ParsableArguments {
    @Option(name: .customLong("date"), help: ArgumentHelp("日期（缺省为当天）", valueName: "YYYY-MM-DD"))
    var date: CivilDate?

    @Option(name: .customLong("note"), help: ArgumentHelp("说明（印在单据上或记入事件）", valueName: "TEXT"))
    var note: String?

    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var archival: ArchivalCopyOptions

    var day: CivilDate { date ?? CivilDate.today() }

    /// Runs `request` under the archive lock and prints the slip it issued.
    func record(_ id: String, form: Form, kind: EventKind, _ request: (Office) throws -> Recorded) throws {
        try workspace.write { office in
            do {
                switch try request(office) {
                case .added(_, let slip?):
                    print("\(id) 《\(form.rawValue)》\(slip.number)：\(slip.path)")
                    try archival.file([slip.path], in: office, byDefault: true)
                case .added(_, nil):
                    print("\(id)：已记录“\(kind.rawValue)”")
                case .unchanged:
                    print("\(id)：同样的“\(kind.rawValue)”已记录，未作改动")
                }
            } catch let refusal as LifecycleRefusal {
                warn(refusal.description)
                throw ExitCode.failure
            } catch let error as DuchaError {
                switch error {
                case .unknownMatter, .invalidRequest: throw ValidationError(error.description)
                default: throw error
                }
            }
        }
    }
}

struct RemindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "催办：为逾期未报、未申请延期的事项签发《督查催办单》（第十一条(三)、第十二条(四)）。",
        discussion: "记录“催办”事件（方式：催办单），催办次数加一，单据按登记簿编号存入“督查”文件夹。未逾期或延期申请待审定的事项不予催办。"
    )

    @Argument(help: ArgumentHelp("事项编号", valueName: "MATTER-ID"))
    var id: String

    @Option(name: .customLong("report-by"), help: ArgumentHelp("新的报送时限（缺省为若干个工作日后，见机关配置）", valueName: "YYYY-MM-DD"))
    var reportBy: CivilDate?

    @OptionGroup var options: EventCommandOptions

    func run() throws {
        try options.record(id, form: .reminder, kind: .reminder) {
            try $0.remind(id, date: options.day, reportBy: reportBy, note: options.note)
        }
    }
}

struct ReturnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "return",
        abstract: "退办：审核不通过，签发《督查退办单》，退回重办（第十一条(三)、第十二条(四)）。",
        discussion: "退办理由可选：" + EventCatalogue.returnReasons.joined(separator: "、") + "；其他理由用 --other。"
    )

    @Argument(help: ArgumentHelp("事项编号", valueName: "MATTER-ID"))
    var id: String

    @Option(name: .customLong("reason"), help: ArgumentHelp("退办理由（可多次给出）", valueName: "理由"))
    var reasons: [String] = []

    @Option(name: .customLong("other"), help: ArgumentHelp("其他理由", valueName: "TEXT"))
    var other: String?

    @Option(name: .customLong("resubmit-by"), help: ArgumentHelp("重新报送时限", valueName: "YYYY-MM-DD"))
    var resubmitBy: CivilDate

    func validate() throws {
        if let problem = Office.checkReturnReasons(reasons, other: other) { throw ValidationError(problem) }
    }

    @OptionGroup var options: EventCommandOptions

    func run() throws {
        try options.record(id, form: .returnSlip, kind: .review) {
            try $0.returnReport(
                id, date: options.day, reasons: reasons, other: other, resubmitBy: resubmitBy, note: options.note)
        }
    }
}

struct TransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "转阅（办）：为领导批示转阅事项签发《领导批示转阅（办）单》（第十二条(一)）。"
    )

    @Argument(help: ArgumentHelp("事项编号", valueName: "MATTER-ID"))
    var id: String

    @Option(name: .customLong("mode"), help: "办理方式：阅知、阅研或研办")
    var mode: TransferMode = .forStudy

    @Option(name: .customLong("feedback-by"), help: ArgumentHelp("需要反馈时的反馈时限", valueName: "YYYY-MM-DD"))
    var feedbackBy: CivilDate?

    @Option(name: .customLong("opinion"), help: ArgumentHelp("督查室拟办意见", valueName: "TEXT"))
    var opinion: String?

    @OptionGroup var options: EventCommandOptions

    func run() throws {
        try options.record(id, form: .transfer, kind: .transfer) {
            try $0.transfer(
                id, date: options.day, mode: mode, feedbackBy: feedbackBy, opinion: opinion, note: options.note)
        }
    }
}

extension TransferMode: ExpressibleByArgument {}
