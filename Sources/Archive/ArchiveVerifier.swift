/// Checks a whole archive: every bag (matters, and any other bag a year holds), and every year's registry.
public struct ArchiveVerifier: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    /// The result for one bag.
    public struct Report: Sendable {
        /// The bag's folder relative to the archive root, e.g. `2026/2026-001`.
        public var name: String
        public var findings: [Finding]
    }

    /// Verifies the bags of `years` (all when empty), or only the named matters, and the registries.
    public func verify(years: [Int] = [], matters: [String] = []) throws(ArchiveError) -> (
        bags: [Report], registry: [Finding]
    ) {
        let yearsToCheck = try Self.years(root, among: years)
        var reports: [Report] = []
        var found = Set<String>()
        for bag in try Self.bags(root, years: yearsToCheck) {
            if !matters.isEmpty && !matters.contains(bag.name) { continue }
            found.insert(bag.name)
            reports.append(Report(name: bag.relative, findings: BagVerifier.verify(bag.folder)))
        }
        for missing in matters where !found.contains(missing) {
            throw ArchiveError(path: root, message: "档案中没有事项 \(missing)", code: .notFound)
        }
        var registry: [Finding] = []
        for year in yearsToCheck { registry += verifyRegistry(year: year) }
        return (reports, registry)
    }

    /// The archive's years, or of them those in `among` (all when it is empty), in order.
    static func years(_ root: String, among: [Int] = []) throws(ArchiveError) -> [Int] {
        let all = try ArchiveStore.list(root).compactMap { Int($0) }.sorted()
        return among.isEmpty ? all : all.filter(among.contains)
    }

    /// Every bag of `years`, by year then name: each folder of a year with `bagit.txt` or `data/` (a bag whose
    /// declaration is lost is still one to report).
    static func bags(_ root: String, years: [Int]) throws(ArchiveError) -> [(
        name: String, relative: String, folder: String
    )] {
        var bags: [(name: String, relative: String, folder: String)] = []
        for year in years {
            for name in try ArchiveStore.list("\(root)/\(year)").sorted() {
                let folder = "\(root)/\(year)/\(name)"
                var isBag = try Posix.exists(folder + "/bagit.txt")
                if !isBag { isBag = try Posix.exists(folder + "/data") }
                guard isBag else { continue }
                bags.append((name, "\(year)/\(name)", folder))
            }
        }
        return bags
    }

    /// A year's registry: readable, no number given twice, no number skipped, every document present.
    public func verifyRegistry(year: Int) -> [Finding] {
        let path = "\(root)/\(year)/registry.xml"
        let registry: Registry
        do {
            guard try Posix.exists(path) else { return [] }
            registry = try Registry.load(root: root, year: year)
        } catch {
            return [Finding(kind: .badRegistry, path: path, detail: error.message)]
        }
        var findings: [Finding] = []
        var byPrefix: [String: [Int]] = [:]
        for entry in registry.entries { byPrefix[entry.number.prefix, default: []].append(entry.number.serial) }
        for (prefix, serials) in byPrefix.sorted(by: { $0.key < $1.key }) {
            var seen = Set<Int>()
            for serial in serials where !seen.insert(serial).inserted {
                findings.append(
                    Finding(kind: .badRegistry, path: path, detail: "\(prefix)〔\(year)〕\(serial)号登记了不止一次"))
            }
            let expected = Set(1...(serials.max() ?? 0))
            for skipped in expected.subtracting(seen).sorted() {
                findings.append(
                    Finding(kind: .badRegistry, path: path, detail: "\(prefix)〔\(year)〕\(skipped)号没有登记（跳号）"))
            }
        }
        for entry in registry.entries {
            let base = entry.file.lastIndex(of: ".").map { String(entry.file[..<$0]) } ?? entry.file
            let candidates = ["odt", "fodt"].map { "\(root)/\(base).\($0)" }
            var present = false
            for candidate in candidates where !present {
                do {
                    present = try Posix.exists(candidate)
                } catch {
                    findings.append(Finding(kind: .missing, path: candidate, detail: error.message))
                }
            }
            if !present {
                findings.append(
                    Finding(kind: .missing, path: "\(root)/\(entry.file)", detail: "登记簿中 \(entry.number) 的文件不存在"))
            }
        }
        return findings
    }
}
