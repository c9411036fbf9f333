import Foundation

/// The portal's log of changes and failed sign-ins (`.portal/audit.log` in the archive, owner-only): one JSON
/// object a line with who, when, what, from where and the outcome. Lines are only ever appended.
public struct AuditLog: Sendable {
    public let path: String

    public init(archive: String) { path = archive + "/.portal/audit.log" }

    /// One entry; its JSON keys are the Chinese words.
    public struct Entry: Sendable, Codable, Equatable {
        /// UTC, ISO 8601.
        public var time: String
        public var account: String
        /// The client's address, or 命令行.
        public var from: String
        public var action: String
        public var matter: String?
        public var outcome: String

        enum CodingKeys: String, CodingKey {
            case time = "时间"
            case account = "账号"
            case from = "来自"
            case action = "操作"
            case matter = "事项"
            case outcome = "结果"
        }
    }

    /// Appends an entry (with O_APPEND, so that concurrent writers never interleave a line) and syncs it.
    public func append(account: String, from: String, action: String, matter: String? = nil, outcome: String) {
        let entry = Entry(
            time: AccountBook.timestamp(Date()), account: account, from: from, action: action, matter: matter,
            outcome: outcome)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(entry) else { return }
        let folder = (path as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: folder) {
            try? FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let line = Array(data) + [0x0A]
        _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        _ = fsync(fd)
    }

    /// Every entry, oldest first (unreadable lines are skipped).
    public func entries() -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return data.split(separator: 0x0A).compactMap { try? JSONDecoder().decode(Entry.self, from: Data($0)) }
    }
}
