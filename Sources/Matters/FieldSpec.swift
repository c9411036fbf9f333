/// What kind of value a field holds. The same description drives JSON intake, spreadsheet headers,
/// `matter.xml`, template names, the template lint and every error message.
public indirect enum FieldType: Sendable, Equatable {
    /// One line of text.
    case text
    /// Text that may hold line breaks (kept as `text:line-break` in documents).
    case multilineText
    /// Several paragraphs: a list of texts, each its own paragraph in a document.
    case paragraphs
    /// A civil date, `YYYY-MM-DD`.
    case date
    /// One of a closed list of words.
    case choice([String])
    /// Yes or no.
    case flag
    /// A matter identifier: letters, digits and `-`, used as a folder name.
    case identifier
    /// A telephone number: digits, spaces, `-`, `+`, `(`, `)` and `转`.
    case phone
    /// A whole number of zero or more (JSON number), kept as its decimal text.
    case count
    /// A registered document number (发文字号), such as 西督通〔2026〕12号.
    case documentNumber
    /// A group of named fields.
    case record([FieldSpec])
    /// A list of values of one type.
    case list(FieldType)

    /// The longest matter identifier, in characters (it is a folder name and part of file names).
    public static let maxIdentifierLength = 64

    /// What a value of this type looks like, in the words of the error messages (`应为 …`).
    public var expectation: String {
        switch self {
        case .text: return "一行文字"
        case .multilineText: return "文字"
        case .paragraphs: return "文字，或由若干段文字组成的数组"
        case .date: return "YYYY-MM-DD 格式的有效日期，如 2026-03-05"
        case .choice(let words): return words.map { "“\($0)”" }.joined(separator: "、") + "之一"
        case .flag: return "true 或 false"
        case .identifier: return "只含字母、数字和连字符（-）的编号，如 2026-001"
        case .phone: return "电话号码，如 010-83291234"
        case .count: return "非负整数"
        case .documentNumber: return "文号，如 西督通〔2026〕12号"
        case .record(let fields): return "含 " + fields.map(\.key).joined(separator: "、") + " 的对象"
        case .list(let element): return "数组，每项为" + element.expectation
        }
    }
}

/// One field of the catalogue: its key (used in JSON, templates and `matter.xml`), its Chinese label,
/// its type and whether a record must have it.
public struct FieldSpec: Sendable, Equatable {
    public let key: String
    public let label: String
    public let type: FieldType
    public let required: Bool
    /// A sentence for documentation: what the field means and where the rule comes from.
    public let help: String

    public init(_ key: String, _ label: String, _ type: FieldType, required: Bool = false, help: String = "") {
        self.key = key
        self.label = label
        self.type = type
        self.required = required
        self.help = help
    }
}

extension Array where Element == FieldSpec {
    /// The field with this key, if the list has one.
    public func spec(_ key: String) -> FieldSpec? { first { $0.key == key } }
}
