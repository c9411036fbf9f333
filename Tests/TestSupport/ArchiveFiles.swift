import Foundation

/// What is in an archive folder, for tests that compare archives or look for documents and bags.
public enum ArchiveFiles {
    /// Every file under `archive` (relative path → bytes), the lock file left out.
    public static func snapshot(_ archive: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = URL(fileURLWithPath: archive)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [:] }
        for case let url as URL in walker
        where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let relative = String(url.path.dropFirst(root.path.count + 1))
            if relative == ".ducha.lock" { continue }
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }

    /// The documents with this suffix (full paths, sorted).
    public static func documents(_ archive: String, suffix: String = ".odt") throws -> [String] {
        try snapshot(archive).keys.filter { $0.hasSuffix(suffix) }.sorted().map { archive + "/" + $0 }
    }

    /// The matter folders (bags) of a year (full paths, sorted).
    public static func bags(_ archive: String, year: Int = 2026) throws -> [String] {
        let folder = "\(archive)/\(year)"
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("\(year)-") }.sorted()
            .map { folder + "/" + $0 }
    }
}
