import Rendering

/// The PDF/A-2b copies filed beside documents (``ArchivalCopies``), for the 内容数据格式 item: a `.pdf` beside an
/// `.odt` or `.fodt` of the same name in a bag's payload is such a copy, and must declare PDF/A-2b in its XMP and
/// embed its fonts (what is read, and what is not, is ``PDFArchival``'s).
enum CheckArchivalCopy {
    /// Whether the payload file `path` is the archival copy of a document beside it in `payload`.
    static func isCopy(_ path: String, in payload: Set<String>) -> Bool {
        guard path.lowercased().hasSuffix(".pdf") else { return false }
        let base = path.dropLast(4)
        return payload.contains(base + ".odt") || payload.contains(base + ".fodt")
    }

    /// Checks the copy `display` (a PDF by its content; other content is reported by the format check).
    static func check(_ bytes: [UInt8], display: String, into evidence: inout CheckEvidence) {
        guard CheckFiles.format(of: bytes) == "pdf" else { return }
        let inspection = PDFArchival(bytes)
        evidence.documents.archivalCopies += 1
        evidence.documents.fontDescriptors += inspection.fontDescriptors
        if inspection.objectStreams > 0 { evidence.documents.copiesWithObjectStreams += 1 }
        for problem in inspection.problems {
            evidence.fail(.formats, "\(display)：不是合格的 PDF/A-2b 归档件：\(problem)")
        }
    }
}
