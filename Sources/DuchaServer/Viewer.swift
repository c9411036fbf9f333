import DuchaCore
import Matters

/// The signed-in account a request is for, with its session's CSRF token, and what it may see.
struct Viewer: Sendable {
    var account: Account
    var csrf: String

    var name: String { account.name }
    var role: Role { account.role }

    /// Whether the account may see a matter at all: never a 涉密 one; a unit account only its unit's (主责 or 协办).
    func sees(_ matter: Matter) -> Bool {
        guard !matter.isClassified else { return false }
        guard role == .unit else { return true }
        guard let unit = account.unit else { return false }
        return matter.leadUnit == unit || matter.coUnits.contains(unit)
    }

    /// What decides the pages this account is shown besides the snapshot: its role, and a unit account's unit.
    var visibility: String { role.rawValue + "/" + (account.unit ?? "") }

    /// The events this account records (the others' are the office's or the unit's).
    var kinds: [EventKind] {
        switch role {
        case .unit:
            return [
                .receipt, .responsibility, .plan, .safeguards, .progress, .weeklyReport, .monthlyReport, .report,
                .extensionRequest,
            ]
        case .clerk:
            return [
                .approval, .assignment, .transfer, .inspection, .reminder, .review, .extensionDecision, .adjustment,
                .completion, .archiving, .reinspection,
            ]
        case .leader, .archivist:
            return []
        }
    }

    var layoutData: [String: Any] {
        var data: [String: Any] = [
            "name": account.name, "role": role.rawValue, "csrf": csrf, "clerk": role == .clerk,
            "archivist": role == .archivist, "dossier": Portal.dossierReaders.contains(role),
        ]
        if let unit = account.unit { data["unit"] = unit }
        return data
    }
}
