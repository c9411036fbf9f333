import Foundation
import TestSupport
import Testing

@Suite("ducha check and ducha key")
struct CheckCommandTests {
    @Test("check passes the example year and writes the report three ways; a world-readable 涉密 file makes it exit 1")
    func checkYear() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.batch().status == 0)
        let report = workspace.directory.appendingPathComponent("报告").path
        let arguments = [
            "check", "--year", "2026", "--date", "2026-04-01", "--report", report,
        ]
        let sound = try workspace.ducha(arguments)
        #expect(sound.status == 0, "\(sound.output)")
        #expect(sound.stdout.contains("GD-1-1 固化信息有效性检测：数字摘要（SHA-256 与 SM3 清单）：通过"))
        #expect(sound.stdout.contains("结论：通过"))
        for name in ["检测报告.odt", "检测报告.ods", "检测报告.json"] {
            #expect(FileManager.default.fileExists(atPath: report + "/" + name), "\(name)")
        }
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o644], ofItemAtPath: workspace.archive + "/2026/2026-025/data/matter.xml")
        let failed = try workspace.ducha(arguments)
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("GD-4-7 操作过程安全性检测：存储权限（涉密文件仅本人可读）：不通过"), "\(failed.stdout)")
        #expect(failed.stdout.contains("2026/2026-025/data/matter.xml：涉密文件权限为 644"))
        let bad = try workspace.ducha(
            ["check", "--stage", "中途"])
        #expect(bad.status != 0 && bad.stderr.contains("--stage"), "\(bad.stderr)")
    }

    @Test(
        "check validates strictly with the schemas of --odf-schema or $DUCHA_ODF_SCHEMA; a folder without them is refused, and none found says 未检测",
        .needs("odf-schema"))
    func odfSchema() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.batch().status == 0)
        let schema = try #require(TestEnvironment.schemaDirectory)
        let report = workspace.directory.appendingPathComponent("报告").path
        let arguments = ["check", "--year", "2026", "--date", "2026-04-01", "--report", report]
        let item = "GD-3-4 内容数据的可读性检测（文档能打开，ODF 严格符合 1.3 模式）："
        let strict = try workspace.ducha(arguments + ["--odf-schema", schema])
        #expect(strict.status == 0 && strict.stdout.contains(item + "通过"), "\(strict.output)")
        let json = try String(contentsOfFile: report + "/检测报告.json", encoding: .utf8)
        #expect(json.contains("个部件已按 ODF 1.3 RELAX NG 模式严格校验（\(schema)"), "\(json.prefix(2000))")
        let named = try workspace.ducha(arguments, environment: ["DUCHA_ODF_SCHEMA": schema])
        #expect(named.status == 0 && named.stdout.contains(item + "通过"), "\(named.output)")
        let empty = workspace.directory.appendingPathComponent("空目录").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let refused = try workspace.ducha(arguments + ["--odf-schema", empty])
        #expect(refused.status == 64, "\(refused.output)")
        #expect(
            refused.stderr.contains("--odf-schema 给出的目录 \(empty) 中没有 OpenDocument-v1.3-schema.rng"), "\(refused.stderr)"
        )
        let missing = try workspace.ducha(arguments, environment: ["DUCHA_ODF_SCHEMA": empty])
        #expect(missing.status == 0 && missing.stdout.contains(item + "未检测"), "\(missing.output)")
        #expect(missing.stdout.contains("环境变量 DUCHA_ODF_SCHEMA 给出的目录 \(empty) 中没有"), "\(missing.stdout)")
    }

    @Test("key init makes an owner-only private key and exports the public one, and never replaces a key")
    func keyInit() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let exported = workspace.directory.appendingPathComponent("公钥.pem").path
        let created = try workspace.ducha(
            ["key", "init", "--export-public", exported])
        #expect(created.status == 0, "\(created.output)")
        #expect(created.stdout.contains("公钥 SM3 指纹："))
        let mode =
            try FileManager.default.attributesOfItem(atPath: workspace.archive + "/.keys/sm2-private.pem")[
                .posixPermissions] as? Int
        #expect(mode.map { $0 & 0o777 } == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: workspace.archive + "/.keys")[.posixPermissions]
        #expect((folder as? Int).map { $0 & 0o077 } == 0)
        let pem = try String(contentsOfFile: exported, encoding: .utf8)
        #expect(pem.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        #expect(try String(contentsOfFile: workspace.archive + "/.keys/sm2-public.pem", encoding: .utf8) == pem)
        let again = try workspace.ducha(["key", "init"])
        #expect(again.status != 0 && again.stderr.contains("不会覆盖"), "\(again.output)")
    }
}
