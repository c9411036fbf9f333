import Foundation
import TestSupport
import Testing

@testable import DuchaServer

@Suite("ducha user")
struct UserCommandTests {
    @Test("accounts are added from standard input, stored as bcrypt owner-only, and changed, disabled and imported")
    func accountCommands() throws {
        let directory = try TestEnvironment.temporaryDirectory("ducha-users")
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = directory.appendingPathComponent("Archive").path
        let ducha = TestEnvironment.ducha
        func user(_ arguments: [String], input: String? = nil) throws -> CommandResult {
            try TestEnvironment.run(ducha, ["user"] + arguments + ["--archive", archive], input: input)
        }
        let added = try user(["add", "zhang", "--role", "督查员"], input: "first-password-1\n")
        #expect(added.status == 0, "\(added.output)")
        #expect(added.stdout.contains("已新建账号 zhang（督查员）"))
        let unit = try user(["add", "shichahai", "--role", "unit", "--unit", "什刹海街道"], input: "unit-password-1\n")
        #expect(unit.status == 0, "\(unit.output)")

        let stored = try String(contentsOfFile: archive + "/.portal/accounts.json", encoding: .utf8)
        #expect(stored.contains("$2b$12$") || stored.contains("$2a$12$") || stored.contains("$2y$12$"))
        #expect(!stored.contains("first-password-1"))
        let file = try FileManager.default.attributesOfItem(atPath: archive + "/.portal/accounts.json")
        let folder = try FileManager.default.attributesOfItem(atPath: archive + "/.portal")
        #expect((file[.posixPermissions] as? Int) == 0o600)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
        var accounts = try AccountBook(archive: archive).load()
        #expect(AccountBook.verify(name: "zhang", password: "first-password-1", in: accounts) != nil)
        #expect(AccountBook.verify(name: "ZHANG", password: "first-password-1", in: accounts) != nil)
        #expect(AccountBook.verify(name: "zhang", password: "first-password-2", in: accounts) == nil)

        let again = try user(["add", "Zhang", "--role", "clerk"], input: "other-password-1\n")
        #expect(again.status != 0)
        #expect(again.stderr.contains("账号“Zhang”已存在"))
        let badRole = try user(["add", "li", "--role", "boss"], input: "other-password-1\n")
        #expect(badRole.status != 0)
        #expect(badRole.stderr.contains("角色“boss”不存在"))
        let noUnit = try user(["add", "li", "--role", "unit"], input: "other-password-1\n")
        #expect(noUnit.stderr.contains("承办单位账号须用 --unit 写明单位名称"))
        let short = try user(["add", "li", "--role", "leader"], input: "short\n")
        #expect(short.stderr.contains("密码太短"))
        let badName = try user(["add", "li\u{1B}[2J", "--role", "leader"], input: "long-enough-pass\n")
        #expect(badName.stderr.contains("\\u{1B}"))

        #expect(try user(["passwd", "zhang"], input: "second-password-2\n").status == 0)
        #expect(try user(["disable", "shichahai"]).status == 0)
        accounts = try AccountBook(archive: archive).load()
        #expect(AccountBook.verify(name: "zhang", password: "first-password-1", in: accounts) == nil)
        #expect(AccountBook.verify(name: "zhang", password: "second-password-2", in: accounts) != nil)
        #expect(AccountBook.verify(name: "shichahai", password: "unit-password-1", in: accounts) == nil)

        let list = directory.appendingPathComponent("单位账号.csv").path
        try Data("账号,单位\njinrongjie,金融街街道\nshichahai,什刹海街道\n".utf8).write(to: URL(fileURLWithPath: list))
        let imported = try user(["import", list])
        #expect(imported.status == 0, "\(imported.output)")
        let lines = imported.stdout.split(separator: "\n")
        #expect(lines.first == "账号,单位,初始密码")
        #expect(lines.count == 2)  // shichahai exists already and is left as it is
        let password = try #require(lines.last?.split(separator: ",").last.map(String.init))
        #expect(password.count == 16)
        accounts = try AccountBook(archive: archive).load()
        let made = try #require(AccountBook.verify(name: "jinrongjie", password: password, in: accounts))
        #expect(made.role == .unit && made.unit == "金融街街道")

        let log = AuditLog(archive: archive).entries()
        #expect(log.contains { $0.account == "jinrongjie" && $0.from == "命令行" && $0.action.contains("导入") })
        #expect(log.contains { $0.account == "shichahai" && $0.action == "停用账号" })
        #expect(!(try String(contentsOfFile: archive + "/.portal/audit.log", encoding: .utf8)).contains(password))
    }
}
