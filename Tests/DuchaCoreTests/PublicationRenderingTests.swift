import DuchaCore
import Foundation
import TestSupport
import Testing

/// The bulletin and the assessment sheet are strictly valid ODF, LibreOffice converts them, and the chart
/// Ducha draws shows on the rendered page.
@Suite("Bulletin and assessment documents")
struct PublicationRenderingTests {
    /// An archive with the 2026Q1 bulletin and the sheet as of 2026-03-31; their paths (.odt, .odt, .ods).
    func published() throws -> (TestArchive, bulletin: String, sheet: String, spreadsheet: String) {
        let archive = try Publications.quarter()
        let bulletin = try #require(try Publications.bulletin(archive).publication.paths.first)
        let files = try Publications.assessment(archive).publication.paths
        #expect(files.count == 2 && files.first?.hasSuffix(".odt") == true && files.last?.hasSuffix(".ods") == true)
        return (archive, bulletin, try #require(files.first), try #require(files.last))
    }

    @Test(
        "the bulletin (.odt with its SVG chart) and the sheet (.odt and .ods) pass check-odt strictly",
        .tags(.slow), .unlessSkippingSlow,
        .enabled(if: TestEnvironment.shouldRun(needing: "check-odt"), "check-odt, xmllint or the ODF schema missing"))
    func strict() throws {
        let (archive, bulletin, sheet, spreadsheet) = try published()
        defer { archive.remove() }
        let failures = try TestEnvironment.checkODTFailures(
            [bulletin, sheet, spreadsheet], extraArguments: ["--mimetype", "any"])
        #expect(failures == nil, "\(failures ?? "")")
        let manifest = try Publications.part("META-INF/manifest.xml", of: bulletin)
        #expect(
            manifest.contains(#"manifest:full-path="Pictures/chart-units.svg" manifest:media-type="image/svg+xml""#))
        let ods = try Publications.entries(spreadsheet)
        #expect(
            String(decoding: ods["mimetype"] ?? Data(), as: UTF8.self)
                == "application/vnd.oasis.opendocument.spreadsheet")
    }

    @Test(
        "the shipped templates are strictly valid flat ODF 1.3",
        .enabled(if: TestEnvironment.shouldRun(needing: "xmllint", "odf-schema"), "xmllint or the ODF schema missing"))
    func templatesValid() throws {
        let xmllint = try #require(TestEnvironment.which("xmllint"), "xmllint is required in CI")
        let schema = try #require(TestEnvironment.schemaDirectory, "the ODF schema is required in CI")
        for name in ["西城政务督查.fodt", "督考合一考评表.fodt"] {
            let result = try run(
                xmllint,
                ["--noout", "--relaxng", schema + "/OpenDocument-v1.3-schema.rng", TestArchive.templates + "/" + name])
            #expect(result.status == 0, "\(name): \(result.stderr)")
        }
    }

    @Test(
        "LibreOffice converts all three; the chart area above 图1 on the rendered page is drawn, not blank",
        .tags(.libreOffice), .unlessSkippingSlow,
        .enabled(
            if: TestEnvironment.shouldRun(needing: "soffice", "pdftoppm", "pdftotext"),
            "LibreOffice or poppler-utils missing"))
    func rendered() throws {
        let soffice = try #require(TestEnvironment.which("soffice"), "LibreOffice is required in CI")
        let pdftoppm = try #require(TestEnvironment.which("pdftoppm"), "pdftoppm (poppler-utils) is required in CI")
        let pdftotext = try #require(TestEnvironment.which("pdftotext"), "pdftotext (poppler-utils) is required in CI")
        let (archive, bulletin, sheet, spreadsheet) = try published()
        defer { archive.remove() }
        let out = archive.directory.appendingPathComponent("pdf").path
        let profile = archive.directory.appendingPathComponent("lo-profile").absoluteString
        // The sheet's .odt and .ods share a base name: give each PDF its own.
        var copies: [String] = []
        for (file, name) in [(bulletin, "bulletin.odt"), (sheet, "sheet.odt"), (spreadsheet, "spreadsheet.ods")] {
            let copy = archive.directory.appendingPathComponent(name).path
            try FileManager.default.copyItem(atPath: file, toPath: copy)
            copies.append(copy)
        }
        let conversion = try run(
            soffice,
            ["-env:UserInstallation=\(profile)", "--headless", "--convert-to", "pdf", "--outdir", out] + copies)
        #expect(conversion.status == 0, "\(conversion.stderr)")
        let total = Publications.figures(try Publications.ledger(archive, on: "2026-03-31"), asOf: "2026-03-31").total
        let tenths = Int((Double(total.onTime) / Double(max(1, total.due)) * 1000).rounded())
        let rate = "\(tenths / 10).\(tenths % 10)%"
        for name in ["sheet", "spreadsheet"] {
            let text = try run(pdftotext, ["-enc", "UTF-8", "\(out)/\(name).pdf", "-"]).stdout.filter {
                !$0.isWhitespace
            }
            for expected in ["督考合一考评表", "西督考〔2026〕1号", "合计", "区城市管理委", "涉密事项（不列单位）", rate] {
                #expect(text.contains(expected), "\(name).pdf lacks \(expected)")
            }
        }
        let bulletinPDF = out + "/bulletin.pdf"
        let bulletinText = try run(pdftotext, ["-enc", "UTF-8", bulletinPDF, "-"]).stdout.filter { !$0.isWhitespace }
        #expect(bulletinText.contains("西城政务督查") && bulletinText.contains("（共印40份）"))

        // Find the caption "图1" and look at the 156 × 80 mm above it.
        let boxes = try run(pdftotext, ["-bbox", "-enc", "UTF-8", bulletinPDF, "-"]).stdout
        var page = 0
        var caption: Double?
        for line in boxes.split(separator: "\n") {
            if line.contains("<page ") { page += 1 }
            if line.contains(">图1") || line.contains(">图1　") {
                caption = attribute("yMin", in: String(line))
                break
            }
        }
        let top = try #require(caption, "no 图1 caption in the bulletin's PDF")
        let points = 72.0 / 25.4
        let (x, y) = (Int(28 * points), Int(max(0, top - 82 * points)))
        let (width, height) = (Int(156 * points), Int(top) - y - 2)
        let image = try run(
            pdftoppm,
            [
                "-r", "72", "-f", String(page), "-l", String(page), "-x", String(x), "-y", String(y), "-W",
                String(width), "-H",
                String(height), "-singlefile", bulletinPDF, out + "/chart",
            ])
        #expect(image.status == 0, "\(image.stderr)")
        let pixels = try ppm(out + "/chart.ppm")
        let inked = pixels.filter { $0.r < 200 || $0.g < 200 || $0.b < 200 }.count
        let blue = pixels.filter { Int($0.b) > Int($0.r) + 80 }.count
        let green = pixels.filter { Int($0.g) > Int($0.r) + 40 && Int($0.g) > Int($0.b) + 40 }.count
        #expect(
            Double(inked) / Double(max(1, pixels.count)) > 0.05, "chart area nearly blank: \(inked) of \(pixels.count)")
        #expect(blue > 200 && green > 50, "no bars: blue \(blue), green \(green)")
    }

    /// A number attribute of a pdftotext -bbox line.
    func attribute(_ name: String, in line: String) -> Double? {
        guard let range = line.range(of: name + "=\"") else { return nil }
        return Double(line[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The pixels of a binary PPM (P6, 8 bits).
    func ppm(_ path: String) throws -> [(r: UInt8, g: UInt8, b: UInt8)] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var fields: [String] = []
        var index = 0
        var current = ""
        while fields.count < 4 && index < bytes.count {
            let c = bytes[index]
            index += 1
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") {
                if !current.isEmpty {
                    fields.append(current)
                    current = ""
                }
            } else {
                current.append(Character(UnicodeScalar(c)))
            }
        }
        #expect(fields.first == "P6" && fields.last == "255", "not an 8-bit PPM: \(fields)")
        return stride(from: index, to: bytes.count - 2, by: 3).map { (bytes[$0], bytes[$0 + 1], bytes[$0 + 2]) }
    }
}
