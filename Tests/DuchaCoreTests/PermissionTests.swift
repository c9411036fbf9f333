import DuchaCore
import Foundation
import TestSupport
import Testing

@Suite("Permissions")
struct PermissionTests {
    @Test("a 涉密 matter's folders are 0700 and its files 0600; nothing in the archive is world-writable")
    func permissions() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        #expect(try archive.batch().problems.isEmpty)
        let root = URL(fileURLWithPath: archive.archive)
        let walker = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        var classifiedFiles = 0
        for case let url as URL in walker {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let mode = (attributes[.posixPermissions] as? Int) ?? 0
            let isDirectory = (attributes[.type] as? FileAttributeType) == .typeDirectory
            #expect(mode & 0o002 == 0, "\(url.path) is world-writable")
            // 2026-015 and 2026-025 are 秘密 in the examples.
            if url.path.contains("/2026-015") || url.path.contains("/2026-025") {
                #expect(mode == (isDirectory ? 0o700 : 0o600), "\(url.path): \(String(mode, radix: 8))")
                if !isDirectory { classifiedFiles += 1 }
            }
        }
        #expect(classifiedFiles >= 10)
    }
}
