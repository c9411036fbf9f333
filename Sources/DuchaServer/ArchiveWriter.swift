import Dispatch
import DuchaCore

/// The portal's writes, one at a time on their own thread: each takes the archive lock (waiting while the command
/// line holds it — a quarter-end batch from cron finishes first), does its work through the core and lets go.
/// Pages are never blocked: they read the snapshot.
final class ArchiveWriter: Sendable {
    private let queue = DispatchQueue(label: "ducha.portal.write")
    let workspace: Workspace

    init(workspace: Workspace) { self.workspace = workspace }

    func write<T: Sendable>(_ body: @escaping @Sendable (Office) throws -> T) async throws -> T {
        let workspace = workspace
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try workspace.write(wait: true, body) })
            }
        }
    }
}
