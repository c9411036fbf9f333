import Foundation
import Rendering

extension Workspace {
    /// Converts documents to PDF print copies in `directory` through the workspace's pool of LibreOffice workers
    /// (``officePool()``), with the office's font aliases.
    /// - Returns: the PDFs' paths, in the order of `paths`.
    /// - Throws: the first document that failed, after the others were converted.
    public func printCopies(of paths: [String], into directory: String) throws -> [String] {
        guard !paths.isEmpty else { return [] }
        try Files.makeFolder(directory)
        return try PDFConverter.convert(paths, outputDirectory: directory, pool: officePool())
    }

    /// Converts documents to PDF in `directory` on a pool of its own with these settings (its font aliases are the
    /// office's), stopped when done: each document's PDF, or why it failed, in the order of `paths`, and what the
    /// pool did.
    public func convert(
        _ paths: [String], into directory: String, kind: PDFKind = .print, workers: Int? = nil,
        timeout: Double? = nil, documentsPerProcess: Int? = nil
    ) throws -> (results: [Result<String, OfficePool.Failure>], pool: OfficePool.Counters) {
        try Files.makeFolder(directory)
        let pool = try OfficePool(
            .init(
                workers: workers, timeout: timeout, documentsPerProcess: documentsPerProcess, fontAliases: fontAliases))
        let results = pool.convert(paths, kind: kind, into: directory)
        pool.stop()
        return (results, pool.done)
    }

    /// The documents filed in a matter's bag (`<archive>/<year>/<id>/data/…`, .odt and .fodt), sorted; empty
    /// when the archive has no such matter.
    public func filedDocuments(ofMatter id: String) -> [String] {
        let root = URL(fileURLWithPath: archive)
        let years = (try? FileManager.default.contentsOfDirectory(atPath: archive)) ?? []
        var found: [String] = []
        for year in years.sorted() where Int(year) != nil {
            let data = root.appendingPathComponent(year).appendingPathComponent(id).appendingPathComponent("data")
            guard let walker = FileManager.default.enumerator(atPath: data.path) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".odt") || relative.hasSuffix(".fodt") {
                found.append(data.appendingPathComponent(relative).path)
            }
        }
        return found.sorted()
    }
}
