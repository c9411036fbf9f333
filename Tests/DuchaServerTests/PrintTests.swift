import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Portal: print copies", .tags(.libreOffice), .unlessSkippingSlow)
struct PrintTests {
    @Test(
        "a slip downloads as PDF and shows its first page as an image; a 涉密 matter's slip does not",
        .needs("soffice", "pdftoppm"))
    func pdfAndFirstPage() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            var leader = try await Browser.signedIn(client, as: "leader")
            let page = try await leader.get("/matters/2026-001")
            let slip = url("交办/督查通知单-西督通〔2026〕1号.odt")
            #expect(page.text.contains("/matters/2026-001/print/" + slip))
            let pdf = try await leader.get("/matters/2026-001/print/" + slip)
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(Array(pdf.body.readableBytesView.prefix(5)) == Array("%PDF-".utf8))
            let image = try await leader.get("/matters/2026-001/page1/" + slip)
            #expect(image.status == .ok)
            #expect(Array(image.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            let notSlip = try await leader.get("/matters/2026-001/print/" + url("交办/001-交办-2026-01-05.xml"))
            #expect(notSlip.status == .notFound)
            let classified = try await leader.get(
                "/matters/2026-025/print/" + url("交办/督查通知单-西督通〔2026〕22号.odt"))
            #expect(classified.status == .notFound)
        }
    }

    @Test(
        "with archival copies on, a slip issued from the portal gets its PDF/A-2b copy beside it in the bag",
        .needs("soffice"))
    func archivalCopyOfAnIssuedSlip() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let bag = fixture.archive + "/2026/2026-001/data/督查"
        let before = Set((try? FileManager.default.contentsOfDirectory(atPath: bag)) ?? [])
        try await fixture.test(archivalCopies: true) { client in
            var clerk = try await Browser.signedIn(client, as: "clerk")
            _ = try await clerk.get(url("/matters/2026-001/events/催办"))
            let response = try await clerk.post(
                url("/matters/2026-001/events/催办"), form: ["f.日期": "2026-04-10", "f.方式": "催办单"])
            #expect(response.status == .seeOther, "\(response.text)")
        }
        let added = Set(try FileManager.default.contentsOfDirectory(atPath: bag)).subtracting(before)
        let slip = try #require(added.first { $0.hasPrefix("督查催办单-") && $0.hasSuffix(".odt") }, "\(added)")
        let copy = bag + "/" + slip.replacingOccurrences(of: ".odt", with: ".pdf")
        let bytes = try #require(FileManager.default.contents(atPath: copy), "no copy beside \(slip): \(added)")
        #expect(bytes.prefix(5) == Data("%PDF-".utf8))
        #expect(String(decoding: bytes, as: UTF8.self).contains("pdfaid:part"), "declares PDF/A")
        let manifest = try String(
            contentsOfFile: fixture.archive + "/2026/2026-001/manifest-sha256.txt", encoding: .utf8)
        #expect(manifest.contains(slip.replacingOccurrences(of: ".odt", with: ".pdf")))
    }

    @Test(
        "the portal converts on one pool for its life: a PDF/A copy and print copies on the same LibreOffice server",
        .needs("soffice"))
    func onePool() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test(archivalCopies: true) { client in
            var clerk = try await Browser.signedIn(client, as: "clerk")
            _ = try await clerk.get(url("/matters/2026-001/events/催办"))
            let response = try await clerk.post(
                url("/matters/2026-001/events/催办"), form: ["f.日期": "2026-04-10", "f.方式": "催办单"])
            #expect(response.status == .seeOther, "\(response.text)")
            // A print copy of a slip of two other matters, as their pages link them.
            for matter in ["2026-002", "2026-003"] {
                let page = try await clerk.get("/matters/\(matter)")
                let link = try #require(
                    page.text.firstMatch(of: try Regex("/matters/\(matter)/print/[^\"]+")).map { String($0.0) },
                    "no print link on \(matter)'s page")
                let pdf = try await clerk.get(link)
                #expect(pdf.status == .ok && Array(pdf.body.readableBytesView.prefix(5)) == Array("%PDF-".utf8))
            }
        }
        let pool = try fixture.workspace.officePool()
        #expect(pool.done == .init(starts: 1, kills: 0), "\(pool.done)")
        #expect(pool.servers.count == 1)
    }
}
