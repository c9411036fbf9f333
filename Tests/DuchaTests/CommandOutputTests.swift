import Foundation
import TestSupport
import Testing

/// One smoke test per command: what it prints and its exit status are as the README says. (What the commands
/// do is tested in-process in DuchaCoreTests; bad input, template check and fill are in ``CommandTests``,
/// intake and notice in ``MainJobTests``.)
@Suite("Each command's output and exit status")
struct CommandOutputTests {
    /// Exit status of a command line that fails validation (ArgumentParser's, EX_USAGE).
    static let usage: Int32 = 64

    /// A workspace after the example batch.
    func exampleArchive() throws -> Workspace {
        let workspace = try Workspace()
        let result = try workspace.batch()
        #expect(result.status == 0, "\(result.stderr)")
        return workspace
    }

    @Test("batch prints its summary and every refusal, one a line, and exits 1; again, it issues nothing")
    func batch() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try workspace.batch([Workspace.forbidden])
        #expect(result.status == 1)
        for line in [
            "季末批处理（截至 2026-03-31）", "事项：新归档 33 个，已在档未变 0 个", "事件：新记录 78 个，已记录未变 0 个",
            "签发单据：42 份", "《西城政务督查》第1期：已印发 ", "问题：7 处（见标准错误输出）",
        ] {
            #expect(result.stdout.contains(line), "no “\(line)” in \(result.stdout)")
        }
        let refusals = result.stderr.split(separator: "\n").filter { $0.contains("不允许的事件.json:记录 ") }
        #expect(refusals.count == 7, "\(result.stderr)")
        #expect(refusals.allSatisfy { $0.contains("（当前状态：") && $0.contains("不能在 2026-") }, "\(refusals)")
        #expect(refusals.first?.contains(":事件“催办”: 事项 2026-002（当前状态：已签收）") == true, "\(refusals)")
        let again = try workspace.batch()
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("签发单据：0 份") && again.stdout.contains("问题：0 处"), "\(again.stdout)")
        #expect(again.stdout.contains("《西城政务督查》第1期：已在档未变 "))
    }

    @Test("status prints the ledger as a table, as CSV with a byte order mark, and as JSON")
    func status() throws {
        let workspace = try exampleArchive()
        defer { workspace.remove() }
        let table = try workspace.ducha(["status", "--as-of", "2026-03-31"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 34 && lines.first?.hasPrefix("编号") == true && lines.first?.contains("灯") == true)
        #expect(lines.contains { $0.hasPrefix("2026-001") && $0.contains("逾期") && $0.contains("红") })
        let csv = try workspace.ducha(["status", "--as-of", "2026-03-31", "--format", "csv"])
        #expect(csv.status == 0 && csv.stdout.hasPrefix("\u{FEFF}编号,事项名称,事项类型,"))
        #expect(csv.stdout.split(separator: "\r\n").count == 34)
        let json = try workspace.ducha(["status", "--as-of", "2026-03-31", "--format", "json"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["截至"] as? String == "2026-03-31")
        let rows = try #require(object?["事项"] as? [[String: Any]])
        #expect(rows.count == 33)
        let first = try #require(rows.first)
        #expect(first["编号"] as? String == "2026-001" && first["灯"] as? String == "红" && first["逾期"] as? Bool == true)
        #expect(first["催办次数"] as? Int == 1 && first["涉密"] as? Bool == false)
    }

    @Test("transfer, return and remind print the slip they filed; a refused reminder exits 1 with its reason")
    func slipCommands() throws {
        let workspace = try exampleArchive()
        defer { workspace.remove() }
        let commands: [(arguments: [String], printed: String)] = [
            (
                [
                    "transfer", "2026-023", "--mode", "研办", "--feedback-by", "2026-04-15", "--date", "2026-02-09",
                    "--opinion", "请区发展改革委研究提出落实意见。",
                ], "2026-023 《领导批示转阅（办）单》西督转〔2026〕"
            ),
            (
                [
                    "return", "2026-006", "--reason", "事实不清", "--reason", "数字不准确", "--other", "缺少第三方报告。",
                    "--resubmit-by", "2026-04-10", "--date", "2026-04-01",
                ], "2026-006 《督查退办单》西督退〔2026〕"
            ),
            (["remind", "2026-001", "--date", "2026-04-10"], "2026-001 《督查催办单》西督催〔2026〕"),
        ]
        for (arguments, printed) in commands {
            let result = try workspace.ducha(arguments)
            #expect(result.status == 0, "\(arguments[0]): \(result.stderr)")
            #expect(result.stdout.hasPrefix(printed), "\(result.stdout)")
            let path = result.stdout.split(separator: "：").last.map { $0.trimmingCharacters(in: .newlines) } ?? ""
            #expect(path.hasSuffix(".odt") && FileManager.default.fileExists(atPath: path), "\(path)")
        }
        let refused = try workspace.ducha(["remind", "2026-031", "--date", "2026-04-01"])
        #expect(refused.status == 1 && refused.stdout.isEmpty)
        #expect(
            refused.stderr.contains(
                "事项 2026-031（当前状态：已交办）不能在 2026-04-01 记录“催办”：尚未逾期（办理时限 2026-04-17），无需催办"),
            "\(refused.stderr)")
        let badReason = try workspace.ducha(["return", "2026-006", "--reason", "理由不在清单", "--resubmit-by", "2026-04-10"])
        #expect(badReason.status == Self.usage && badReason.stderr.contains("退办理由“理由不在清单”不在清单中"))
    }

    @Test("verify prints each bag's verdict and exits 0 on a sound archive, 1 when a file changed")
    func verify() throws {
        let workspace = try exampleArchive()
        defer { workspace.remove() }
        let sound = try workspace.ducha(["verify", "--archive", workspace.archive], archiveOptions: false)
        #expect(sound.status == 0, "\(sound.stdout)")
        #expect(sound.stdout.contains("2026/2026-001: 完好") && sound.stdout.contains("共查 34 个档案包，全部完好。"))
        let slip = try #require(try workspace.documents().first { $0.contains("2026-001/") })
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: slip)))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: slip))
        let damaged = try workspace.ducha(["verify", "--archive", workspace.archive], archiveOptions: false)
        #expect(damaged.status == 1)
        #expect(damaged.stdout.contains("2026/2026-001: 1 处问题") && damaged.stdout.contains("已改动：SHA-256"))
        #expect(damaged.stdout.contains("发现 1 处问题。"), "\(damaged.stdout)")
    }

    @Test("bulletin prints the issue and its figures, says so when it is already out, and refuses a bad quarter")
    func bulletin() throws {
        let workspace = try exampleArchive()
        defer { workspace.remove() }
        let q2 = try workspace.ducha(["bulletin", "2026Q2"])
        #expect(q2.status == 0, "\(q2.stderr)")
        #expect(q2.stdout.hasPrefix("《西城政务督查》2026年第2期（2026年第二季度，2026年6月30日印发）：" + workspace.archive))
        #expect(q2.stdout.contains("截至2026年6月30日：在督事项33项（涉密2项）"), "\(q2.stdout)")
        // 第1期 came with the quarter-end batch.
        let q1 = try workspace.ducha(["bulletin", "2026Q1", "--date", "2026-04-03"])
        #expect(q1.status == 0 && q1.stdout.contains("2026年第1期") && q1.stdout.contains("（已出刊，未改变）"))
        #expect(q1.stderr.contains("本期已于 2026-03-31 出刊，沿用原印发日期"))
        for arguments in [["2026Q5"], ["2026"], ["2026Q1", "--date", "2026-03-30"]] {
            let refused = try workspace.ducha(["bulletin"] + arguments)
            #expect(refused.status == Self.usage && refused.stderr.contains("Error: "), "\(arguments)")
        }
    }

    @Test(
        "assess prints the sheet's number, files and rate, says so when unchanged, and refuses a day outside the year")
    func assess() throws {
        let workspace = try exampleArchive()
        defer { workspace.remove() }
        let first = try workspace.ducha(["assess", "2026", "--as-of", "2026-03-31"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("督考合一考评表 西督考〔2026〕1号（截至2026年3月31日）："))
        #expect(first.stdout.contains("1号.odt、") && first.stdout.contains("按时办结率 "), "\(first.stdout)")
        let again = try workspace.ducha(["assess", "2026", "--as-of", "2026-03-31"])
        #expect(again.status == 0 && again.stdout.contains("（已生成，未改变）"))
        let outside = try workspace.ducha(["assess", "2026", "--as-of", "2027-01-01"])
        #expect(outside.status == Self.usage && outside.stderr.contains("截至日期 2027-01-01 不在 2026 年内"))
    }

    @Test(
        "dossier prints the catalogue's 件 and pages and the hand-over package; a year with nothing is refused",
        .tags(.libreOffice), .unlessSkippingSlow,
        .enabled(if: TestEnvironment.shouldRun(needing: "soffice"), "LibreOffice missing"))
    func dossier() throws {
        let workspace = try exampleArchive()
        defer { workspace.remove() }
        let export = workspace.directory.appendingPathComponent("移交.zip").path
        let result = try workspace.ducha(["dossier", "2026", "--export", export])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("归档文件目录："), "\(result.stdout)")
        #expect(result.stdout.contains(" 页 → \(workspace.archive)/2026/dossier\n"))
        #expect(result.stdout.contains("件（涉密 ") && result.stdout.contains("件未收） → \(export)"))
        #expect(FileManager.default.fileExists(atPath: export))
        let empty = try workspace.ducha(["dossier", "2027"])
        #expect(empty.status == Self.usage && empty.stderr.contains("2027 年度没有归档的督查事项"))
    }

    @Test("template ledger writes the workbook and says where; intake takes in its example row")
    func templateLedger() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let path = workspace.directory.appendingPathComponent("台账模板.xlsx").path
        let written = try workspace.ducha(["template", "ledger", "-o", path], archiveOptions: false)
        #expect(written.status == 0 && written.stdout == "已写出 \(path)\n", "\(written.output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let intake = try workspace.ducha(["intake", path])
        #expect(intake.status == 0, "\(intake.stderr)")
        #expect(intake.stdout.contains("新归档 1 个事项"))
    }

    @Test("bench prints each run and the median; counts that are not positive are refused")
    func bench() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let output = workspace.directory.appendingPathComponent("bench").path
        let result = try workspace.ducha(["bench", "--count", "3", "--runs", "2", "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("第 1 次：3 份") && result.stdout.contains("第 2 次：3 份"), "\(result.stdout)")
        #expect(result.stdout.contains("中位数 ") && result.stdout.contains("峰值内存 "))
        let documents = try FileManager.default.contentsOfDirectory(atPath: output + "/run1")
        #expect(documents.filter { $0.hasSuffix(".odt") }.count == 3)
        let refused = try workspace.ducha(["bench", "--count", "0"])
        #expect(refused.status == Self.usage && refused.stderr.contains("--count、--runs 和 --workers 应为正整数"))
    }
}
