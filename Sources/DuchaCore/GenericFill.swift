import Filling
import Intake
public import Matters
import Rendering

/// Filling any template with any JSON object: no number, no archive.
public enum GenericFill {
    /// A filled document and what the data lacked.
    public struct Result: Sendable {
        public var bytes: [UInt8]
        /// Fields the template names that the data does not hold (left empty).
        public var missing: [String]
        /// The template's own problems, worded by the template engine.
        public var problems: [String]
    }

    /// Fills `template` (a .fodt or .odt file) with the JSON object in `data`.
    /// - Parameter title: the document's title in its metadata (e.g. the output's file name).
    /// - Throws: ``DuchaError/invalidRequest(_:)`` when the data is not a JSON object, naming the file and line.
    public static func fill(
        template: String, data: String, format: DocumentFormat, date: CivilDate, title: String
    ) throws -> Result {
        let compiled = try FormTemplate.load(bytes: try Files.read(template), name: template, schema: nil)
        let node: JSONNode
        do {
            node = try JSONParser.parse(try Files.read(data))
        } catch let error as JSONParser.SyntaxError {
            throw DuchaError.invalidRequest("\(data): 第 \(error.line) 行：不是有效的 JSON：\(error.message)")
        }
        let value = GenericData.value(node)
        guard case .record = value else { throw DuchaError.invalidRequest("\(data): 最外层应为 JSON 对象") }
        let filled = compiled.fill(value)
        let meta = DocumentMeta(title: title, subject: "", matterID: "", date: (date.year, date.month, date.day))
        let bytes =
            format == .fodt
            ? try DocumentRenderer.flat(filled.document, meta: meta)
            : try DocumentRenderer.package(filled.document, meta: meta)
        return Result(bytes: bytes, missing: filled.report.missing, problems: filled.report.problems)
    }
}
