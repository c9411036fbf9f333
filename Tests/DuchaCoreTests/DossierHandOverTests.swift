import DuchaCore
import Foundation
import TestSupport
import Testing

extension DossierTests {
    /// Every file and folder under `folder` (relative path → permission bits).
    func modes(under folder: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder) {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + path)
            result[path] = ((attributes[.posixPermissions] as? Int) ?? 0o777) & 0o777
        }
        return result
    }

    @Test(
        "unzip of the hand-over gives no world-writable file, 涉密 files owner-only, and the zip holding them is owner-only",
        .enabled(if: TestEnvironment.shouldRun(needing: "soffice", "unzip"), "LibreOffice or unzip missing"))
    func handOverPermissions() throws {
        let unzip = try #require(TestEnvironment.which("unzip"), "unzip is required in CI")
        let (archive, result) = try dossier()
        defer { archive.remove() }
        let plain = try #require(result.export).path
        let plainMode = try FileManager.default.attributesOfItem(atPath: plain)[.posixPermissions] as? Int
        #expect(plainMode.map { $0 & 0o733 } == 0o600, "a zip without 涉密 files is 0644 (less the umask)")
        let everything = archive.path("全部.zip")
        _ = try archive.write { try $0.writeDossier(year: 2026, export: everything, includeClassified: true) }
        let zipMode = try FileManager.default.attributesOfItem(atPath: everything)[.posixPermissions] as? Int
        #expect(zipMode.map { $0 & 0o777 } == 0o600, "the zip holding 涉密 files is owner-only")
        for (zip, name) in [(plain, "plain"), (everything, "all")] {
            let out = archive.path(name)
            let unpacked = try run(unzip, ["-q", zip, "-d", out])
            #expect(unpacked.status == 0, "\(unpacked.stderr)")
            let modes = try modes(under: out)
            #expect(modes.count > 100)
            let writable = modes.filter { $0.value & 0o002 != 0 }.keys.sorted()
            #expect(writable.isEmpty, "world-writable after unzip: \(writable.prefix(5))")
        }
        // 涉密 files (2026-015, 2026-025) come out 0600 in 0700 folders; the others 0644.
        let catalogue = try catalogue(archive)
        let classified = Set(catalogue.filter { !$0.classification.isEmpty }.map(\.reference))
        #expect(!classified.isEmpty)
        let modes = try modes(under: archive.path("all"))
        for (path, mode) in modes where path.contains("/data/文件/") {
            let parts = path.components(separatedBy: "/data/文件/")[1].split(separator: "/")
            let isFolder = parts.count == 1
            let secret = classified.contains(String(parts[0]))
            let expected = isFolder ? (secret ? 0o700 : 0o755) : (secret ? 0o600 : 0o644)
            // Exactly the expected owner bits, and nothing the expected mode does not grant (a umask may take more).
            #expect(mode & 0o700 == expected & 0o700 && mode & ~expected == 0, "\(path): \(String(mode, radix: 8))")
        }
    }

    @Test(
        "no 题名 of the dossier reads 关于关于",
        .enabled(if: TestEnvironment.shouldRun(needing: "soffice"), "LibreOffice missing"))
    func noDoubledAbout() throws {
        let (archive, _) = try dossier()
        defer { archive.remove() }
        let xml = try String(contentsOfFile: archive.archive + "/2026/dossier/data/归档文件目录.xml", encoding: .utf8)
        let titles = xml.components(separatedBy: "<题名>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(titles.count >= 100)
        #expect(titles.filter { $0.contains("关于关于") }.isEmpty)
        // The titles that begin with 关于 still say it once: "关于做好…的批示的督查通知单".
        #expect(titles.contains { $0.hasPrefix("关于做好") && $0.hasSuffix("的督查通知单") })
    }
}
