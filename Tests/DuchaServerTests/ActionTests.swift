import DuchaCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Matters
import TestSupport
import Testing

@testable import DuchaServer

@Suite("Portal: recording events")
struct ActionTests {
    /// A minimal PDF.
    static let pdf = Array("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".utf8)

    /// The 领导批示 matter the clerk registers, as the form posts it.
    static let matterForm: [String: String] = [
        "f.编号": "2026-101", "f.事项名称": "关于背街小巷夜间照明的批示", "f.事项类型": "领导批示", "f.办理方式": "督办",
        "f.事项来源": "领导批示和交办事项", "f.立项依据": "区领导批示件", "f.领导批示.领导": "王副区长", "f.领导批示.日期": "2026-04-08",
        "f.领导批示.内容": "请区城市管理委会同什刹海街道研究落实。", "f.主责单位.名称": "什刹海街道", "f.办理要求": "一、摸清底数\n二、限期整改",
        "f.立项日期": "2026-04-09", "f.办理时限": "2026-05-29", "f.督查员.姓名": "clerk",
    ]

    /// The same matter as a record file of `ducha intake`.
    static let matterJSON = """
        [{"编号": "2026-101", "事项名称": "关于背街小巷夜间照明的批示", "事项类型": "领导批示", "办理方式": "督办",
          "事项来源": "领导批示和交办事项", "立项依据": "区领导批示件",
          "领导批示": {"领导": "王副区长", "日期": "2026-04-08", "内容": "请区城市管理委会同什刹海街道研究落实。"},
          "主责单位": {"名称": "什刹海街道"}, "办理要求": ["一、摸清底数", "二、限期整改"], "立项日期": "2026-04-09",
          "办理时限": "2026-05-29", "督查员": {"姓名": "clerk"}}]
        """

    /// The same steps as event files of `ducha intake`, with 经办人 the accounts.
    static let eventsJSON = """
        [{"事项": "2026-101", "事件": "交办", "日期": "2026-04-10", "经办人": "clerk"},
         {"事项": "2026-101", "事件": "签收", "日期": "2026-04-10", "经办人": "shichahai", "签收人": "郑文博"},
         {"事项": "2026-101", "事件": "进展", "日期": "2026-04-10", "经办人": "shichahai", "开展情况": "已排查32条街巷",
          "附件": ["排查情况.pdf"]},
         {"事项": "2026-101", "事件": "办理报告", "日期": "2026-04-10", "经办人": "shichahai", "标题": "照明整改情况报告",
          "报告类型": "解决查处问题"},
         {"事项": "2026-101", "事件": "审核", "日期": "2026-04-10", "经办人": "clerk", "结论": "退办",
          "退办理由": ["数字不准确", "未体现办理结果或解决方案"], "重新报送时限": "2026-04-20"},
         {"事项": "2026-101", "事件": "办理报告", "日期": "2026-04-10", "经办人": "shichahai", "标题": "照明整改情况报告（修改稿）",
          "报告类型": "解决查处问题"},
         {"事项": "2026-101", "事件": "审核", "日期": "2026-04-10", "经办人": "clerk", "结论": "通过"},
         {"事项": "2026-101", "事件": "办结", "日期": "2026-04-10", "经办人": "clerk"}]
        """

    @Test("the clerk/unit flow through the portal leaves the archive as the same steps through intake do")
    func flowEqualsIntake() async throws {
        let web = try PortalFixture()
        defer { web.remove() }
        try await web.test { client in
            var clerk = try await Browser.signedIn(client, as: "clerk")
            _ = try await clerk.get("/register")
            var missing = Self.matterForm
            missing["f.办理时限"] = ""
            let refused = try await clerk.post("/register", form: missing)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("field-error"))
            #expect(refused.text.contains("办理时限"))
            let registered = try await clerk.post("/register", form: Self.matterForm)
            #expect(registered.status == .seeOther)
            #expect(registered.headers[.location] == "/matters/2026-101")
            let page = try await clerk.get("/matters/2026-101")
            #expect(page.text.contains(url("/matters/2026-101/events/交办")))
            #expect(page.text.contains("审核：没有待审核的办理报告"))

            _ = try await clerk.get(url("/matters/2026-101/events/交办"))
            #expect(
                try await clerk.post(url("/matters/2026-101/events/交办"), form: ["f.日期": "2026-04-10"]).status
                    == .seeOther)
            let assigned = try await clerk.get("/matters/2026-101?recorded=1")
            #expect(assigned.text.contains("已记录“交办”，单据文号 西督通〔2026〕"))
            let slipLink = try #require(
                assigned.text.components(separatedBy: "href=\"").first {
                    $0.hasPrefix("/matters/2026-101/files/") && $0.contains(".odt")
                })
            let slip = try await clerk.get(String(slipLink.prefix { $0 != "\"" }))
            #expect(slip.status == .ok)
            #expect(slip.headers[.contentType] == "application/vnd.oasis.opendocument.text")
            #expect(Array(slip.body.readableBytesView.prefix(2)) == [0x50, 0x4B])

            var unit = try await Browser.signedIn(client, as: "shichahai")
            let early = try await unit.get(url("/matters/2026-101/events/办理报告"))
            #expect(early.text.contains("现在不能记录“办理报告”：承办单位应先签收"))
            let tooEarly = try await unit.post(
                url("/matters/2026-101/events/办理报告"), form: ["f.标题": "x", "f.报告类型": "其他"])
            #expect(tooEarly.status == .unprocessableContent)
            #expect(tooEarly.text.contains("承办单位应先签收"))
            _ = try await unit.get(url("/matters/2026-101/events/签收"))
            #expect(try await unit.post(url("/matters/2026-101/events/签收"), form: ["f.签收人": "郑文博"]).status == .seeOther)
            _ = try await unit.get(url("/matters/2026-101/events/进展"))
            let progress = try await unit.postMultipart(
                url("/matters/2026-101/events/进展"), form: ["f.开展情况": "已排查32条街巷"],
                files: [("attachment", "../排查情况.pdf", Self.pdf)])
            #expect(progress.status == .seeOther)
            _ = try await unit.get(url("/matters/2026-101/events/办理报告"))
            let report = try await unit.post(
                url("/matters/2026-101/events/办理报告"), form: ["f.标题": "照明整改情况报告", "f.报告类型": "解决查处问题"])
            #expect(report.status == .seeOther)

            _ = try await clerk.get(url("/matters/2026-101/events/审核"))
            let noReason = try await clerk.post(
                url("/matters/2026-101/events/审核"),
                form: ["f.日期": "2026-04-10", "f.结论": "退办", "f.重新报送时限": "2026-04-20"])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("退办须写明至少一项退办理由"))
            let returned = try await clerk.post(
                url("/matters/2026-101/events/审核"),
                form: ["f.日期": "2026-04-10", "f.结论": "退办", "f.重新报送时限": "2026-04-20"],
                list: [("f.退办理由", "数字不准确"), ("f.退办理由", "未体现办理结果或解决方案")])
            #expect(returned.status == .seeOther)
            _ = try await unit.get(url("/matters/2026-101/events/办理报告"))
            #expect(
                try await unit.post(
                    url("/matters/2026-101/events/办理报告"), form: ["f.标题": "照明整改情况报告（修改稿）", "f.报告类型": "解决查处问题"]
                ).status == .seeOther)
            _ = try await clerk.get(url("/matters/2026-101/events/审核"))
            #expect(
                try await clerk.post(url("/matters/2026-101/events/审核"), form: ["f.日期": "2026-04-10", "f.结论": "通过"])
                    .status
                    == .seeOther)
            _ = try await clerk.get(url("/matters/2026-101/events/办结"))
            #expect(
                try await clerk.post(url("/matters/2026-101/events/办结"), form: ["f.日期": "2026-04-10"]).status
                    == .seeOther)
            let closed = try await clerk.get("/matters/2026-101")
            #expect(closed.text.contains("已办结"))
            #expect(closed.text.contains("经办人：shichahai"))
        }
        let entries = AuditLog(archive: web.archive).entries().filter { $0.matter == "2026-101" }
        #expect(entries.filter { $0.outcome.hasPrefix("已记录") }.count == 8)

        try IntakeTwin.expectSame(as: web.archive)
        #expect(try Verification.run(archive: web.archive).problems == 0)
    }

    @Test("an upload of the wrong type, or too large, is refused and leaves nothing behind")
    func uploadsAreChecked() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let before = try ArchiveFiles.snapshot(fixture.archive)
        try await fixture.test { client in
            var unit = try await Browser.signedIn(client, as: "shichahai")
            _ = try await unit.get(url("/matters/2026-016/events/签收"))
            _ = try await unit.post(url("/matters/2026-016/events/签收"), form: ["f.签收人": "郑文博"])
            let afterReceipt = try ArchiveFiles.snapshot(fixture.archive).filter { !$0.key.hasPrefix(".portal/") }
            #expect(afterReceipt != before.filter { !$0.key.hasPrefix(".portal/") })
            _ = try await unit.get(url("/matters/2026-016/events/进展"))
            let script = try await unit.postMultipart(
                url("/matters/2026-016/events/进展"), form: ["f.开展情况": "x"],
                files: [("attachment", "报告.pdf", Array("<script>alert(1)</script>".utf8))])
            #expect(script.status == .ok)
            #expect(script.text.contains("不是 PDF、PNG、JPEG、OFD 或 ODF 文档"))
            #expect(!script.text.contains("<script>"))
            let large = try await unit.postMultipart(
                url("/matters/2026-016/events/进展"), form: ["f.开展情况": "x"],
                files: [("attachment", "大.pdf", Self.pdf + [UInt8](repeating: 0x20, count: Upload.maxBytes))])
            #expect(large.status == .ok)
            #expect(large.text.contains("超过 20 MiB"))
            let blank = try await unit.postMultipart(
                url("/matters/2026-016/events/进展"), form: [:], files: [("attachment", "a.pdf", Self.pdf)])
            #expect(blank.status == .unprocessableContent)
            #expect(blank.text.contains("field-error"))
            let after = try ArchiveFiles.snapshot(fixture.archive).filter { !$0.key.hasPrefix(".portal/") }
            let changed = after.filter { afterReceipt[$0.key] != $0.value }.keys.sorted()
            #expect(changed.isEmpty, "\(changed)")
            #expect(after.keys.sorted() == afterReceipt.keys.sorted())
            let staged = try FileManager.default.subpathsOfDirectory(atPath: fixture.archive).filter {
                $0.contains("staging") || $0.hasSuffix(".tmp")
            }
            #expect(staged.isEmpty, "\(staged)")
        }
    }

    @Test("upload types are told by content and names are made safe")
    func uploadKinds() {
        #expect(Upload.kind(of: Self.pdf) == .pdf)
        #expect(Upload.kind(of: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .png)
        #expect(Upload.kind(of: [0xFF, 0xD8, 0xFF, 0xE0]) == .jpg)
        #expect(Upload.kind(of: Array("GIF89a".utf8)) == nil)
        #expect(Upload.kind(of: [0x50, 0x4B, 0x03, 0x04, 0, 0]) == nil)
        #expect(Upload.safeName("../../etc/passwd", kind: .pdf) == "passwd.pdf")
        #expect(Upload.safeName("C:\\报告\\进展.exe", kind: .png) == "进展.png")
        #expect(Upload.safeName(".\u{202E}fdp.exe", kind: .pdf) == "fdp.pdf")
        #expect(Upload.safeName("", kind: .jpg) == "附件.jpg")
    }
}

@Suite("Portal: registering from a workbook")
struct WorkbookTests {
    @Test("a ledger workbook is taken in as intake takes it; a broken one lists its errors and changes nothing")
    func workbookUpload() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let workbook = try [UInt8](Data(contentsOf: URL(fileURLWithPath: ShippedFiles.example("台账-2026Q1.xlsx"))))
        let before = try ArchiveFiles.snapshot(fixture.archive).filter { !$0.key.hasPrefix(".portal/") }
        try await fixture.test { client in
            var clerk = try await Browser.signedIn(client, as: "clerk")
            _ = try await clerk.get("/register")
            let same = try await clerk.postMultipart(
                "/register/workbook", form: [:], files: [("workbook", "台账-2026Q1.xlsx", workbook)])
            #expect(same.status == .ok)
            #expect(same.text.contains("台账已读入"))
            #expect(same.text.contains("新登记事项 0 项"))
            _ = try await clerk.get("/register")
            let broken = try await clerk.postMultipart(
                "/register/workbook", form: [:],
                files: [("workbook", "台账.csv", Array("编号,事项名称\n2026-900,缺少其余各列\n".utf8))])
            #expect(broken.status == .unprocessableContent)
            #expect(broken.text.contains("field-error"))
            var unit = try await Browser.signedIn(client, as: "shichahai")
            let refused = try await unit.postMultipart(
                "/register/workbook", form: [:], files: [("workbook", "台账-2026Q1.xlsx", workbook)])
            #expect(refused.status == .forbidden)
        }
        #expect(try ArchiveFiles.snapshot(fixture.archive).filter { !$0.key.hasPrefix(".portal/") } == before)
    }
}
