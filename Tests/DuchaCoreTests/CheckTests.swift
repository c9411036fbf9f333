import Archive
import DuchaCore
import Foundation
import TestSupport
import Testing

/// The 四性检测 on the example quarter's archive: it passes, and each tampering fails its own item and no other.
@Suite("四性检测 of the archive (DA/T 70-2018)")
struct CheckTests {
    /// The example quarter archived.
    func archive() throws -> TestArchive {
        let archive = try TestArchive()
        #expect(try archive.batch().problems.isEmpty)
        return archive
    }

    func check(_ archive: TestArchive, stage: CheckStage = .archiving) throws -> CheckReport {
        try ArchiveCheck.run(
            CheckRequest(stage: stage, archive: archive.archive, year: 2026, odfSchema: TestArchive.odfSchema),
            date: try .on("2026-04-01"))
    }

    /// The items that failed, with their evidence for the message.
    func failures(_ report: CheckReport) -> String {
        report.outcomes.filter { $0.verdict == .failed }.map { "\($0.item): \($0.evidence.prefix(4))" }
            .joined(separator: "\n")
    }

    func replace(_ old: String, with new: String, in path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old), "\(path) lacks \(old)")
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test(
        "the example year passes at the archiving and preservation stages; only the signature and virus items are not run"
    )
    func soundYear() throws {
        let archive = try archive()
        defer { archive.remove() }
        for stage in [CheckStage.archiving, .preservation] {
            let report = try check(archive, stage: stage)
            #expect(report.passed, "\(failures(report))")
            #expect(report.outcomes.count == CheckItem.allCases.count)
            let notRun = Set(report.outcomes.filter { $0.verdict == .notRun }.map(\.item))
            // Without the OASIS schemas (outside CI), strict ODF validation is said not to have run.
            let schemaLess: Set<CheckItem> =
                TestEnvironment.schemaDirectory == nil && !TestEnvironment.inCI ? [.documentsOpen] : []
            #expect(notRun.isSubset(of: Set<CheckItem>([.signatures, .virus]).union(schemaLess)), "\(notRun)")
            #expect(report.outcomes.first?.item.code(at: stage) == "\(stage.code)-1-1")
            #expect(report.outcomes.allSatisfy { !$0.evidence.isEmpty }, "every item shows its evidence")
        }
    }

    @Test("a changed byte in a record fails 固化信息 only")
    func changedByte() throws {
        let archive = try archive()
        defer { archive.remove() }
        try replace(
            "<日期>2026-01-05</日期>", with: "<日期>2026-01-06</日期>",
            in: archive.archive + "/2026/2026-001/data/交办/001-交办-2026-01-05.xml")
        let report = try check(archive)
        #expect(report.failed == [.fixity], "\(failures(report))")
        let evidence = report.outcomes[0].evidence.joined()
        #expect(evidence.contains("SHA-256、SM3") && evidence.contains("001-交办-2026-01-05.xml"), "\(evidence)")
    }

    @Test("a changed metadata value, manifests rewritten to match, fails the metadata item only")
    func changedMetadata() throws {
        let archive = try archive()
        defer { archive.remove() }
        let bag = archive.archive + "/2026/2026-002"
        try replace("<立项日期>2026-01-06</立项日期>", with: "<立项日期>2026-13-06</立项日期>", in: bag + "/data/matter.xml")
        try archive.reseal(bag)
        let report = try check(archive)
        #expect(report.failed == [.metadataValues], "\(failures(report))")
    }

    @Test("a number taken out of the registry (a gap) fails the continuity item only")
    func gap() throws {
        let archive = try archive()
        defer { archive.remove() }
        let path = archive.archive + "/2026/registry.xml"
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let kept = lines.filter { !($0.contains("前缀=\"西督通\"") && $0.contains("序号=\"1\"")) }
        #expect(kept.count == lines.count - 1)
        try kept.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let report = try check(archive)
        #expect(report.failed == [.continuity], "\(failures(report))")
        #expect(report.outcomes.first { $0.item == .continuity }?.evidence.joined().contains("1号没有登记（跳号）") == true)
    }

    @Test("an editor's leftover in a bag fails the non-archival-files item only")
    func temporaryFile() throws {
        let archive = try archive()
        defer { archive.remove() }
        try Data("lock".utf8).write(to: URL(fileURLWithPath: archive.archive + "/2026/2026-003/.~lock.matter.xml#"))
        let report = try check(archive)
        #expect(report.failed == [.nonArchivalFiles], "\(failures(report))")
    }

    @Test("an executable by its content, even named .pdf and listed in the manifests, fails as non-archival")
    func executable() throws {
        let archive = try archive()
        defer { archive.remove() }
        let bag = archive.archive + "/2026/2026-004"
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 56)
        try Data(elf).write(to: URL(fileURLWithPath: bag + "/data/进展/说明.pdf"))
        try archive.reseal(bag)
        let report = try check(archive)
        #expect(report.failed.contains(.nonArchivalFiles), "\(failures(report))")
    }

    @Test("a symbolic link on the carrier is reported as non-archival and never followed")
    func symbolicLink() throws {
        let archive = try archive()
        defer { archive.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: archive.archive + "/2026/2026-005/根目录", withDestinationPath: "/")
        let report = try check(archive)
        #expect(report.failed == [.nonArchivalFiles], "\(failures(report))")
        let evidence = report.outcomes.first { $0.item == .nonArchivalFiles }?.evidence.joined() ?? ""
        #expect(evidence.contains("2026/2026-005/根目录：符号链接"), "\(evidence)")
    }

    @Test(
        "with ClamAV installed, the EICAR test file fails the virus item",
        .enabled(if: TestEnvironment.isAvailable("clamscan"), "clamscan (ClamAV) is not installed; the check says so"))
    func virus() throws {
        let archive = try archive()
        defer { archive.remove() }
        // The anti-virus test string (eicar.org), put together here so that this source is not itself flagged.
        let eicar = ["X5O!P%@AP[4\\PZX54(P^)7CC)7}", "$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"].joined()
        try Data(eicar.utf8).write(to: URL(fileURLWithPath: archive.archive + "/2026/2026-006/eicar.txt"))
        let report = try check(archive)
        #expect(report.failed.contains(.virus), "\(failures(report))")
    }

    @Test("a world-readable 涉密 file fails the permissions item only")
    func worldReadableSecret() throws {
        let archive = try archive()
        defer { archive.remove() }
        let path = archive.archive + "/2026/2026-015/data/matter.xml"
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let report = try check(archive)
        #expect(report.failed == [.permissions], "\(failures(report))")
    }

    @Test("the report as JSON, .ods and .odt; the .odt is valid ODF 1.3")
    func reportFiles() throws {
        let archive = try archive()
        defer { archive.remove() }
        let report = try check(archive)
        let folder = archive.path("报告")
        let paths = try CheckReportFiles.write(report, to: folder, date: try .on("2026-04-01"))
        #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["检测报告.odt", "检测报告.ods", "检测报告.json"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: paths[2])))
        let object = try #require(json as? [String: Any])
        #expect(object["结论"] as? String == "通过" && object["环节"] as? String == "归档")
        let items = try #require(object["检测项目"] as? [[String: Any]])
        #expect(items.count == CheckItem.allCases.count && items.first?["编号"] as? String == "GD-1-1")
        if TestEnvironment.shouldRun(needing: "check-odt") {
            let failures = try TestEnvironment.checkODTFailures([paths[0]])
            #expect(failures == nil, "\(failures ?? "")")
        }
    }
}

@Suite("Item codes: the numbers of DA/T 70-2018 表 A.1, by stage")
struct CheckItemCodeTests {
    @Test("each item names the standard's items it checks; numbers differ by stage where the standard's do")
    func codes() {
        #expect(CheckItem.fixity.code(at: .archiving) == "GD-1-1")
        #expect(CheckItem.signatures.code(at: .transfer) == "YJ-1-1")
        #expect(CheckItem.signatures.code(at: .preservation) == "BC-1-16")
        #expect(CheckItem.metadataValues.code(at: .archiving) == "GD-1-2～1-7")
        #expect(CheckItem.structure.code(at: .archiving) == "GD-1-12～1-14")
        #expect(CheckItem.structure.code(at: .preservation) == "BC-1-14、1-15")
        #expect(CheckItem.content.code(at: .transfer) == "YJ-2-11")
        #expect(CheckItem.formats.code(at: .transfer) == "YJ-3-3")
        #expect(CheckItem.formats.code(at: .preservation) == "BC-3-5")
        #expect(CheckItem.nonArchivalFiles.code(at: .preservation) == "BC-4-3*")
        #expect(CheckItem.virus.code(at: .archiving) == "GD-4-1、4-2")
        // Every number is one of the standard's 45 (16 + 11 + 9 + 9), under the property the item belongs to.
        let counts = [1: 16, 2: 11, 3: 9, 4: 9]
        for item in CheckItem.allCases {
            for stage in CheckStage.allCases {
                for number in item.numbers(at: stage) {
                    let parts = number.replacingOccurrences(of: "*", with: "").split(separator: "-").compactMap {
                        Int($0)
                    }
                    let property = (CheckProperty.allCases.firstIndex(of: item.property) ?? -1) + 1
                    #expect(parts.count == 2 && parts[0] == property, "\(item) \(number)")
                    #expect((1...(counts[parts[0]] ?? 0)).contains(parts.last ?? 0), "\(item) \(number)")
                }
            }
        }
    }
}
