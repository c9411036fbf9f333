/// A problem found in a template, with the text of the paragraph it is in, so that the template editor can
/// find it in LibreOffice.
public struct TemplateProblem: Sendable, Equatable, CustomStringConvertible {
    /// The part of the document (`content.xml`, `styles.xml`).
    public var part: String
    /// What is wrong, in Chinese.
    public var message: String
    /// The paragraph's text as the editor sees it (tags included).
    public var paragraph: String

    public init(part: String, message: String, paragraph: String) {
        self.part = part
        self.message = message
        self.paragraph = paragraph
    }

    public var description: String {
        let quoted = paragraph.count > 80 ? String(paragraph.prefix(80)) + "…" : paragraph
        return "\(part): \(message)；所在段落：“\(quoted)”"
    }
}

/// Thrown when a template cannot be compiled or filled; carries every problem found.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public var template: String
    public var problems: [TemplateProblem]

    public init(template: String, problems: [TemplateProblem]) {
        self.template = template
        self.problems = problems
    }

    public var description: String {
        problems.map { "\(template): \($0)" }.joined(separator: "\n")
    }
}
