/// One template tag, `{{…}}`, as written in a paragraph.
public struct Tag: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `{{名称}}` or `{{办理时限|日期}}`.
        case value
        /// `{{#协办单位}}`.
        case section
        /// `{{^密级}}`.
        case inverted
        /// `{{/协办单位}}`.
        case close
    }

    public var kind: Kind
    /// The name as written, e.g. `主责单位.名称`, or `.` for the current item.
    public var name: String
    /// The name split at dots; `[]` for `.`.
    public var path: [String]
    /// The formatter after `|`, e.g. `日期`.
    public var formatter: String?
    /// The whole tag as written, braces included.
    public var raw: String

    /// Parses the text between `{{` and `}}`. Returns a problem text when it is not a tag.
    static func parse(inner: String, raw: String) -> Result<Tag, TagSyntaxProblem> {
        var body = Substring(inner).trimmingSpaces()
        var kind = Kind.value
        switch body.first {
        case "#": kind = .section
        case "^": kind = .inverted
        case "/": kind = .close
        default: break
        }
        if kind != .value { body = body.dropFirst().trimmingSpaces() }
        var formatter: String?
        if let bar = body.firstIndex(of: "|") {
            let f = body[body.index(after: bar)...].trimmingSpaces()
            body = body[..<bar].trimmingSpaces()
            guard kind == .value else { return .failure(TagSyntaxProblem("只有取值标签可以带格式（“|\(f)”）")) }
            guard !f.isEmpty else { return .failure(TagSyntaxProblem("“|”之后缺少格式名")) }
            formatter = String(f)
        }
        let name = String(body)
        guard !name.isEmpty else { return .failure(TagSyntaxProblem("标签中缺少字段名")) }
        if name == "." {
            guard kind == .value else { return .failure(TagSyntaxProblem("“.”只能用作取值标签 {{.}}")) }
            return .success(Tag(kind: kind, name: name, path: [], formatter: formatter, raw: raw))
        }
        let path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for segment in path {
            guard !segment.isEmpty,
                !segment.contains(where: { $0.isWhitespace || "{}#^/|\"'<>&".contains($0) })
            else { return .failure(TagSyntaxProblem("字段名“\(name)”不合规则")) }
        }
        return .success(Tag(kind: kind, name: name, path: path, formatter: formatter, raw: raw))
    }
}

struct TagSyntaxProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}
