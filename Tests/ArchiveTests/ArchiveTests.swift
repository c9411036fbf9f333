import Foundation
import Matters
import TestSupport
import Testing

@testable import Archive

func matter(_ id: String, title: String = "老旧小区综合整治", classified: Bool = false) -> Matter {
    var values = FieldRecord([
        ("编号", .text(id)),
        ("事项名称", .text(title)),
        ("事项类型", .text("重点任务")),
        ("事项来源", .text("重大决策和重要事项")),
        ("立项依据", .text("《工作报告》 R&D <二〇二六> \"甲\" 'A' ]]>\n第二行")),
        ("主责单位", .record(FieldRecord([("名称", .text("区住房城市建设委")), ("电话", .text("010-1"))]))),
        (
            "协办单位",
            .list([
                .record(FieldRecord([("名称", .text("区财政局"))])),
                .record(FieldRecord([("名称", .text("吉𠮷祥街道")), ("联系人", .text("朱镕"))])),
            ])
        ),
        ("办理要求", .list([.text("  缩进两格"), .text("多个   空格\t和制表")])),
        ("立项日期", .date(CivilDate(year: 2026, month: 1, day: 5)!)),
        ("办理时限", .date(CivilDate(year: 2026, month: 6, day: 30)!)),
        ("媒体曝光", .flag(false)),
        ("督查员", .record(FieldRecord([("姓名", .text("李督查"))]))),
    ])
    if classified { values["密级"] = .text("秘密") }
    return Matter(values: values)
}

let office = OfficeProfile(
    name: "北京市西城区人民政府督查室", parent: "北京市西城区人民政府办公室", signer: "王建国", phone: "010-83291234",
    numberPrefixes: ["督查通知单": "西督通"])

@Suite("The archive: files, matter.xml, registry, bags, lock")
struct ArchiveTests {
    @Test("matter.xml reads back exactly what was written")
    func matterXMLRoundTrip() throws {
        let original = matter("2026-001")
        let bytes = MatterXML.encode(original)
        #expect(try MatterXML.decode(bytes, source: "m").0 == original)
        #expect(String(decoding: bytes, as: UTF8.self).contains("<事项名称>老旧小区综合整治</事项名称>"))
    }

    @Test("atomic writes leave no temporary file and skip identical bytes")
    func atomicWrite() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sub/档案.txt").path
        #expect(try AtomicFile.write(Array("一".utf8), to: path))
        #expect(try AtomicFile.write(Array("一".utf8), to: path) == false)
        #expect(try AtomicFile.write(Array("二".utf8), to: path))
        #expect(try AtomicFile.read(path) == Array("二".utf8))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("sub").path) == [
                "档案.txt"
            ])
    }

    @Test("numbers follow each other, survive a reload and are never given twice")
    func registry() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let day = CivilDate(year: 2026, month: 2, day: 1)!
        var registry = try Registry.load(root: directory.path, year: 2026)
        for id in ["2026-001", "2026-002"] {
            registry.record(form: .notice, number: registry.next(prefix: "西督通"), matter: id, date: day, file: id)
        }
        try registry.save()
        let reloaded = try Registry.load(root: directory.path, year: 2026)
        #expect(reloaded.entries.map(\.number.description) == ["西督通〔2026〕1号", "西督通〔2026〕2号"])
        #expect(reloaded.existing(form: .notice, matter: "2026-002")?.number.serial == 2)
        #expect(reloaded.next(prefix: "西督通").serial == 3)
        #expect(reloaded.next(prefix: "西督催").serial == 1)
    }

    @Test("a damaged registry is reported, not silently replaced")
    func damagedRegistry() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try AtomicFile.write(Array("<登记簿><文号 单据=\"x\"".utf8), to: directory.path + "/2026/registry.xml")
        #expect(throws: ArchiveError.self) { try Registry.load(root: directory.path, year: 2026) }
    }

    @Test("a registered matter is a bag whose manifest lists every payload file with its SHA-256")
    func bag() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = ArchiveStore(root: directory.path, office: office)
        let m = matter("2026-007")
        #expect(try store.register(m) == .added)
        let (number, date, path) = try store.issue(
            form: .notice, for: m, date: CivilDate(year: 2026, month: 1, day: 6)!, into: .assignment,
            fileExtension: "odt"
        ) { number, _ in Array("文档 \(number)".utf8) }
        #expect(number.description == "西督通〔2026〕1号")
        #expect(date == CivilDate(year: 2026, month: 1, day: 6))
        #expect(path.hasSuffix("2026/2026-007/data/交办/督查通知单-西督通〔2026〕1号.odt"))
        let bagPath = store.folder(of: m)
        let manifest = String(decoding: try AtomicFile.read(bagPath + "/manifest-sha256.txt"), as: UTF8.self)
        let lines = manifest.split(separator: "\n")
        #expect(lines.count == 2)
        let document = try AtomicFile.read(path)
        // An independent digest (sha256sum) agrees with the manifest line.
        let digest = try run("/usr/bin/env", ["sha256sum", path]).stdout.prefix(64)
        #expect(lines.contains { $0.hasPrefix(digest) && $0.hasSuffix("data/交办/督查通知单-西督通〔2026〕1号.odt") })
        #expect(!document.isEmpty)
        let info = String(decoding: try AtomicFile.read(bagPath + "/bag-info.txt"), as: UTF8.self)
        #expect(info.contains("Payload-Oxum: "))
        #expect(info.contains("External-Identifier: 2026-007"))
        // Issuing again keeps the number and the bytes.
        let again = try store.issue(
            form: .notice, for: m, date: CivilDate(year: 2026, month: 3, day: 1)!, into: .assignment,
            fileExtension: "odt"
        ) { number, _ in Array("文档 \(number)".utf8) }
        #expect(again.number == number && again.date == date && again.path == path)
    }

    @Test("intake never changes an archived matter")
    func archivedMatterKept() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = ArchiveStore(root: directory.path, office: office)
        #expect(try store.register(matter("2026-003")) == .added)
        #expect(try store.register(matter("2026-003")) == .unchanged)
        let error = try #require(throws: ArchiveError.self) {
            try store.register(matter("2026-003", title: "改过的名称"))
        }
        #expect(error.message.contains("事项名称"))
        #expect(try store.matter(id: "2026-003")?.title == "老旧小区综合整治")
    }

    @Test("a 涉密 matter's folder is readable by its owner only")
    func classifiedPermissions() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = ArchiveStore(root: directory.path, office: office)
        _ = try store.register(matter("2026-015", classified: true))
        _ = try store.register(matter("2026-016"))
        let secret = try FileManager.default.attributesOfItem(atPath: directory.path + "/2026/2026-015")
        let open = try FileManager.default.attributesOfItem(atPath: directory.path + "/2026/2026-016")
        #expect((secret[.posixPermissions] as? Int) == 0o700)
        #expect(((open[.posixPermissions] as? Int) ?? 0) & 0o002 == 0)
    }

    @Test("a second writer is stopped with a clear message while the first holds the lock")
    func lock() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let first = try ArchiveLock(root: directory.path, wait: false)
            let error = try #require(throws: ArchiveError.self) { try ArchiveLock(root: directory.path, wait: false) }
            #expect(error.message.contains("另一个 ducha 进程正在写入此档案"))
            withExtendedLifetime(first) {}
        }
        // Released with its owner: the next writer gets it.
        _ = try ArchiveLock(root: directory.path, wait: false)
    }
}
