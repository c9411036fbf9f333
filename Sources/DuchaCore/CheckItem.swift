/// The stage of a record's life at which DA/T 70-2018 asks for the 四性检测: before it is archived, when it is
/// handed over to (and received by) the 档案馆, and while it is kept.
public enum CheckStage: String, Sendable, CaseIterable {
    case archiving = "归档"
    case transfer = "移交与接收"
    case preservation = "长期保存"

    /// The prefix of the item codes of the standard's tables for this stage (归档 GD, 移交与接收 YJ, 长期保存 BC).
    public var code: String {
        switch self {
        case .archiving: "GD"
        case .transfer: "YJ"
        case .preservation: "BC"
        }
    }

    /// The clauses of DA/T 70-2018 for this stage: what is checked (4.x) and the items' tables (5.x); which items
    /// apply at which stage is its 附录 A 表 A.1.
    public var clause: String {
        switch self {
        case .archiving: "DA/T 70-2018 4.1、5.1（归档环节，表1—表16）"
        case .transfer: "DA/T 70-2018 4.2、5.2（移交与接收环节，表17—表32）"
        case .preservation: "DA/T 70-2018 4.3、5.3（长期保存环节，表33—表49）"
        }
    }

    /// Reads `归档`, `移交`/`移交与接收`/`接收`, `保存`/`长期保存`, or the English words.
    public init?(word: String) {
        switch word {
        case "归档", "archiving": self = .archiving
        case "移交", "接收", "移交与接收", "transfer": self = .transfer
        case "保存", "长期保存", "preservation": self = .preservation
        default: return nil
        }
    }
}

/// The four properties of DA/T 70-2018 (and GB/T 18894-2016 §4).
public enum CheckProperty: String, Sendable, CaseIterable {
    case authenticity = "真实性"
    case integrity = "完整性"
    case usability = "可用性"
    case security = "安全性"

}

/// One item of Ducha's 检测. DA/T 70-2018 numbers its 45 items once for all stages (附录 A 表 A.1: 1-1 to 1-16
/// 真实性, 2-1 to 2-11 完整性, 3-1 to 3-9 可用性, 4-1 to 4-9 安全性), and a stage prefix (GD, YJ, BC) goes in front;
/// each Ducha item carries the numbers of the standard's items it checks (``numbers(at:)``). Where the standard
/// does not list an item at a stage, Ducha checks it there all the same and marks its code with `*`.
public enum CheckItem: Int, Sendable, CaseIterable {
    // 真实性
    case fixity = 1
    case signatures
    case metadataValues
    case fileProperties
    case linkage
    case structure
    // 完整性
    case requiredMetadata
    case continuity
    case content
    case process
    // 可用性
    case metadataReadable
    case documentsOpen
    case formats
    case compression
    // 安全性
    case virus
    case nonArchivalFiles
    case permissions

    public var property: CheckProperty {
        switch self {
        case .fixity, .signatures, .metadataValues, .fileProperties, .linkage, .structure: .authenticity
        case .requiredMetadata, .continuity, .content, .process: .integrity
        case .metadataReadable, .documentsOpen, .formats, .compression: .usability
        case .virus, .nonArchivalFiles, .permissions: .security
        }
    }

    /// The item's name (the standard's, with what Ducha checks under it).
    public var title: String {
        switch self {
        case .fixity: "固化信息有效性检测：数字摘要（SHA-256 与 SM3 清单）"
        case .signatures: "固化信息有效性检测：电子签名（SM2）"
        case .metadataValues: "元数据项数据长度、类型和格式、值域、数据值合理性、特殊字符、档号规范性检测"
        case .fileProperties: "内容数据的电子属性一致性检测"
        case .linkage: "元数据是否关联内容数据检测（含存储位置）"
        case .structure: "说明文件和目录文件、信息包目录结构规范性与信息包一致性检测"
        case .requiredMetadata: "元数据项完整性与元数据必填著录项目检测"
        case .continuity: "连续性元数据项检测（编号无漏号、无重号）"
        case .content: "信息包内容数据完整性检测"
        case .process: "过程信息完整性检测（办理记录）"
        case .metadataReadable: "信息包中元数据的可读性检测"
        case .documentsOpen: "内容数据的可读性检测（文档能打开，ODF 严格符合 1.3 模式）"
        case .formats: "内容数据格式检测（归档格式，PDF/A 归档件）"
        case .compression: "信息包中包含的内容数据格式合规性检测（非公开压缩算法、加密）"
        case .virus: "病毒感染检测（含是否装有杀毒软件）"
        case .nonArchivalFiles: "载体中多余文件检测"
        case .permissions: "操作过程安全性检测：存储权限（涉密文件仅本人可读）"
        }
    }

    /// The numbers of the standard's items this one checks at `stage` (the property digit, then the item's
    /// number in 表 A.1), e.g. `["1-2", …, "1-7"]`; a number the standard does not list at that stage ends in
    /// `*`.
    public func numbers(at stage: CheckStage) -> [String] {
        let bc = stage == .preservation
        switch self {
        case .fixity: return ["1-1"]
        case .signatures: return bc ? ["1-16"] : ["1-1"]
        case .metadataValues: return ["1-2", "1-3", "1-4", "1-5", "1-6", "1-7"]
        case .fileProperties: return ["1-10"]
        case .linkage: return ["1-11"]
        case .structure: return bc ? ["1-14", "1-15"] : ["1-12", "1-13", "1-14"]
        case .requiredMetadata: return bc ? ["2-4"] : ["2-3", "2-4"]
        case .continuity: return ["2-6"]
        case .content: return ["2-11"]
        case .process: return [bc ? "2-5*" : "2-5"]
        case .metadataReadable: return ["3-1"]
        case .documentsOpen: return ["3-4"]
        case .formats: return bc ? ["3-5"] : ["3-3"]
        case .compression: return [bc ? "3-8*" : "3-8"]
        case .virus: return ["4-1", "4-2"]
        case .nonArchivalFiles: return [bc ? "4-3*" : "4-3"]
        case .permissions: return [bc ? "4-7*" : "4-7"]
        }
    }

    /// The item's code at a stage: `GD-1-1`, or for several of the standard's items `GD-1-2～1-7` (a run) or
    /// `BC-1-14、1-15`.
    public func code(at stage: CheckStage) -> String {
        let numbers = numbers(at: stage)
        let serials = numbers.compactMap { Int($0.split(separator: "-").last ?? "") }
        if numbers.count > 2, serials.count == numbers.count,
            serials == Array(serials[0]...serials[0] + serials.count - 1)
        {
            return "\(stage.code)-\(numbers[0])～\(numbers[numbers.count - 1])"
        }
        return "\(stage.code)-" + numbers.joined(separator: "、")
    }

    /// What DA/T 70-2018 asks of the item, in its words (the clause for the stage is ``CheckStage/clause``).
    public var basis: String {
        switch self {
        case .fixity: "固化信息（数字摘要）与内容数据一致，电子档案未被篡改"
        case .signatures: "电子签名、封装包签名有效，签名人为移交单位"
        case .metadataValues: "元数据项的数据类型、长度、格式、值域符合 DA/T 46 及著录规则，档号符合 DA/T 13/DA/T 22"
        case .fileProperties: "内容数据的电子属性（大小、格式、摘要、页数）与元数据记录一致"
        case .linkage: "元数据与内容数据一一关联，元数据记录的存储位置与实际位置一致"
        case .structure: "信息包的组织结构符合规定，接收的信息包与发送的一致"
        case .requiredMetadata: "必填的元数据项齐全"
        case .continuity: "连续编号的元数据项（文号登记、件号、事件序号）无漏号、无重号"
        case .content: "每条元数据都有对应的内容数据，内容数据齐全"
        case .process: "反映办理过程的记录齐全（每份单据有其事件，每份办理报告有其审核）"
        case .metadataReadable: "元数据能被正常读取"
        case .documentsOpen: "内容数据能被正常打开（ODF 能解析且严格符合 OASIS ODF 1.3 模式，PDF 能解析）"
        case .formats: "内容数据为归档格式（ODF 1.3、PDF、XML、图片），格式与扩展名相符；PDF/A 归档件声明 PDF/A-2b 并嵌入字体"
        case .compression: "信息包不使用非公开的压缩算法，不加密（zip 只用存储或 deflate）"
        case .virus: "信息包不含病毒或恶意代码"
        case .nonArchivalFiles: "载体中没有非归档文件（临时文件、编辑器遗留文件、可执行文件）"
        case .permissions: "文件不被任何人改写，涉密文件仅本人可读（0600/0700）"
        }
    }
}

/// The verdict of one item.
public enum CheckVerdict: String, Sendable {
    case passed = "通过"
    case failed = "不通过"
    /// The item could not be run here, or not wholly (no virus scanner installed; no ODF schemas for the strict
    /// validation, the documents only parsed); said so, not counted as failed.
    case notRun = "未检测"
}

/// One item's result: its verdict and the evidence for it.
public struct CheckOutcome: Sendable {
    public var item: CheckItem
    public var verdict: CheckVerdict
    /// What was checked (counts), and every problem found, each naming its file.
    public var evidence: [String]
}

/// The 检测报告: every item's outcome for one subject at one stage.
public struct CheckReport: Sendable {
    public var stage: CheckStage
    /// What was checked, in words (e.g. `档案 2026 年度（33 个事项档案）`).
    public var subject: String
    /// The day of the check, `YYYY-MM-DD`.
    public var date: String
    public var outcomes: [CheckOutcome]

    /// Whether no item failed.
    public var passed: Bool { !outcomes.contains { $0.verdict == .failed } }
    /// The items that failed.
    public var failed: [CheckItem] { outcomes.filter { $0.verdict == .failed }.map(\.item) }
}
