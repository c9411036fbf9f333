public import Matters
public import ODF

/// A form template (`.fodt` or `.odt`) compiled once: its content and styles parts as programs, every
/// other part kept as bytes.
public struct FormTemplate: Sendable {
    /// The template's file name, for messages.
    public let name: String
    public let mimetype: String
    public let content: CompiledPart
    public let styles: CompiledPart
    /// Parts copied unchanged into every document (settings.xml, pictures …), deflated once.
    public let staticParts: [ODFPart]
    /// styles.xml deflated once, when it holds no tag (then it is the same in every document).
    public let stylesDeflated: DeflatedEntry?

    /// Loads and compiles a template. Markup in foreign namespaces is dropped so that output stays strict.
    /// - Parameter schema: the fields the form offers; every tag is checked against them. `nil` for
    ///   generic filling, where only the structure is checked.
    public static func load(bytes: [UInt8], name: String, schema: [FieldSpec]?) throws(TemplateError) -> FormTemplate {
        let source = try parts(bytes: bytes, name: name)
        var problems: [TemplateProblem] = []
        let (content, p1) = CompiledPart.analyse(source.content, part: "content.xml", schema: schema)
        let (styles, p2) = CompiledPart.analyse(source.styles, part: "styles.xml", schema: schema)
        problems = p1 + p2
        guard let content, let styles, problems.isEmpty else { throw TemplateError(template: name, problems: problems) }
        do throws(ODFError) {
            var fixedStyles: DeflatedEntry?
            if !styles.hasTags {
                var bytes: [UInt8] = []
                styles.fill(.record([:]), into: &bytes)
                fixedStyles = try DeflatedEntry(bytes)
            }
            return FormTemplate(
                name: name, mimetype: source.mimetype, content: content, styles: styles,
                staticParts: try source.staticParts.map { part throws(ODFError) in try part.deflatedOnce() },
                stylesDeflated: fixedStyles)
        } catch {
            throw TemplateError(
                template: name,
                problems: [TemplateProblem(part: error.source, message: error.description, paragraph: "")])
        }
    }

    /// Every problem of a template, for `ducha template check`; empty when it is good.
    public static func check(bytes: [UInt8], name: String, schema: [FieldSpec]?) -> [TemplateProblem] {
        do throws(TemplateError) {
            _ = try load(bytes: bytes, name: name, schema: schema)
            return []
        } catch {
            return error.problems
        }
    }

    /// Fills the template: the document's content and styles parts, and what the data lacked.
    public func fill(_ data: TemplateValue) -> FilledDocument {
        var contentBytes: [UInt8] = []
        contentBytes.reserveCapacity(32 * 1024)
        var report = content.fill(data, into: &contentBytes)
        var stylesBytes: [UInt8] = []
        stylesBytes.reserveCapacity(32 * 1024)
        let stylesReport = styles.fill(data, into: &stylesBytes)
        report.missing += stylesReport.missing.filter { !report.missing.contains($0) }
        report.problems += stylesReport.problems
        return FilledDocument(
            document: ODFDocument(
                mimetype: mimetype, content: contentBytes, styles: stylesBytes, stylesDeflated: stylesDeflated,
                staticParts: staticParts),
            report: report)
    }

    private struct Source {
        var mimetype: String
        var content: XMLElement
        var styles: XMLElement
        var staticParts: [ODFPart]
    }

    private static func parts(bytes: [UInt8], name: String) throws(TemplateError) -> Source {
        func fail(_ error: ODFError) -> TemplateError {
            TemplateError(
                template: name,
                problems: [TemplateProblem(part: error.source, message: error.description, paragraph: "")])
        }
        do throws(ODFError) {
            if bytes.starts(with: [0x50, 0x4B]) {
                let package = try ODFPackageReader(bytes: bytes, source: name)
                var content: XMLElement?
                var styles: XMLElement?
                var rest: [ODFPart] = []
                for part in package.parts {
                    switch part.path {
                    case "content.xml": content = try XMLDocumentParser.parse(part.data, source: "\(name)!content.xml")
                    case "styles.xml": styles = try XMLDocumentParser.parse(part.data, source: "\(name)!styles.xml")
                    case "meta.xml": continue  // every document gets its own
                    case "settings.xml":
                        let root = try XMLDocumentParser.parse(part.data, source: "\(name)!settings.xml")
                        var out = XMLWriter.declaration
                        XMLWriter.serialize(ForeignMarkup.strip(root), into: &out)
                        rest.append(ODFPart(path: part.path, mediaType: part.mediaType, data: out))
                    default:
                        if part.path.hasPrefix("Thumbnails/") || part.path.hasPrefix("Configurations2/") { continue }
                        rest.append(part)
                    }
                }
                guard let content, let styles else {
                    throw ODFError(.missingPart, "模板缺少 content.xml 或 styles.xml", source: name)
                }
                return Source(
                    mimetype: package.mimetype, content: ForeignMarkup.strip(content),
                    styles: ForeignMarkup.strip(styles), staticParts: rest)
            }
            let root = ForeignMarkup.strip(try XMLDocumentParser.parse(bytes, source: name))
            let split = try FlatODF.split(root)
            var rest: [ODFPart] = []
            if let settings = split.settings {
                var out = XMLWriter.declaration
                XMLWriter.serialize(settings, into: &out)
                rest.append(ODFPart(path: "settings.xml", mediaType: "text/xml", data: out))
            }
            let mimetype = root.attribute("office:mimetype") ?? "application/vnd.oasis.opendocument.text"
            return Source(mimetype: mimetype, content: split.content, styles: split.styles, staticParts: rest)
        } catch {
            throw fail(error)
        }
    }
}

/// A filled document before packaging: its parts, for `DocumentRenderer`, and what the data lacked.
public struct FilledDocument: Sendable {
    /// The document's parts.
    public var document: ODFDocument
    /// The fields the data lacked and the values that could not be filled.
    public var report: FillReport
}
