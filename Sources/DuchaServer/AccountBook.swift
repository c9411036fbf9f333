import Archive
import Foundation
import HummingbirdBcrypt
import Matters

/// The portal's accounts, kept in the archive at `.portal/accounts.json`, owner-only (0600 in a 0700 folder),
/// written atomically under the archive lock.
public struct AccountBook: Sendable {
    public let archive: String
    /// bcrypt's cost: 2^cost rounds.
    public var cost: UInt8 = 12

    public init(archive: String) { self.archive = archive }

    /// The portal's private folder in the archive.
    public var folder: String { archive + "/.portal" }
    var path: String { folder + "/accounts.json" }

    /// Every account, in the order added; none when the file does not exist yet.
    /// - Throws: ``PortalError`` when the file cannot be read or is not an account list.
    public func load() throws -> [Account] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        do {
            return try JSONDecoder().decode([Account].self, from: Data(try AtomicFile.read(path)))
        } catch let error as ArchiveError {
            throw PortalError("无法读取账号文件 \(path)：\(error)")
        } catch {
            throw PortalError("账号文件 \(path) 已损坏，不是账号列表")
        }
    }

    /// Changes the accounts under the archive lock (waiting for a run that holds it) and writes them back.
    @discardableResult
    public func change<T>(_ body: (inout [Account]) throws -> T) throws -> T {
        let lock = try ArchiveLock(root: archive, wait: true)
        defer { withExtendedLifetime(lock) {} }
        var accounts = try load()
        let result = try body(&accounts)
        try AtomicFile.makeDirectories(folder, mode: 0o700)
        chmod(folder, 0o700)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(Array(try encoder.encode(accounts)) + [0x0A], to: path, mode: 0o600)
        return result
    }

    /// Adds an account.
    /// - Throws: ``PortalError`` for a bad or taken name, a bad password, a unit given or missing for the role.
    public func add(name: String, role: Role, unit: String?, password: String, now: Date = Date()) throws {
        if let problem = Account.problem(name: name) { throw PortalError(problem) }
        if let problem = Account.problem(password: password) { throw PortalError(problem) }
        if role == .unit, unit?.isEmpty ?? true { throw PortalError("承办单位账号须用 --unit 写明单位名称") }
        if role != .unit, unit != nil { throw PortalError("只有承办单位账号有单位（--unit）") }
        let hash = Bcrypt.hash(password, cost: cost)
        try change { accounts in
            guard !accounts.contains(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw PortalError("账号“\(MessageText.escaped(name))”已存在")
            }
            accounts.append(
                Account(
                    name: name, role: role, unit: unit, passwordHash: hash, disabled: false,
                    changed: Self.timestamp(now)))
        }
    }

    /// Sets an account's password (and enables it again).
    public func setPassword(name: String, password: String, now: Date = Date()) throws {
        if let problem = Account.problem(password: password) { throw PortalError(problem) }
        let hash = Bcrypt.hash(password, cost: cost)
        try change { accounts in
            let index = try Self.index(of: name, in: accounts)
            accounts[index].passwordHash = hash
            accounts[index].disabled = false
            accounts[index].changed = Self.timestamp(now)
        }
    }

    /// Disables an account: it can no longer sign in, and its sessions end at their next request.
    public func disable(name: String) throws {
        try change { accounts in
            accounts[try Self.index(of: name, in: accounts)].disabled = true
        }
    }

    /// The account that this name and password sign in as, or nil (unknown, disabled or wrong password). An
    /// unknown name costs a bcrypt all the same, so that timing does not tell which names exist.
    public static func verify(name: String, password: String, in accounts: [Account]) -> Account? {
        guard password.utf8.count <= 72,
            let account = accounts.first(where: { $0.name.lowercased() == name.lowercased() })
        else {
            _ = Bcrypt.verify(password, hash: decoyHash)
            return nil
        }
        guard Bcrypt.verify(password, hash: account.passwordHash), !account.disabled else { return nil }
        return account
    }

    /// A hash of no one's password, for unknown names.
    private static let decoyHash = Bcrypt.hash("ducha-no-such-account", cost: 12)

    private static func index(of name: String, in accounts: [Account]) throws -> Int {
        guard let index = accounts.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw PortalError("没有账号“\(MessageText.escaped(name))”")
        }
        return index
    }

    static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}

/// Why the portal or an account command could not do what it was asked, worded for the user.
public struct PortalError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
