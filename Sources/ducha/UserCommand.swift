import ArgumentParser
import DuchaServer
import Foundation

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "管理督查管理系统的账号（存于档案的 .portal/accounts.json，仅属主可读写，密码以 bcrypt 保存）。",
        subcommands: [UserAdd.self, UserPasswd.self, UserDisable.self, UserImport.self, UserList.self]
    )
}

/// Where the accounts are: the archive.
struct AccountOptions: ParsableArguments {
    @Option(name: .customLong("archive"), help: ArgumentHelp("档案根目录", valueName: "DIR"))
    var archive = "./Archive"

    var book: AccountBook { AccountBook(archive: archive) }
    var log: AuditLog { AuditLog(archive: archive) }
}

/// A password: typed twice without echo at a terminal, or the first line of standard input otherwise (for
/// scripts that provision accounts).
func readPassword() throws -> String {
    guard isatty(STDIN_FILENO) == 1 else {
        guard let line = readLine(strippingNewline: true) else { throw ValidationError("标准输入中没有密码") }
        return line
    }
    func ask(_ prompt: String) -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
    let first = ask("密码：")
    guard ask("再输入一次：") == first else { throw ValidationError("两次输入的密码不一致") }
    return first
}

/// Runs an account change, turning its refusal into the command's error message.
func changeAccounts(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as PortalError {
        throw ValidationError(error.description)
    }
}

struct UserAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "新建账号。")

    @Argument(help: ArgumentHelp("账号", valueName: "NAME"))
    var name: String

    @Option(name: .customLong("role"), help: ArgumentHelp("角色：" + Role.choices, valueName: "ROLE"))
    var role: String

    @Option(name: .customLong("unit"), help: ArgumentHelp("承办单位账号的单位名称（与事项记录中的主责单位、协办单位名称相同）", valueName: "UNIT"))
    var unit: String?

    @OptionGroup var options: AccountOptions

    func run() throws {
        guard let role = Role(word: role) else { throw ValidationError("角色“\(role)”不存在：应为 \(Role.choices) 之一") }
        let password = try readPassword()
        try changeAccounts { try options.book.add(name: name, role: role, unit: unit, password: password) }
        options.log.append(account: name, from: "命令行", action: "新建账号（\(role.rawValue)）", outcome: "成功")
        say("已新建账号 \(name)（\(role.rawValue)\(unit.map { "·" + $0 } ?? "")）")
    }
}

struct UserPasswd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "passwd", abstract: "重设账号的密码（并重新启用）。")

    @Argument(help: ArgumentHelp("账号", valueName: "NAME"))
    var name: String

    @OptionGroup var options: AccountOptions

    func run() throws {
        let password = try readPassword()
        try changeAccounts { try options.book.setPassword(name: name, password: password) }
        options.log.append(account: name, from: "命令行", action: "重设密码", outcome: "成功")
        say("已重设账号 \(name) 的密码")
    }
}

struct UserDisable: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disable", abstract: "停用账号：不能再登录，已登录的会话在下一次请求时结束。")

    @Argument(help: ArgumentHelp("账号", valueName: "NAME"))
    var name: String

    @OptionGroup var options: AccountOptions

    func run() throws {
        try changeAccounts { try options.book.disable(name: name) }
        options.log.append(account: name, from: "命令行", action: "停用账号", outcome: "成功")
        say("已停用账号 \(name)")
    }
}

struct UserImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "从名单批量新建承办单位账号。",
        discussion: "名单为 UTF-8 文本或 CSV，每行“账号,单位名称”（可有标题行“账号,单位”）。为每个账号生成随机初始密码，打印为 CSV（账号,单位,初始密码），请妥善转交；已有的账号不变。"
    )

    @Argument(help: ArgumentHelp("名单文件", valueName: "FILE"))
    var file: String

    @OptionGroup var options: AccountOptions

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8)
        else {
            throw ValidationError("无法读取名单文件：\(file)")
        }
        var rows: [(line: Int, name: String, unit: String)] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: ["\u{FEFF}"])
            if line.isEmpty || (n == 0 && line.hasPrefix("账号")) { continue }
            let cells = line.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2, !cells[1].isEmpty else {
                throw ValidationError("\(file):第 \(n + 1) 行：应为“账号,单位名称”")
            }
            if let problem = Account.problem(name: cells[0]) {
                throw ValidationError("\(file):第 \(n + 1) 行：\(problem)")
            }
            rows.append((n + 1, cells[0], cells[1]))
        }
        let existing = Set(try options.book.load().map { $0.name.lowercased() })
        print("账号,单位,初始密码")
        for row in rows where !existing.contains(row.name.lowercased()) {
            let password = Self.randomPassword()
            try changeAccounts { try options.book.add(name: row.name, role: .unit, unit: row.unit, password: password) }
            options.log.append(account: row.name, from: "命令行", action: "导入承办单位账号（\(row.unit)）", outcome: "成功")
            print("\(row.name),\(row.unit),\(password)")
        }
    }

    /// 16 characters from a 56-letter alphabet without look-alikes (about 93 bits), from the system's generator.
    static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
    }
}

struct UserList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "列出账号（不显示密码）。")

    @OptionGroup var options: AccountOptions

    func run() throws {
        for account in try options.book.load() {
            say(
                "\(account.name)  \(account.role.rawValue)  \(account.unit ?? "—")  \(account.disabled ? "已停用" : "启用")  \(account.changed)"
            )
        }
    }
}
