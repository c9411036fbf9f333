import Archive
import ArgumentParser
import Matters

/// What the three slip commands share: lock, office, one event recorded, its slip printed.
struct EventCommandOptions: ParsableArguments {
    @Option(name: .customLong("date"), help: ArgumentHelp("日期（缺省为当天）", valueName: "YYYY-MM-DD"))
    var date: CivilDate?

    @Option(name: .customLong("note"), help: ArgumentHelp("说明（印在单据上或记入事件）", valueName: "TEXT"))
    var note: String?

    @OptionGroup var archiveOptions: ArchiveOptions
    @OptionGroup var templateOptions: TemplateOptions

    /// Records the event made by `make` for the matter and prints its slip.
    func record(_ id: String, form: String, make: (Matter, CivilDate) -> IncomingEventSpec) throws {
        try archiveOptions.withOffice(templates: templateOptions) { office in
            try record(id, form: form, office: office, make: make)
        }
    }

    private func record(_ id: String, form: String, office: Office, make: (Matter, CivilDate) -> IncomingEventSpec)
        throws
    {
        guard let matter = try office.store.matter(id: id) else {
            throw ValidationError("档案中没有事项 \(id)（先用 ducha intake 登记）")
        }
        let day = date ?? today()
        let spec = make(matter, day)
        var fields = spec.fields
        if let note { fields.append(("说明", .text(note))) }
        do {
            switch try office.record(Office.event(spec.kind, matter: id, date: day, fields)) {
            case .added(_, let slip?):
                print("\(id) 《\(form)》\(slip.number)：\(slip.path)")
            case .added(_, nil):
                print("\(id)：已记录“\(spec.kind.rawValue)”")
            case .unchanged:
                print("\(id)：同样的“\(spec.kind.rawValue)”已记录，未作改动")
            }
        } catch let refusal as LifecycleRefusal {
            warn(refusal.description)
            throw ExitCode.failure
        }
    }
}

struct IncomingEventSpec {
    var kind: EventKind
    var fields: [(String, FieldValue)]
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
        try options.record(id, form: "督查催办单") { _, _ in
            var fields: [(String, FieldValue)] = [("方式", .text("催办单"))]
            if let reportBy { fields.append(("新报送时限", .date(reportBy))) }
            return IncomingEventSpec(kind: .reminder, fields: fields)
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
        for reason in reasons where !EventCatalogue.returnReasons.contains(reason) {
            throw ValidationError(
                "退办理由“\(reason)”不在清单中（应为 \(EventCatalogue.returnReasons.joined(separator: "、")) 之一；其他理由用 --other）")
        }
        if reasons.isEmpty && other == nil { throw ValidationError("请用 --reason 或 --other 写明退办理由") }
    }

    @OptionGroup var options: EventCommandOptions

    func run() throws {
        try options.record(id, form: "督查退办单") { _, _ in
            var fields: [(String, FieldValue)] = [
                ("结论", .text("退办")), ("退办理由", .list(reasons.map(FieldValue.text))), ("重新报送时限", .date(resubmitBy)),
            ]
            if let other { fields.append(("其他理由", .text(other))) }
            return IncomingEventSpec(kind: .review, fields: fields)
        }
    }
}

struct TransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "转阅（办）：为领导批示转阅事项签发《领导批示转阅（办）单》（第十二条(一)）。"
    )

    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case 阅知, 阅研, 研办
    }

    @Argument(help: ArgumentHelp("事项编号", valueName: "MATTER-ID"))
    var id: String

    @Option(name: .customLong("mode"), help: "办理方式：阅知、阅研或研办")
    var mode: Mode = .阅研

    @Option(name: .customLong("feedback-by"), help: ArgumentHelp("需要反馈时的反馈时限", valueName: "YYYY-MM-DD"))
    var feedbackBy: CivilDate?

    @Option(name: .customLong("opinion"), help: ArgumentHelp("督查室拟办意见", valueName: "TEXT"))
    var opinion: String?

    @OptionGroup var options: EventCommandOptions

    func run() throws {
        try options.record(id, form: "领导批示转阅（办）单") { _, _ in
            var fields: [(String, FieldValue)] = [("转阅方式", .text(mode.rawValue)), ("需要反馈", .flag(feedbackBy != nil))]
            if let feedbackBy { fields.append(("反馈时限", .date(feedbackBy))) }
            if let opinion { fields.append(("拟办意见", .text(opinion))) }
            return IncomingEventSpec(kind: .transfer, fields: fields)
        }
    }
}
