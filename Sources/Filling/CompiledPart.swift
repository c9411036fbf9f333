public import Matters
public import ODF

/// One XML part of a template (content.xml, styles.xml), compiled once and filled many times.
public struct CompiledPart: Sendable {
    /// The part's name, as used in messages.
    public let part: String
    let pieces: [Piece]
    /// Whether the part holds any tag; a part without tags is the same bytes for every document.
    public let hasTags: Bool

    /// Compiles a part. With a `schema`, every tag is also checked against the form's fields.
    /// - Throws: ``TemplateError`` listing every problem in the part.
    public static func compile(_ root: XMLElement, part: String, template: String, schema: [FieldSpec]?)
        throws(TemplateError) -> CompiledPart
    {
        let (compiled, problems) = analyse(root, part: part, schema: schema)
        guard let compiled, problems.isEmpty else { throw TemplateError(template: template, problems: problems) }
        return compiled
    }

    /// Compiles a part and returns every problem instead of throwing (for `ducha template check`).
    public static func analyse(_ root: XMLElement, part: String, schema: [FieldSpec]?) -> (
        CompiledPart?, [TemplateProblem]
    ) {
        let stream = TokenStream(part: part, root: root)
        let plan = SectionPlanner(stream: stream)
        var problems = stream.problems + plan.problems
        if let schema { problems += SchemaCheck.check(stream: stream, plan: plan, schema: schema) }
        guard problems.isEmpty else { return (nil, problems) }
        var pieces = ProgramBuilder.build(stream: stream, plan: plan)
        let hasTags = !stream.tags.isEmpty
        if !hasTags, pieces.isEmpty { pieces = [.literal([])] }
        var declaration = XMLWriter.declaration
        if case .literal(let first) = pieces.first {
            declaration.append(contentsOf: first)
            pieces[0] = .literal(declaration)
        } else {
            pieces.insert(.literal(declaration), at: 0)
        }
        return (CompiledPart(part: part, pieces: pieces, hasTags: hasTags), [])
    }

    /// Appends the filled part to `out`.
    /// - Returns: the names the data lacked and the values that could not be formatted.
    @discardableResult
    public func fill(_ data: TemplateValue, into out: inout [UInt8]) -> FillReport {
        var filler = Filler(data: data)
        filler.run(pieces, into: &out)
        return FillReport(missing: filler.missing, problems: filler.problems)
    }
}

/// What a fill could not do: names the data lacked (printed empty) and values that could not be formatted.
public struct FillReport: Sendable, Equatable {
    public var missing: [String]
    public var problems: [String]

    public var isClean: Bool { missing.isEmpty && problems.isEmpty }
}
