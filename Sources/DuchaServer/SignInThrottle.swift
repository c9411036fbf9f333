import Foundation

/// Slows down password guessing: after ``limit`` failed sign-ins within ``window`` for one account, or from one
/// address, further attempts for it are refused until the window has passed — without checking the password, so
/// a guess cannot succeed while locked.
actor SignInThrottle {
    let limit: Int
    let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Seconds until this account and address may try again; nil when they may now.
    func wait(account: String, address: String, now: Date = Date()) -> Int? {
        let keys = ["账号:" + account.lowercased(), "地址:" + address]
        var longest: TimeInterval?
        for key in keys {
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[key] = recent.isEmpty ? nil : recent
            if recent.count >= limit, let first = recent.first {
                longest = max(longest ?? 0, window - now.timeIntervalSince(first))
            }
        }
        return longest.map { Int($0.rounded(.up)) }
    }

    func failed(account: String, address: String, now: Date = Date()) {
        if failures.count > 10_000 {  // names an attacker makes up: forget those whose window has passed
            failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
        }
        failures["账号:" + account.lowercased(), default: []].append(now)
        failures["地址:" + address, default: []].append(now)
    }

    func succeeded(account: String) {
        failures["账号:" + account.lowercased()] = nil
    }
}
