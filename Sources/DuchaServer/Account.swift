import Matters

/// One account of the portal, as stored in the archive: the password only as its bcrypt hash.
public struct Account: Sendable, Codable, Equatable {
    /// The sign-in name.
    public var name: String
    public var role: Role
    /// The unit of a 承办单位 account (its 名称 as matters give it); nil for the office's accounts.
    public var unit: String?
    /// bcrypt (`$2b$`) of the password.
    var passwordHash: String
    public var disabled: Bool
    /// When the account was made or its password last set (UTC, ISO 8601).
    public var changed: String

    /// Why a name cannot be an account's, or nil: 1 to 64 letters (any script), digits, `-`, `_` or `.`.
    public static func problem(name: String) -> String? {
        let ok =
            !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy {
                $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
            }
        return ok ? nil : "账号“\(MessageText.escaped(name))”不可用：应为 1 至 64 个字母（含汉字）、数字、“-”“_”或“.”"
    }

    /// Why a password cannot be used, or nil: 10 to 72 bytes (bcrypt reads no further), no control characters.
    public static func problem(password: String) -> String? {
        if password.utf8.count < 10 { return "密码太短：至少 10 个字符" }
        if password.utf8.count > 72 { return "密码太长：至多 72 字节（bcrypt 只读前 72 字节）" }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "密码不能含控制字符"
        }
        return nil
    }
}
