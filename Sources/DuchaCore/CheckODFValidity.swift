import Archive
import Foundation
import ODF

/// Strict validation of ODF documents against the OASIS ODF 1.3 schemas, for the 内容数据的可读性 item: each
/// part's first findings become problems naming the document, the part, the line and the element.
///
/// One validator serves a whole check, on every core. A part whose bytes were already found valid by the same
/// schema is not validated again (the parts Ducha copies unchanged from a template, such as `styles.xml`, are the
/// same in every document of a form): the bytes are recognised by their SHA-256, and only valid parts are
/// remembered, at most ``remembered`` of them.
final class CheckODFValidity: @unchecked Sendable {
    /// The findings listed per part; the rest are counted in one line.
    static let shownPerPart = 3
    /// The most valid parts remembered.
    static let remembered = 100_000

    let schemas: ODFSchemas
    private let lock = NSLock()
    private var valid = Set<String>()

    init(schemas: ODFSchemas) { self.schemas = schemas }

    /// Validates the parts of the package `display` (every part of `parts` a schema covers).
    func check(parts: [(path: String, data: [UInt8])], display: String, into evidence: inout CheckEvidence) {
        evidence.documents.odf += 1
        for part in parts {
            guard let schema = schemas.schema(forPart: part.path) else { continue }
            evidence.documents.parts += 1
            validate(part.data, by: schema, shown: display + "/" + part.path, into: &evidence)
        }
    }

    /// Validates the flat document `display` (`.fodt`) whole.
    func check(flat bytes: [UInt8], display: String, into evidence: inout CheckEvidence) {
        evidence.documents.odf += 1
        evidence.documents.parts += 1
        validate(bytes, by: schemas.document, shown: display, into: &evidence)
    }

    private func validate(_ bytes: [UInt8], by schema: RelaxNGSchema, shown: String, into evidence: inout CheckEvidence)
    {
        let key = schema.source + " " + Bag.sha256(bytes)
        if lock.withLock({ valid.contains(key) }) { return }
        do {
            let validation = try schema.validate(bytes, source: shown, maxFindings: Self.shownPerPart)
            guard !validation.isValid else {
                lock.withLock {
                    if valid.count < Self.remembered { valid.insert(key) }
                }
                return
            }
            for finding in validation.findings {
                var place = shown
                if let line = finding.line { place += " 第 \(line) 行" }
                if let path = finding.path { place += "（\(path)）" }
                evidence.fail(.documentsOpen, "\(place)：不符合 ODF 1.3 模式：\(finding.message)")
            }
            let more = validation.total - validation.findings.count
            if more > 0 {
                evidence.fail(.documentsOpen, "\(shown)：另有 \(more) 处不符合 ODF 1.3 模式", counting: more)
            }
        } catch {
            let place = shown + (error.line.map { " 第 \($0) 行" } ?? "")
            evidence.fail(.documentsOpen, "\(place)：无法打开：\(error.code.label)：\(error.message)")
        }
    }
}
