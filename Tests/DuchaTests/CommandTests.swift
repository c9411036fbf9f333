import Foundation
import TestSupport
import Testing

@Suite("Commands: bad input, template check, generic fill, flat output")
struct CommandTests {
    static let shippedTemplate = Workspace.templates + "/督查通知单.fodt"

    func write(_ text: String, to name: String, in workspace: Workspace) throws -> String {
        let path = workspace.directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a file with errors: every error reported, exit 1, nothing of it archived; a good file still is")
    func badIntake() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let good = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: Workspace.examples[0])), as: UTF8.self)
        // Break two records of a copy: a missing field and an impossible date, renaming ids to avoid clashes.
        var bad = good.replacingOccurrences(of: "\"2026-0", with: "\"X2026-0")
        bad = bad.replacingOccurrences(of: "\"办理时限\": \"2026-03-31\"", with: "\"办理时限\": \"2026-02-30\"")
        let first = try #require(bad.range(of: "\"事项名称\""))
        bad.replaceSubrange(first, with: "\"事项名\"")
        let badPath = try write(bad, to: "bad.json", in: workspace)
        let result = try workspace.ducha(["intake", badPath, Workspace.examples[1]])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.json:记录 1（X2026-0"))
        #expect(result.stderr.contains(":事项名称: 缺少必填字段"))
        #expect(result.stderr.contains(":事项名: 不是可用的字段名"))
        let archived = try workspace.bags()
        #expect(!archived.contains { $0.contains("X2026") }, "nothing of the bad file may be archived")
        #expect(!archived.isEmpty, "the good file is archived")
    }

    @Test("an archived matter is never changed by intake of a different record with its id")
    func archivedIsKept() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        _ = try workspace.mainJob()
        let before = try workspace.snapshot()
        let original = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: Workspace.examples[0])), as: UTF8.self)
        let changed = try write(
            original.replacingOccurrences(of: "\"事项名称\": \"", with: "\"事项名称\": \"改："), to: "changed.json",
            in: workspace)
        let result = try workspace.ducha(["intake", changed])
        #expect(result.status == 1)
        #expect(result.stderr.contains("已归档的内容不会被覆盖"))
        #expect(try workspace.snapshot() == before)
    }

    @Test("template check passes the shipped template and catches an unknown field and an unclosed section")
    func templateCheck() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let ok = try workspace.ducha(["template", "check", Self.shippedTemplate], archiveOptions: false)
        #expect(ok.status == 0, "\(ok.stdout)")
        let shipped = String(decoding: try Data(contentsOf: URL(fileURLWithPath: Self.shippedTemplate)), as: UTF8.self)
        #expect(shipped.contains("{{主责单位.名称}}") && shipped.contains("{{/协办单位}}"))
        let unknown = try write(
            shipped.replacingOccurrences(of: "{{主责单位.名称}}", with: "{{主责单位.全称}}"), to: "unknown.fodt",
            in: workspace)
        let r1 = try workspace.ducha(["template", "check", unknown], archiveOptions: false)
        #expect(r1.status == 1)
        #expect(r1.stdout.contains("未知字段“主责单位.全称”"))
        let unclosed = try write(
            shipped.replacingOccurrences(of: "{{/协办单位}}", with: ""), to: "unclosed.fodt", in: workspace)
        let r2 = try workspace.ducha(["template", "check", unclosed], archiveOptions: false)
        #expect(r2.status == 1)
        #expect(r2.stdout.contains("区块 {{#协办单位}} 没有结束标签"))
    }

    @Test("fill: any template with any JSON data, as .odt and .fodt")
    func genericFill() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let template = try write(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3" \
            office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>\
            <text:p>{{标题}}：{{#人员}}{{姓名}}（{{生日|日期}}）{{/人员}}</text:p></office:text></office:body></office:document>
            """, to: "generic.fodt", in: workspace)
        let data = try write(
            #"{"标题": "名单 & 说明", "人员": [{"姓名": "甲", "生日": "1990-01-02"}, {"姓名": "乙", "生日": "1991-12-31"}]}"#,
            to: "data.json", in: workspace)
        for output in ["out.odt", "out.fodt"] {
            let path = workspace.directory.appendingPathComponent(output).path
            let result = try workspace.ducha(
                ["fill", template, data, "-o", path, "--date", "2026-03-05"], archiveOptions: false)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: path))
        }
        let flat = String(
            decoding: try Data(contentsOf: workspace.directory.appendingPathComponent("out.fodt")), as: UTF8.self)
        #expect(flat.contains("名单 &amp; 说明：甲（1990年1月2日）乙（1991年12月31日）"))
    }

    @Test(
        "notice --format fodt writes a flat document valid against the ODF 1.3 schema",
        .enabled(if: TestEnvironment.shouldRun(needing: "xmllint", "odf-schema"), "xmllint or the ODF schema missing"))
    func flatNotice() throws {
        let xmllint = try #require(TestEnvironment.which("xmllint"), "xmllint is required in CI")
        let schema = try #require(TestEnvironment.schemaDirectory, "the ODF schema is required in CI")
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.ducha(["intake"] + Workspace.examples).status == 0)
        let result = try workspace.ducha(["notice", "2026-001", "--format", "fodt"])
        #expect(result.status == 0, "\(result.stderr)")
        let flat = try #require(try workspace.documents(".fodt").first)
        let check = try run(xmllint, ["--noout", "--relaxng", schema + "/OpenDocument-v1.3-schema.rng", flat])
        #expect(check.status == 0, "\(check.stderr)")
    }
}
