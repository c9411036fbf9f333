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
}
