/// What an account of the portal may do (the roles of the office's 督查管理系统).
public enum Role: String, Sendable, Codable, CaseIterable {
    /// The office's clerks: register, assign, chase, review and close matters; publish the bulletin.
    case clerk = "督查员"
    /// A responsible unit's 督查干部: sees the matters where the unit is 主责 or 协办 and reports on them.
    case unit = "承办单位"
    /// Read only: the ledger, the dashboard and the bulletins.
    case leader = "领导"
    /// The archivist: verification results and the yearly dossier, besides reading.
    case archivist = "档案员"

    /// The role named by its Chinese word or its English name (`clerk`, `unit`, `leader`, `archivist`).
    public init?(word: String) {
        if let role = Role(rawValue: word) {
            self = role
            return
        }
        switch word.lowercased() {
        case "clerk": self = .clerk
        case "unit": self = .unit
        case "leader": self = .leader
        case "archivist": self = .archivist
        default: return nil
        }
    }

    /// The words a role may be given as, for messages.
    public static var choices: String {
        allCases.map { "\($0.rawValue)（\($0.english)）" }.joined(separator: "、")
    }

    var english: String {
        switch self {
        case .clerk: return "clerk"
        case .unit: return "unit"
        case .leader: return "leader"
        case .archivist: return "archivist"
        }
    }
}
