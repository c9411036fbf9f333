/// 保管期限 (国家档案局令第8号 第六条: 永久, 定期 30年 / 10年), with the codes of DA/T 22-2015 §5.4.3 c.
public enum RetentionPeriod: String, Sendable, CaseIterable, Comparable {
    case permanent = "永久"
    case thirtyYears = "30年"
    case tenYears = "10年"

    /// Y, D30, D10.
    public var code: String {
        switch self {
        case .permanent: return "Y"
        case .thirtyYears: return "D30"
        case .tenYears: return "D10"
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: RetentionPeriod, rhs: RetentionPeriod) -> Bool { lhs.order < rhs.order }
}

/// What the archive needs to know about the office as a 全宗 (DA/T 22-2015): 全宗号, 全宗名称, the 机构（问题）
/// code of the 督查室, who arranges and checks the files, and the 保管期限 of each kind of matter from the
/// office's approved 归档范围和保管期限表 (令8号 第十二条).
public struct FondsProfile: Sendable, Equatable {
    /// 全宗号, e.g. Z109.
    public var fondsCode: String
    /// 全宗名称, e.g. 北京市西城区人民政府办公室.
    public var fondsName: String
    /// 机构（问题）代码 of the 督查室 in the 档号.
    public var departmentCode: String
    /// 整理人 and 检查人 printed on the 备考表.
    public var arrangedBy: String
    public var checkedBy: String
    /// 保管期限 by kind of matter: keys 重点任务, 领导批示, 转阅 (a 领导批示 matter handled by 转阅).
    public var retention: [String: RetentionPeriod]

    public init(
        fondsCode: String = "Z109", fondsName: String = "北京市西城区人民政府办公室", departmentCode: String = "DCS",
        arrangedBy: String = "", checkedBy: String = "",
        retention: [String: RetentionPeriod] = [
            MatterKind.keyTask.rawValue: .permanent, MatterKind.instruction.rawValue: .thirtyYears,
            Handling.transfer.rawValue: .tenYears,
        ]
    ) {
        self.fondsCode = fondsCode
        self.fondsName = fondsName
        self.departmentCode = departmentCode
        self.arrangedBy = arrangedBy
        self.checkedBy = checkedBy
        self.retention = retention
    }

    /// The 保管期限 of a matter's papers.
    public func retention(of matter: Matter) -> RetentionPeriod {
        let key = matter.handling == .transfer ? Handling.transfer.rawValue : matter.kind.rawValue
        return retention[key] ?? retention[matter.kind.rawValue] ?? .thirtyYears
    }

    /// The keys of `档案` in the office profile.
    public static let fields: [FieldSpec] = [
        FieldSpec("全宗号", "全宗号", .text, required: true),
        FieldSpec("全宗名称", "全宗名称", .text, required: true),
        FieldSpec("机构代码", "机构（问题）代码", .text, required: true),
        FieldSpec("整理人", "整理人", .text),
        FieldSpec("检查人", "检查人", .text),
        FieldSpec(
            "保管期限", "各类事项的保管期限",
            .record(
                (MatterKind.allCases.map(\.rawValue) + [Handling.transfer.rawValue]).map {
                    FieldSpec($0, $0, .choice(RetentionPeriod.allCases.map(\.rawValue)))
                })),
    ]
}
