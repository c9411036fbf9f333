import ODF

/// Strict validation of ODF documents against the OASIS ODF 1.3 schemas, for the 内容数据的可读性 item: each
/// part's first findings become problems naming the document, the part, the line and the element.
enum CheckODFValidity {
    /// The findings listed per part; the rest are counted in one line.
    static let shownPerPart = 3

    /// Validates the parts of the package `display` (every covered part of `parts`).
    static func check(
        parts: [(path: String, data: [UInt8])], display: String, schemas: ODFSchemas,
        into evidence: inout CheckEvidence
    ) {
        let results = schemas.validate(parts: parts, source: display, maxFindings: shownPerPart)
        evidence.documents.odf += 1
        evidence.documents.parts += results.count
        for result in results { report(result, shown: display + "/" + result.part, into: &evidence) }
    }

    /// Validates the flat document `display` (`.fodt`) whole.
    static func check(flat bytes: [UInt8], display: String, schemas: ODFSchemas, into evidence: inout CheckEvidence) {
        evidence.documents.odf += 1
        evidence.documents.parts += 1
        report(
            schemas.validate(flat: bytes, source: display, maxFindings: shownPerPart), shown: display, into: &evidence)
    }

    private static func report(_ result: ODFSchemas.PartResult, shown: String, into evidence: inout CheckEvidence) {
        switch result.outcome {
        case .success(let validation) where !validation.isValid:
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
        case .success:
            break
        case .failure(let error):
            let place = shown + (error.line.map { " 第 \($0) 行" } ?? "")
            evidence.fail(.documentsOpen, "\(place)：无法打开：\(error.code.label)：\(error.message)")
        }
    }
}
