import Foundation
import Matters
import TestSupport
import Testing

@testable import Archive

@Suite("Periodic publications in the archive")
struct PeriodicStoreTests {
    func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    func publish(_ store: PeriodicStore, _ key: String, on date: String, bytes: String = "第一版") throws
        -> PeriodicStore.Publication
    {
        try store.publish(
            .bulletin, key: key, prefix: "西城政务督查", date: day(date),
            baseName: { "西城政务督查-\($0.year)年第\($0.serial)期" }, fileExtension: "odt",
            render: { number, date in [("odt", Array("\(bytes) \(number) \(date.iso)".utf8))] })
    }

    @Test("issues are numbered per year in the registry beside the slips' numbers, and found again by period")
    func numbering() throws {
        let root = try TestEnvironment.temporaryDirectory("ducha-periodic")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = PeriodicStore(root: root.path, office: office)
        // A slip number already in the year's registry.
        var registry = try Registry.load(root: root.path, year: 2026)
        registry.record(
            form: .notice, number: registry.next(prefix: "西督通"), matter: "2026-001", date: day("2026-01-05"),
            file: "2026/2026-001/data/交办/x.odt")
        try registry.save()

        let q1 = try publish(store, "2026Q1", on: "2026-03-31")
        let q2 = try publish(store, "2026Q2", on: "2026-07-03")
        #expect(q1.number.serial == 1 && q2.number.serial == 1 + q1.number.serial && q1.changed && q2.changed)
        #expect(q1.paths == [root.path + "/2026/bulletins/data/西城政务督查-2026年第1期.odt"])
        // The same period again: same number and the first date, whatever date is asked for now; nothing written.
        let again = try publish(store, "2026Q1", on: "2026-04-10")
        #expect(again.number == q1.number && again.date == day("2026-03-31") && !again.changed)
        // A new year starts at 1.
        let q4 = try publish(store, "2026Q4", on: "2027-01-06")
        #expect(q4.number.year == 2027 && q4.number.serial == 1)
        #expect(q4.paths == [root.path + "/2027/bulletins/data/西城政务督查-2027年第1期.odt"])

        let reread = try Registry.load(root: root.path, year: 2026)
        #expect(reread.entries.map(\.form) == ["督查通知单", "刊物", "刊物"])
        #expect(reread.entries.map(\.matter) == ["2026-001", "2026Q1", "2026Q2"])
        #expect(reread.next(prefix: "西督通").serial == 2, "slip numbering is untouched")
        #expect(reread.existing(form: .notice, matter: "2026-001") != nil)
    }

    @Test("different bytes for the same number are rewritten and reported; the bag is sealed with the latest date")
    func rewriteAndSeal() throws {
        let root = try TestEnvironment.temporaryDirectory("ducha-periodic")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = PeriodicStore(root: root.path, office: office)
        _ = try publish(store, "2026Q1", on: "2026-03-31")
        _ = try publish(store, "2026Q2", on: "2026-06-30")
        let changed = try publish(store, "2026Q1", on: "2026-03-31", bytes: "第二版")
        #expect(changed.changed && changed.number.serial == 1)
        let bag = root.path + "/2026/bulletins"
        let info = try String(contentsOfFile: bag + "/bag-info.txt", encoding: .utf8)
        #expect(info.contains("Bagging-Date: 2026-06-30") && info.contains("External-Identifier: 2026-bulletins"))
        let manifest = try String(contentsOfFile: bag + "/manifest-sha256.txt", encoding: .utf8)
        let file = try Data(contentsOf: URL(fileURLWithPath: changed.paths[0]))
        #expect(manifest.contains(Bag.sha256([UInt8](file)) + "  data/西城政务督查-2026年第1期.odt"))
        #expect(manifest.split(separator: "\n").count == 2)
    }

    @Test("a sheet is found by year and day: another day is another number")
    func matchingDate() throws {
        let root = try TestEnvironment.temporaryDirectory("ducha-periodic")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = PeriodicStore(root: root.path, office: office)
        func sheet(_ date: String) throws -> PeriodicStore.Publication {
            try store.publish(
                .assessment, key: "2026", prefix: "西督考", date: day(date), matchingDate: true,
                baseName: { "督考合一考评表-\($0)" }, fileExtension: "odt", render: { _, _ in [("odt", [1]), ("ods", [2])] })
        }
        let interim = try sheet("2026-06-30")
        let final = try sheet("2026-12-31")
        #expect(interim.number.serial == 1 && final.number.serial == 2)
        #expect(try sheet("2026-06-30").number == interim.number)
        #expect(
            final.paths.map { URL(fileURLWithPath: $0).lastPathComponent } == [
                "督考合一考评表-西督考〔2026〕2号.odt", "督考合一考评表-西督考〔2026〕2号.ods",
            ])
    }
}
