import Foundation

/// How many threads an office's runs use for work that is independent (reading matters ahead, writing each
/// event's slip and log while the next is prepared, sealing bags): `DUCHA_THREADS` when set, otherwise the
/// cores this process may use. The archive's bytes never depend on it.
enum ThreadSetting {
    /// The most threads `DUCHA_THREADS` may ask for.
    static let limit = 64

    /// The setting from the environment.
    /// - Throws: ``DuchaError/invalidRequest(_:)`` for a value that is not a whole number from 1 to ``limit``.
    static func current(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int {
        guard let text = environment["DUCHA_THREADS"], !text.isEmpty else {
            return max(1, min(ProcessInfo.processInfo.activeProcessorCount, limit))
        }
        guard let threads = Int(text), (1...limit).contains(threads) else {
            throw DuchaError.invalidRequest("环境变量 DUCHA_THREADS 应是 1 到 \(limit) 的整数（所用线程数），而不是“\(text)”")
        }
        return threads
    }
}
