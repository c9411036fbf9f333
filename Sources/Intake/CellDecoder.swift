import Matters

/// Turns cells into catalogue field values, one ``Diagnostic`` per problem, each at its cell
/// (`台账.xlsx!事项!C12: 办理时限: …`). Text passes the same ``TextRule`` as JSON text, so a value
/// is accepted or refused alike whatever file brings it.
struct CellDecoder {
    let file: String
    /// The sheet's name, or `nil` for a CSV file (whose cells are named without a sheet).
    let sheet: String?
    let uses1904: Bool
    private(set) var diagnostics: [Diagnostic] = []
    /// How many of ``diagnostics`` are errors.
    private(set) var errorCount = 0

    init(file: String, sheet: String?, uses1904: Bool) {
        self.file = file
        self.sheet = sheet
        self.uses1904 = uses1904
    }

    /// `事项!C12` (`C12` in a CSV file).
    func location(_ cell: CellReference) -> String { prefix + cell.description }

    /// `事项!第 12 行` (`第 12 行` in a CSV file).
    func location(row: Int) -> String { prefix + "第 \(row) 行" }

    /// `事项` (nothing in a CSV file).
    var sheetLocation: String { sheet ?? "" }

    private var prefix: String { sheet.map { $0 + "!" } ?? "" }

    mutating func report(
        _ location: String, _ field: String, _ problem: String, expecting: String? = nil,
        severity: Diagnostic.Severity = .error
    ) {
        append([
            Diagnostic(
                severity, file: file, location: location, field: field, problem: problem, expectation: expecting,
                isCell: true)
        ])
    }

    mutating func append(_ other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
        errorCount += other.filter { $0.severity == .error }.count
    }

    /// What a cell of `type` should hold, in the words of the messages.
    static func expectation(_ type: FieldType) -> String {
        switch type {
        case .text: return "一行文字（单元格内不换行）"
        case .multilineText: return "文字"
        case .paragraphs: return "文字，每段一行"
        case .date: return CellDate.expectation
        case .flag: return "“是”或“否”"
        case .list(let element): return "用顿号、逗号、分号或换行分隔的若干项，每项为" + expectation(element)
        default: return type.expectation
        }
    }

    /// The value of a non-blank cell as a field of `type` (one-line text trimmed, multi-line text
    /// without trailing white space), or `nil` after reporting why it cannot be.
    mutating func decode(_ value: CellValue, at cell: CellReference, type: FieldType, field: String) -> FieldValue? {
        let here = location(cell)
        if case .error(let code) = value {
            report(here, field, "单元格是公式错误值 \(code)", expecting: Self.expectation(type))
            return nil
        }
        switch type {
        case .text, .identifier, .phone, .documentNumber:
            return checked(CellText.plain(value).trimmingWhitespace(), type: type, at: here, field: field)
        case .multilineText:
            return checked(Self.trimmedEnd(CellText.plain(value)), type: type, at: here, field: field)
        case .date:
            guard let date = CellDate.date(value, uses1904: uses1904) else {
                report(here, field, "日期无效“\(CellText.plain(value))”", expecting: CellDate.expectation)
                return nil
            }
            return .date(date)
        case .choice(let words):
            let word = CellText.plain(value).trimmingWhitespace()
            guard words.contains(word) else {
                report(here, field, "取值“\(word)”不在可选范围内", expecting: type.expectation)
                return nil
            }
            return .text(word)
        case .flag:
            guard let flag = Self.flag(value) else {
                report(here, field, "“\(CellText.plain(value))”不是是或否", expecting: Self.expectation(type))
                return nil
            }
            return .flag(flag)
        case .count:
            let text = CellText.plain(value).trimmingWhitespace()
            guard let count = Int(text), count >= 0 else {
                report(here, field, "“\(text)”不是非负整数", expecting: type.expectation)
                return nil
            }
            return .text(String(count))
        case .paragraphs:
            var paragraphs: [FieldValue] = []
            for line in CellText.lines(CellText.plain(value)) {
                guard let text = checked(line, type: .multilineText, at: here, field: field) else { return nil }
                paragraphs.append(text)
            }
            return .list(paragraphs)
        case .list(let element):
            var items: [FieldValue] = []
            var failed = false
            for item in CellText.items(CellText.plain(value)) {
                if let decoded = decode(.text(item), at: cell, type: element, field: field) {
                    items.append(decoded)
                } else {
                    failed = true
                }
            }
            return failed ? nil : .list(items)
        case .record:
            report(here, field, "一个单元格不能填整组字段", expecting: "每个字段一列")
            return nil
        }
    }

    /// Text that passes ``TextRule``, or `nil` after reporting why not.
    mutating func checked(_ text: String, type: FieldType, at here: String, field: String) -> FieldValue? {
        guard let problem = TextRule.problem(in: text, type: type) else { return .text(text) }
        switch problem {
        case .forbiddenCharacter(let code, let position):
            report(here, field, "含 XML 不允许的控制字符 \(code)（第 \(position) 个字符）", expecting: "可打印的文字")
        case .noncharacter(let code, let position):
            report(here, field, "含非字符 \(code)（第 \(position) 个字符）", expecting: "Unicode 字符（U+FFFE、U+FFFF 不是字符）")
        case .identifierTooLong(let length):
            report(
                here, field, "编号过长：\(length) 个字符", expecting: "不超过 \(FieldType.maxIdentifierLength) 个字符的编号")
        case .lineBreak:
            report(here, field, "不能含换行", expecting: Self.expectation(type))
        case .identifier:
            report(here, field, "编号格式不对“\(text)”", expecting: type.expectation)
        case .phone:
            report(here, field, "电话号码格式不对“\(text)”", expecting: type.expectation)
        }
        return nil
    }

    /// TRUE/FALSE, 是/否, true/false, 1/0, √/×, Y/N.
    static func flag(_ value: CellValue) -> Bool? {
        switch value {
        case .bool(let b): return b
        case .number(let n) where n == 0 || n == 1: return n == 1
        case .text(let s):
            switch s.trimmingWhitespace().lowercased() {
            case "是", "true", "1", "√", "y", "yes": return true
            case "否", "false", "0", "×", "n", "no": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// Text with CR LF as LF and without white space at its end or blank lines at its start.
    static func trimmedEnd(_ text: String) -> String {
        var s = Substring(XLSXText.normalizeLineBreaks(text))
        while let last = s.last, last.isWhitespace { s.removeLast() }
        while s.first == "\n" { s.removeFirst() }
        return String(s)
    }
}
