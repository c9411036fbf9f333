public import Matters

/// One 件 of the yearly dossier (DA/T 22-2015 §5.1): a document with its attachments, and its catalogue row.
public struct DossierItem: Sendable, Equatable {
    /// 件号 within its 保管期限 class, from 1.
    public var number: Int
    /// 档号: 全宗号-WS·年度-保管期限-机构代码-件号 (§5.4.2).
    public var reference: String
    public var retention: RetentionPeriod
    /// 文号, if the document has one.
    public var documentNumber: String
    /// 责任者.
    public var author: String
    /// 题名; parts supplied by the archivist are in [ ] (§5.5).
    public var title: String
    public var date: CivilDate
    /// 密级, empty when not 涉密.
    public var classification: String
    /// 页数, filled in once the documents are counted.
    public var pages: Int
    /// 备注.
    public var remark: String
    /// The matter it belongs to.
    public var matter: String
    /// The 件's files, as paths relative to the archive root; the first is the 正文.
    public var files: [String]

    public var isClassified: Bool { !classification.isEmpty }
}

/// The year arranged as DA/T 22-2015 asks: classified 年度—保管期限—机构（问题） (§5.2.2), arranged within
/// each class by matter and then by time (§5.3.1 "按时间结合事由"), numbered, with a 档号 per 件.
///
/// 件 rule: every slip (通知单, 转阅单, 催办单, 退办单) is a 件; every paper the units or the office produced
/// about the matter (登记, 审定, 预案, 进展, 督查, 办理报告, 延期, 调整置换, 审核, 办结, 再督查) is a 件 with its
/// attachments (正文与附件为一件). The 通知单 and the 办理报告 that answers it are separate 件 (来文与复文
/// "一般独立成件", §5.1), kept next to each other by the arrangement by matter. 签收 and 归档 records are
/// processing marks, not 件.
public struct DossierPlan: Sendable {
    public let year: Int
    public let fonds: FondsProfile
    public private(set) var items: [DossierItem]

    /// Plans the dossier of the matters registered in `year`.
    public init(store: ArchiveStore, year: Int, fonds: FondsProfile) throws(ArchiveError) {
        self.year = year
        self.fonds = fonds
        var drafts: [(retention: RetentionPeriod, item: DossierItem)] = []
        let records = try store.allRecords().filter { $0.matter.year == year }
            .sorted { ($0.matter.registered, $0.matter.id) < ($1.matter.registered, $1.matter.id) }
        let registries = try Self.registries(store: store, years: year...(year + 1))
        for (matter, log) in records {
            let retention = fonds.retention(of: matter)
            for item in Self.items(of: matter, log: log, store: store, registries: registries) {
                drafts.append((retention, item))
            }
        }
        var counters: [RetentionPeriod: Int] = [:]
        var items: [DossierItem] = []
        for retention in RetentionPeriod.allCases {
            for var item in drafts.filter({ $0.retention == retention }).map(\.item) {
                let n = (counters[retention] ?? 0) + 1
                counters[retention] = n
                item.number = n
                item.retention = retention
                item.reference =
                    "\(fonds.fondsCode)-WS·\(year)-\(retention.code)-\(fonds.departmentCode)-\(Self.pad(n))"
                items.append(item)
            }
        }
        self.items = items
    }

    /// Sets each 件's 页数.
    public mutating func setPages(_ pages: (DossierItem) throws -> Int) rethrows {
        for i in items.indices { items[i].pages = try pages(items[i]) }
    }

    /// The plan without 涉密 件 (for hand-over), numbers and 档号 unchanged.
    public func withoutClassified() -> DossierPlan {
        var copy = self
        copy.items = items.filter { !$0.isClassified }
        return copy
    }

    /// "关于" and the matter's title, without a second 关于 when the title already begins with one (a title
    /// such as "关于做好…的批示" gives "关于做好…的批示的督查通知单", never "关于关于…").
    static func about(_ title: String) -> String {
        title.hasPrefix("关于") ? title : "关于" + title
    }

    private static func pad(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    private static func registries(store: ArchiveStore, years: ClosedRange<Int>) throws(ArchiveError) -> [Registry] {
        var result: [Registry] = []
        for year in years { result.append(try Registry.load(root: store.root, year: year)) }
        return result
    }

    private static func items(of matter: Matter, log: [StoredEvent], store: ArchiveStore, registries: [Registry])
        -> [DossierItem]
    {
        let bag = "\(matter.year)/\(matter.id)"
        let classification = matter.values["密级"]?.text ?? ""
        let about = Self.about(matter.title)
        func item(
            _ title: String, author: String, date: CivilDate, number: String = "", files: [String], remark: String = ""
        )
            -> DossierItem
        {
            DossierItem(
                number: 0, reference: "", retention: .permanent, documentNumber: number, author: author, title: title,
                date: date, classification: classification, pages: 0, remark: remark, matter: matter.id, files: files)
        }
        var result = [
            item(
                "[\(matter.title)督查事项登记表]", author: store.office.name, date: matter.registered,
                files: ["\(bag)/data/matter.xml"])
        ]
        for stored in log {
            let event = stored.event
            if let number = stored.slip {
                let entry = registries.flatMap(\.entries).first { $0.number == number }
                let file = entry.map { $0.file } ?? ""
                let form = entry?.form ?? ""
                result.append(
                    item(
                        "\(about)的\(form)", author: store.office.name, date: event.date,
                        number: number.description,
                        files: file.isEmpty ? [] : [file]))
                continue
            }
            let author: String
            let title: String
            switch event.kind {
            case .receipt, .archiving, .registration, .assignment, .transfer:
                continue
            case .report:
                author = matter.leadUnit
                title = event.text("标题") ?? "[\(matter.leadUnit)\(about)的办理报告]"
            case .responsibility, .plan, .safeguards, .progress, .weeklyReport, .monthlyReport, .extensionRequest:
                author = matter.leadUnit
                title = "[\(matter.leadUnit)\(about)的\(event.kind.rawValue)]"
            case .approval:
                author = event.text("审定人") ?? store.office.name
                title = "[\(matter.title)立项审定意见]"
            case .extensionDecision:
                author = event.text("审定领导") ?? store.office.parent
                title = "[\(about)延期申请的审定意见]"
            case .adjustment:
                let stage = event.text("阶段") ?? ""
                author = stage == "请示" ? matter.leadUnit : store.office.parent
                title = "[\(about)\(event.text("方式") ?? "调整")的\(stage)]"
            case .reminder:
                author = store.office.name
                title = "[\(matter.title)\(event.text("方式") ?? "")催办记录]"
            case .inspection, .review, .completion, .reinspection:
                author = store.office.name
                title = "[\(matter.title)\(event.kind.rawValue)记录]"
            }
            let record =
                "\(bag)/data/\(ArchiveStore.Folder.of(event).rawValue)/\(ArchiveStore.pad(stored.sequence))-\(event.kind.rawValue)-\(event.date.iso).xml"
            let attachments = (event.values["附件"]?.list ?? []).compactMap(\.text).map { "\(bag)/\($0)" }
            result.append(
                item(
                    title, author: author, date: event.date, number: event.text("文号") ?? "",
                    files: [record] + attachments,
                    remark: attachments.isEmpty ? "" : "附件\(attachments.count)件"))
        }
        return result
    }
}
