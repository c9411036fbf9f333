import Archive

/// The page counts of documents laid out once, by the SHA-256 of their bytes (`<archive>/<year>/.page-counts`,
/// a line `sha256<TAB>pages` each), so that the yearly dossier asks LibreOffice only about documents it has not
/// laid out before. A changed document has another digest, so a count is never taken for bytes it was not made
/// from; a lost or damaged file only costs the layout again.
struct PageCounts {
    let path: String
    private(set) var known: [String: Int] = [:]
    private var added = false

    init(archive: String, year: Int) {
        path = "\(archive)/\(year)/.page-counts"
        for line in (Files.load(path) ?? []).split(separator: 0x0A) {
            let fields = line.split(separator: 0x09)
            guard fields.count == 2, fields[0].count == 64, let pages = Int(String(decoding: fields[1], as: UTF8.self)),
                pages > 0
            else { continue }
            known[String(decoding: fields[0], as: UTF8.self)] = pages
        }
    }

    subscript(digest: String) -> Int? { known[digest] }

    mutating func record(_ pages: Int, for digest: String) {
        guard pages > 0, known[digest] != pages else { return }
        known[digest] = pages
        added = true
    }

    /// Writes the counts back when any was added.
    func save() throws {
        guard added else { return }
        let text = known.keys.sorted().map { "\($0)\t\(known[$0]!)\n" }.joined()
        try AtomicFile.write(Array(text.utf8), to: path)
    }
}
