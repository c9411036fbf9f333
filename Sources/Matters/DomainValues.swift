/// The closed sets of words the measures use, as types: a matter's kind and handling, a reminder's method,
/// a review's verdict, a transfer's mode. Each raw value is the word itself, as it appears in records,
/// `matter.xml`, ledgers and on the forms; the catalogues list the choices from these types.

/// The two procedures of the measures: 第十一条 (重点任务) and 第十二条 (领导批示).
public enum MatterKind: String, Sendable, CaseIterable, Hashable {
    case keyTask = "重点任务"
    case instruction = "领导批示"
}

/// Kind B splits into 督办事项 (a report is due) and 转阅（办）事项 (read and study only), 第十二条(一).
public enum Handling: String, Sendable, CaseIterable, Hashable {
    case supervise = "督办"
    case transfer = "转阅"
}

/// How a 催办 was made: only 催办单 issues a slip.
public enum ReminderMethod: String, Sendable, CaseIterable, Hashable {
    case phone = "电话"
    case slip = "催办单"
    case onSite = "现场"
}

/// The verdict of a 审核 of a report: 退办 issues a 《督查退办单》.
public enum ReviewVerdict: String, Sendable, CaseIterable, Hashable {
    case accepted = "通过"
    case returned = "退办"
}

/// How a 领导批示 matter is passed on by a 《领导批示转阅（办）单》.
public enum TransferMode: String, Sendable, CaseIterable, Hashable {
    case forInformation = "阅知"
    case forStudy = "阅研"
    case forAction = "研办"
}

extension Matter {
    /// 事项类型 (validated at intake, so always one of the two).
    public var kind: MatterKind { values["事项类型"]?.text.flatMap(MatterKind.init(rawValue:)) ?? .keyTask }
    /// 督办 unless the record says 转阅.
    public var handling: Handling { values["办理方式"]?.text.flatMap(Handling.init(rawValue:)) ?? .supervise }
}

extension MatterEvent {
    /// A 催办's 方式.
    public var reminderMethod: ReminderMethod? { text("方式").flatMap(ReminderMethod.init(rawValue:)) }
    /// A 审核's 结论.
    public var verdict: ReviewVerdict? { text("结论").flatMap(ReviewVerdict.init(rawValue:)) }
    /// A 转阅's 转阅方式.
    public var transferMode: TransferMode? { text("转阅方式").flatMap(TransferMode.init(rawValue:)) }
}
