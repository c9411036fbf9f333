import DuchaCore
import Foundation
import Matters
import TestSupport
import Testing

/// The slips on paper: every slip of the example quarter converted through Ducha's own PDF path (LibreOffice with
/// the office's font aliases), then measured by poppler: pages, ink, text per page, fonts, geometry.
@Suite(
    "Slips that fit their page", .serialized, .tags(.libreOffice), .unlessSkippingSlow,
    .needs("soffice", "pdfinfo", "pdftoppm", "pdftotext", "pdffonts"))
struct SlipLayoutTests {
    /// The example quarter's slips as PDFs, with the matter each belongs to.
    static func quarterPDFs(_ archive: TestArchive) throws -> [(slip: String, matter: String, pdf: RenderedPDF)] {
        try archive.batch()
        let slips = try archive.documents().filter { !$0.contains("/bulletins/") && $0.contains("/data/") }
        #expect(slips.count == 42)
        let pdfs = try archive.workspace.printCopies(of: slips, into: archive.path("pdf"))
        return try zip(slips, pdfs).map { slip, pdf in
            let matter = slip.split(separator: "/").map(String.init).first { $0.hasPrefix("2026-") } ?? ""
            return (slip, matter, try RenderedPDF(pdf))
        }
    }

    /// Per example matter: the characters of its 办理要求 and its number of 协办单位.
    static func exampleSizes() throws -> [String: (requirements: Int, coUnits: Int)] {
        var sizes: [String: (Int, Int)] = [:]
        for file in ShippedFiles.examples {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file)))
            for case let matter as [String: Any] in (json as? [Any]) ?? [] {
                guard let id = matter["编号"] as? String else { continue }
                let requirements = (matter["办理要求"] as? [String])?.reduce(0) { $0 + $1.count } ?? 0
                sizes[id] = (requirements, (matter["协办单位"] as? [Any])?.count ?? 0)
            }
        }
        return sizes
    }

    @Test("every 催办单, 退办单 and 转阅单 on one page; a 通知单 with ≤ 300 characters of 办理要求 and ≤ 3 协办单位 too; none over two")
    func pageCounts() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        let sizes = try Self.exampleSizes()
        var counts: [Int: Int] = [:]
        for (slip, matter, pdf) in try Self.quarterPDFs(archive) {
            let name = URL(fileURLWithPath: slip).lastPathComponent
            counts[pdf.pages, default: 0] += 1
            if name.hasPrefix("督查通知单") {
                let size = try #require(sizes[matter], "no example record for \(matter)")
                #expect(pdf.pages <= 2, "\(name): \(pdf.pages) pages")
                if size.requirements <= 300 && size.coUnits <= 3 {
                    #expect(
                        pdf.pages == 1, "\(name) (\(size.requirements) 字, \(size.coUnits) 协办单位): \(pdf.pages) pages")
                }
            } else {
                #expect(pdf.pages == 1, "\(name): \(pdf.pages) pages")
            }
        }
        #expect((counts[1] ?? 0) >= 35, "\(counts)")
    }

    @Test(
        "no blank page; the closing paragraph and the 落款 share a page with the table's last row; the stand-in fonts embedded"
    )
    func closingAndInk() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        for (slip, _, pdf) in try Self.quarterPDFs(archive) {
            try Self.checkFlow(pdf, name: URL(fileURLWithPath: slip).lastPathComponent)
            let fonts = try pdf.fonts()
            #expect(!fonts.isEmpty && fonts.allSatisfy(\.embedded), "\(slip): \(fonts)")
            // The stand-ins scripts/install-dependencies.sh installs: 仿宋 body, 楷体 签发人, the heaviest Noto Serif
            // CJK for the 小标宋 title.
            for standIn in ["FandolFang", "FandolKai", "NotoSerifCJK", "Black"] where TestEnvironment.hasStandInFonts {
                #expect(
                    fonts.contains { $0.name.contains(standIn) }, "\(slip) embeds no \(standIn): \(fonts.map(\.name))")
            }
        }
    }

    /// No page without ink inside the 版心; the page that holds the closing paragraph also holds the 落款 (the
    /// office's name and the date after it) and the last rows of the table (督查员, 附件, 备注).
    static func checkFlow(_ pdf: RenderedPDF, name: String) throws {
        var closingPage: Int?
        for page in 1...pdf.pages {
            let ink = try pdf.image(page: page).box(fromTop: 36, toTop: 262, matching: PageImage.isInk)
            #expect(ink != nil, "\(name): page \(page) of \(pdf.pages) is blank")
            let text = try pdf.text(page: page)
            if text.contains("区政府督查室（联系电话") { closingPage = page }
        }
        let page = try #require(closingPage, "\(name): no closing paragraph found")
        let text = try pdf.text(page: page)
        let afterClosing = text.components(separatedBy: "区政府督查室（联系电话").last ?? ""
        #expect(afterClosing.contains("北京市西城区人民政府督查室"), "\(name): the 署名 is not on page \(page)")
        #expect(
            afterClosing.range(of: "20[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日", options: .regularExpression) != nil,
            "\(name): the 成文日期 is not on page \(page)")
        let beforeClosing = text.components(separatedBy: "区政府督查室（联系电话").first ?? ""
        #expect(
            ["督查员", "附件", "备注"].contains { beforeClosing.contains($0) },
            "\(name): the closing paragraph on page \(page) is without the table")
    }

    @Test("GB/T 9704 geometry on the page: 订口 28 mm, 天头 37 mm, 版心 156 mm wide; page numbers odd right, even left")
    func geometry() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        var seenEven = false
        for (slip, _, pdf) in try Self.quarterPDFs(archive) {
            let name = URL(fileURLWithPath: slip).lastPathComponent
            for page in 1...pdf.pages {
                let image = try pdf.image(page: page)
                let body = try #require(
                    image.box(fromTop: 0, toTop: 262, matching: PageImage.isInk), "\(name) p\(page)")
                #expect(abs(body.left - 28) <= 1 && abs(body.width - 156) <= 1, "\(name) p\(page): \(body)")
                #expect(abs(body.top - 37) <= 1, "\(name) p\(page): 天头 \(body)")
                if page == 1 {
                    let red = try #require(
                        image.box(fromTop: 37, toTop: 110, matching: PageImage.isRed), "\(name): no red 版头")
                    #expect(abs(red.left - 28) <= 1 && abs(red.width - 156) <= 1, "\(name): red rule \(red)")
                    let rules = image.rules(fromTop: red.bottom, toTop: 262, length: 150)
                    #expect(!rules.isEmpty, "\(name): no full-width table rule")
                }
                // 页码 "— N —": 4号, a dash about 7 mm below the 版心; odd pages 居右空一字, even pages 居左空一字.
                let number = try #require(
                    image.box(fromTop: 263, toTop: 285, matching: PageImage.isInk), "\(name) p\(page): no page number")
                #expect(number.top < 272, "\(name) p\(page): page number at \(number)")
                if page % 2 == 1 {
                    #expect(abs(number.right - (184 - 4.9)) <= 1.5, "\(name) p\(page): odd page number \(number)")
                } else {
                    seenEven = true
                    #expect(abs(number.left - (28 + 4.9)) <= 1.5, "\(name) p\(page): even page number \(number)")
                }
                let footer = try pdf.text(page: page).suffix(8)
                #expect(footer.contains("—\(page)—"), "\(name) p\(page): footer \(footer)")
            }
        }
        #expect(seenEven, "no two-page slip to check an even page number on")
    }

    @Test("synthetic extremes flow onto more pages, the table's header row repeats, never a blank page or a lone 落款")
    func extremes() throws {
        let archive = try TestArchive()
        defer { archive.remove() }
        let records = archive.path("极端.json")
        try Data(Self.extremeRecords.utf8).write(to: URL(fileURLWithPath: records))
        let intake = try archive.takeIn([records])
        #expect(intake.problems.isEmpty, "\(intake.problems)")
        let slips = try archive.write { office -> [String] in
            let notices = try office.assign(["X-UNITS", "X-LONG"])
            #expect(notices.problems.isEmpty, "\(notices.problems)")
            let transfer = try office.transfer("X-COMMENT", date: try CivilDate.on("2026-02-02"))
            return notices.slips.map(\.path) + [try #require(transfer.slip).path]
        }
        #expect(slips.count == 3)
        let pdfs = try archive.workspace.printCopies(of: slips, into: archive.path("pdf")).map(RenderedPDF.init)
        for (slip, pdf) in zip(slips, pdfs) {
            let name = URL(fileURLWithPath: slip).lastPathComponent
            #expect(pdf.pages >= 2, "\(name): \(pdf.pages) page(s)")
            try Self.checkFlow(pdf, name: name)
            // The header row (督查事项 or 批示件, with the matter's name) opens every page the table runs onto.
            let first = try pdf.text(page: 1)
            let label = first.contains("督查事项") ? "督查事项" : "批示件"
            var page = 2
            while page <= pdf.pages, !(try pdf.text(page: page - 1)).contains("区政府督查室（联系电话") {
                // A page the table runs onto opens with its header row, or with the table's last rows that keep
                // with the closing paragraph.
                let text = try pdf.text(page: page)
                #expect(
                    text.hasPrefix(label) || text.hasPrefix("督查员"),
                    "\(name) p\(page) does not open with the header row: \(text.prefix(30))")
                page += 1
            }
        }
    }

    /// Three matters at the edges: 12 协办单位 (and 300 characters of 办理要求); a 3,000-character 办理要求; a 转阅 matter with a 1,000-character 领导批示.
    static var extremeRecords: String {
        func unit(_ i: Int) -> String {
            #"{"名称": "区第\#(i)协办单位", "联系人": "联系人\#(i)", "电话": "010-832900\#(String(format: "%02d", i))"}"#
        }
        let paragraph = String(repeating: "请认真落实督查要求，逐项明确责任和完成时间，按时报送。", count: 11)  // 27 × 11 = 297
        let long = (0..<10).map { "\"\(paragraph)第\($0 + 1)项。\"" }.joined(separator: ", ")
        let comment = String(repeating: "请有关部门高度重视，认真研究，抓好落实，及时报告进展情况。", count: 36)  // 28 × 36 = 1,008
        func matter(_ id: String, handling: String, units: Int, requirements: String, comment: String? = nil) -> String
        {
            let lead = comment.map { #", "领导批示": {"领导": "区长", "日期": "2026-01-20", "内容": "\#($0)"}"# } ?? ""
            return #"""
                {"编号": "\#(id)", "事项名称": "极端情形\#(id)", "事项类型": "\#(comment == nil ? "重点任务" : "领导批示")",
                 "办理方式": "\#(handling)", "事项来源": "领导批示和交办事项", "立项依据": "测试用的立项依据"\#(lead),
                 "主责单位": {"名称": "区住房城市建设委", "联系人": "钱晓峰", "电话": "010-83292235"},
                 "协办单位": [\#((0..<units).map { unit($0 + 1) }.joined(separator: ", "))],
                 "办理要求": [\#(requirements)], "立项日期": "2026-02-02", "交办日期": "2026-02-02",
                 "办理时限": "2026-03-02",
                 "媒体曝光": false, "督查员": {"姓名": "张博", "电话": "010-83291236"}}
                """#
        }
        return "["
            + [
                matter("X-UNITS", handling: "督办", units: 12, requirements: "\"\(paragraph)\""),
                matter("X-LONG", handling: "督办", units: 2, requirements: long),
                matter("X-COMMENT", handling: "转阅", units: 3, requirements: "\"请认真阅研。\"", comment: comment),
            ].joined(separator: ",\n") + "]"
    }
}
