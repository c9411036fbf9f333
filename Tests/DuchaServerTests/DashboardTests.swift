import DuchaCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Matters
import ODF
import TestSupport
import Testing

@testable import DuchaServer

@Suite("Portal: the dashboard's chart")
struct DashboardTests {
    /// One bar of the chart as drawn: its label, its segments (colour and width, in order), the numbers written in
    /// the segments and the total written after the bar.
    struct Bar {
        var label: String
        var segments: [(color: String, width: Int)] = []
        var digits: [Int] = []
        var total: Int?
    }

    @Test(
        "the chart is an SVG of a route, drawn as the bulletin draws it, its bars the ledger's counts per 主责单位 without 涉密 matters"
    )
    func barsMatchTheCounts() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        // Expected, from the ledger the command line prints (`ducha status --as-of`), by the bulletin's standing.
        var expected: [String: [Int]] = [:]
        for row in try fixture.workspace.ledger(asOf: PortalFixture.day).rows where !row.classified {
            var counts = expected[row.leadUnit] ?? [0, 0, 0]
            switch Standing.of(row) {
            case .completed: counts[0] += 1
            case .inProgress: counts[1] += 1
            case .overdue: counts[2] += 1
            case .other: break
            }
            expected[row.leadUnit] = counts
        }
        #expect(expected.values.contains { $0[0] > 0 } && expected.values.contains { $0[2] > 0 })
        let counted = expected
        try await fixture.test { client in
            var clerk = try await Browser.signedIn(client, as: "clerk")
            let page = try await clerk.get("/dashboard")
            let src = try #require(Self.imageSource(page.text), "no <img> of the chart")
            #expect(src.hasPrefix("/dashboard/units.svg"))
            #expect(!page.text.contains("<script"))
            let svg = try await clerk.get(src)
            #expect(svg.status == .ok)
            #expect(svg.headers[.contentType] == "image/svg+xml")
            #expect(svg.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            let bars = try Self.bars(Array(svg.body.readableBytesView))
            #expect(Set(bars.map(\.label)) == Set(counted.keys))
            for bar in bars {
                let counts = try #require(counted[bar.label])
                Self.expect(bar, drawn: counts)
                // The table beside the chart says the same.
                #expect(
                    page.text.contains(
                        "<tr><td>\(bar.label)</td><td>\(counts.reduce(0, +) + Self.others(bar.label, fixture))</td><td>\(counts[0])</td><td>\(counts[1])</td><td>\(counts[2])</td>"
                    ), "\(bar.label)")
            }

            // A unit account sees its own unit's bar only.
            var unit = try await Browser.signedIn(client, as: "shichahai")
            let own = try await unit.get(try #require(Self.imageSource(try await unit.get("/dashboard").text)))
            let ownBars = try Self.bars(Array(own.body.readableBytesView))
            #expect(ownBars.map(\.label) == ["什刹海街道"])
            if let bar = ownBars.first { Self.expect(bar, drawn: try #require(counted["什刹海街道"])) }
        }
    }

    @Test("the chart answers only a signed-in account")
    func chartNeedsSignIn() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let response = try await client.execute(uri: "/dashboard/units.svg", method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/signin")
        }
    }

    /// The bar's total, colours and widths agree with `counts` (已办结, 办理中, 逾期).
    static func expect(_ bar: Bar, drawn counts: [Int]) {
        let total = counts.reduce(0, +)
        #expect(bar.total == total, "\(bar.label)")
        let colors = ["#2e7d32", "#1565c0", "#c62828"]
        let drawn = zip(colors, counts).filter { $0.1 > 0 }
        #expect(bar.segments.map(\.color) == drawn.map(\.0), "\(bar.label)")
        guard total > 0, bar.segments.count == drawn.count else { return }
        // Each segment's width is its count on one scale (to a pixel of rounding).
        let scale = Double(bar.segments.map(\.width).reduce(0, +)) / Double(total)
        for (segment, (_, count)) in zip(bar.segments, drawn) {
            #expect(abs(Double(segment.width) - Double(count) * scale) <= 2, "\(bar.label) \(segment.color)")
        }
        for digit in bar.digits { #expect(drawn.map(\.1).contains(digit), "\(bar.label) writes \(digit)") }
    }

    /// Matters of a unit that no bar counts (not yet 交办, 转阅 for reading, 置换) but its 事项 column does.
    static func others(_ unit: String, _ fixture: PortalFixture) -> Int {
        ((try? fixture.workspace.ledger(asOf: PortalFixture.day).rows) ?? []).filter {
            !$0.classified && $0.leadUnit == unit && Standing.of($0) == .other
        }.count
    }

    static func imageSource(_ html: String) -> String? {
        guard let img = html.range(of: "<img src=\"") else { return nil }
        return String(html[img.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The bars of a chart, read in document order: a label (a text anchored at its end), the segments (rects in
    /// a series' colour), the numbers in them (white texts) and the total (a text anchored at its start).
    static func bars(_ svg: [UInt8]) throws -> [Bar] {
        let root = try XMLDocumentParser.parse(svg, source: "units.svg")
        let shapes = root.childElements.first { $0.name == "g" }?.childElements ?? []
        let seriesColors = Set(["#2e7d32", "#1565c0", "#c62828"])
        var bars: [Bar] = []
        for shape in shapes {
            let anchor = shape.attribute("text-anchor")
            switch shape.name {
            case "text" where anchor == "end":
                bars.append(Bar(label: shape.textContent))
            case "rect" where !bars.isEmpty && seriesColors.contains(shape.attribute("fill") ?? ""):
                bars[bars.count - 1].segments.append(
                    (shape.attribute("fill") ?? "", Int(shape.attribute("width") ?? "") ?? -1))
            case "text" where !bars.isEmpty && shape.attribute("fill") == "#ffffff":
                bars[bars.count - 1].digits.append(Int(shape.textContent) ?? -1)
            case "text" where !bars.isEmpty && anchor == "start":
                bars[bars.count - 1].total = Int(shape.textContent)
            default:
                break
            }
        }
        return bars
    }
}
