import Archive
import Foundation
import Rendering

/// The PDF/A-2b copies filed beside the documents of the archive (GB/T 18894-2016 keeps 电子公文 in a fixed
/// layout; PDF/A is GB/T 23286 / ISO 19005-2): `督查通知单-西督通〔2026〕1号.pdf` beside
/// `督查通知单-西督通〔2026〕1号.odt`, in the same bag and listed in its manifests.
///
/// LibreOffice writes the time and a fresh document id into every PDF, so a copy's bytes cannot be made again:
/// a filed copy is therefore never rewritten. A slip's .odt is itself never changed once filed (re-issuing it
/// gives the same bytes), so the copy beside it stays the copy of that .odt; re-runs change no byte.
public struct ArchivalCopies: Sendable {
    /// The copies filed now.
    public var filed: [String] = []
    /// Documents whose copy LibreOffice could not make (the rest were filed).
    public var failures: [OfficePool.Failure] = []
    /// Whether LibreOffice was there to make them.
    public var available = true
}

extension Office {
    /// Files a PDF/A-2b copy beside each of `documents` (full paths of .odt or .fodt files in a matter's bag or a
    /// publication series' bag) that has none yet, converting on the workspace's pool of LibreOffice workers; documents
    /// elsewhere are left out. Nothing is done, and ``ArchivalCopies/available`` is false, when LibreOffice is
    /// not installed. `progress` is told of each document converted, a few hundred at a time.
    public func fileArchivalCopies(_ documents: [String], progress: (any ProgressReporter)? = nil) throws
        -> ArchivalCopies
    {
        var result = ArchivalCopies()
        let missing = Array(Set(documents)).sorted().filter { document in
            (document.hasSuffix(".odt") || document.hasSuffix(".fodt")) && place(of: document) != nil
                && !FileManager.default.fileExists(atPath: Self.sibling(document))
        }
        guard !missing.isEmpty else { return result }
        guard PDFConverter.soffice() != nil else {
            result.available = false
            return result
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ducha-pdfa-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let pool = try workspace.officePool()
        progress?.start(total: missing.count, label: "生成 PDF/A 归档副本")
        defer { progress?.finish() }
        // A round is at most one LibreOffice server's share per worker (the pool replaces a server after so many
        // documents anyway), so that progress is told as the documents are done.
        let roundSize = pool.settings.workers * pool.settings.documentsPerProcess
        // Documents of the same name (in different bags) go in different rounds: the PDFs of a round share a folder.
        var remaining = missing
        var round = 0
        while !remaining.isEmpty {
            var names = Set<String>()
            var batch: [String] = []
            var rest: [String] = []
            for (n, document) in remaining.enumerated() {
                guard batch.count < roundSize else {
                    rest += remaining[n...]
                    break
                }
                let base = URL(fileURLWithPath: document).deletingPathExtension().lastPathComponent
                if names.insert(base).inserted { batch.append(document) } else { rest.append(document) }
            }
            round += 1
            let folder = scratch.appendingPathComponent("\(round)").path
            for (document, outcome) in zip(batch, pool.convert(batch, kind: .archival, into: folder)) {
                switch outcome {
                case .success(let pdf):
                    if let path = try file(Files.read(pdf), beside: document) { result.filed.append(path) }
                case .failure(let failure):
                    result.failures.append(failure)
                }
                progress?.advance()
            }
            try? FileManager.default.removeItem(atPath: folder)
            remaining = rest
        }
        return result
    }

    /// The PDF/A copy's path beside a document.
    static func sibling(_ document: String) -> String {
        (document.lastIndex(of: ".").map { String(document[..<$0]) } ?? document) + ".pdf"
    }

    /// Where a document is filed: a matter's bag, or a publication series' bag of a year.
    private enum Place {
        case matter(String)
        case series(PeriodicStore.Series, year: Int)
    }

    private func place(of document: String) -> Place? {
        let root = store.root + "/"
        guard document.hasPrefix(root) else { return nil }
        let parts = document.dropFirst(root.count).split(separator: "/").map(String.init)
        guard parts.count >= 4, let year = Int(parts[0]), parts[2] == "data" else { return nil }
        if let series = PeriodicStore.Series.allCases.first(where: { $0.folder == parts[1] }) {
            return .series(series, year: year)
        }
        return .matter(parts[1])
    }

    private func file(_ bytes: [UInt8], beside document: String) throws -> String? {
        switch place(of: document) {
        case .matter(let id):
            guard let matter = try store.matter(id: id) else { return nil }
            return try store.changing(matter) {
                try store.fileBeside(bytes, document: document, fileExtension: "pdf", of: matter)
            }
        case .series(let series, let year):
            return try PeriodicStore(root: store.root, office: store.office, run: store.run).fileBeside(
                bytes, document: document, fileExtension: "pdf", series: series, year: year)
        case nil:
            return nil
        }
    }
}
