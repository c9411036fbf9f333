import Foundation
import Matters
import ODF
import Rendering
import TestSupport
import Testing

@testable import Filling

/// A matter with every field a 通知单 shows, including text that needs escaping.
func sampleMatter() -> Matter {
    func unit(_ name: String, _ person: String) -> FieldValue {
        .record(FieldRecord([("名称", .text(name)), ("联系人", .text(person)), ("电话", .text("010-83290001"))]))
    }
    return Matter(
        values: FieldRecord([
            ("编号", .text("2026-901")),
            ("事项名称", .text("推进R&D <研发> \"孵化\" 'A' ]]> 平台建设")),
            ("事项类型", .text("领导批示")),
            ("事项来源", .text("领导批示和交办事项")),
            ("立项依据", .text("区长批示件（西办批〔2026〕7号）")),
            (
                "领导批示",
                .record(
                    FieldRecord([
                        ("领导", .text("区长")), ("日期", .date(CivilDate(year: 2026, month: 2, day: 24)!)),
                        ("内容", .text("请督查室督办。\n务求实效。")),
                    ])
                )
            ),
            ("主责单位", unit("区科信局", "朱镕")),
            ("协办单位", .list([unit("区财政局", "吉𠮷祥"), unit("金融街街道", "王五")])),
            ("办理要求", .list([.text("第一段要求。"), .text("第二段  要求。")])),
            ("立项日期", .date(CivilDate(year: 2026, month: 2, day: 25)!)),
            ("交办日期", .date(CivilDate(year: 2026, month: 2, day: 26)!)),
            ("办理时限", .date(CivilDate(year: 2026, month: 3, day: 31)!)),
            ("紧急程度", .text("加急")),
            ("督查员", .record(FieldRecord([("姓名", .text("李督查")), ("电话", .text("010-83291234"))]))),
        ]))
}

let sampleOffice = OfficeProfile(
    name: "北京市西城区人民政府督查室", parent: "北京市西城区人民政府办公室", signer: "王建国", phone: "010-83291234",
    numberPrefixes: ["督查通知单": "西督通"])

/// Fills a template file with the sample matter and packages it.
func renderSample(template path: URL) throws -> (bytes: [UInt8], content: XMLElement) {
    let bytes = [UInt8](try Data(contentsOf: path))
    let template = try FormTemplate.load(
        bytes: bytes, name: path.lastPathComponent, schema: FormCatalogue.schema(for: .notice))
    let data = FormCatalogue.data(
        form: .notice, matter: sampleMatter(), number: DocumentNumber(prefix: "西督通", year: 2026, serial: 7),
        date: CivilDate(year: 2026, month: 2, day: 26)!, office: sampleOffice)
    let filled = template.fill(data)
    #expect(filled.report.problems.isEmpty)
    let package = try DocumentRenderer.package(
        filled.document, meta: DocumentMeta(title: "督查通知单", subject: "s", matterID: "2026-901", date: (2026, 2, 26)))
    return (package, try XMLDocumentParser.parse(filled.document.content, source: "content.xml"))
}

@Suite("Templates saved by LibreOffice and the shipped 通知单 template")
struct LibreOfficeTemplateTests {
    static let fixtures = TestEnvironment.fixtures(of: "FillingTests")
    static let shipped = TestEnvironment.packageRoot.appendingPathComponent("Templates/督查通知单.fodt")

    /// Every value the slip must show, as the reader sees it.
    static func expectShowsSample(_ content: XMLElement) {
        let text = paragraphTexts(content).joined(separator: "\n")
        for value in [
            "推进R&D <研发> \"孵化\" 'A' ]]> 平台建设", "区科信局", "朱镕", "区财政局", "吉𠮷祥", "金融街街道", "2026年3月31日",
            "西督通〔2026〕7号", "第一段要求。", "第二段  要求。", "请督查室督办。\n务求实效。", "2026年2月26日",
        ] {
            #expect(text.contains(value), "missing \(value)")
        }
        #expect(!text.contains("{{"), "a tag was left unfilled")
    }

    @Test("the LibreOffice fixture really has tags split by spans")
    func fixtureIsSplit() throws {
        let package = try ODFPackageReader(
            bytes: [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("督查通知单-LibreOffice编辑.odt"))),
            source: "fixture")
        let content = try #require(package.parts.first { $0.path == "content.xml" })
        let xml = String(decoding: content.data, as: UTF8.self)
        #expect(!xml.contains("{{事项名称}}"), "the fixture should have 事项名称's tag split across spans")
        #expect(xml.contains("loext:") || xml.contains("officeooo:"), "the fixture should be saved in extended mode")
    }

    @Test("a template LibreOffice saved after editing (tags split by rsid spans, extended ODF) fills correctly")
    func libreOfficeEdited() throws {
        for name in ["督查通知单-LibreOffice编辑.odt", "督查通知单-LibreOffice编辑.fodt"] {
            let (_, content) = try renderSample(template: Self.fixtures.appendingPathComponent(name))
            Self.expectShowsSample(content)
        }
    }

    @Test("the shipped template fills every value")
    func shippedTemplate() throws {
        Self.expectShowsSample(try renderSample(template: Self.shipped).content)
    }

    @Test(
        "filled documents are strictly valid ODF 1.3, also from the LibreOffice-edited template", .tags(.slow),
        .unlessSkippingSlow, .needs("check-odt"))
    func strictlyValid() throws {
        let directory = try TestEnvironment.temporaryDirectory("ducha-filling")
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for template in [Self.shipped, Self.fixtures.appendingPathComponent("督查通知单-LibreOffice编辑.odt")] {
            let out = directory.appendingPathComponent(template.deletingPathExtension().lastPathComponent + ".odt")
            try Data(try renderSample(template: template).bytes).write(to: out)
            files.append(out.path)
        }
        let failures = try TestEnvironment.checkODTFailures(files)
        #expect(failures == nil, "\(failures ?? "")")
    }
}
