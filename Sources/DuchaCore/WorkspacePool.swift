import Foundation
import Rendering
import Synchronization

/// A workspace's pool of LibreOffice workers (``OfficePool``, with the office's font aliases), started when a
/// document is first converted and shared by every copy of the workspace: a command converts on one pool, the
/// portal on one pool for its life (its idle servers are stopped after a while and started again when needed).
/// The servers stop when the last copy of the workspace goes.
final class WorkspacePool: Sendable {
    private let pool = Mutex<OfficePool?>(nil)

    func get(fontAliases: String) throws -> OfficePool {
        try pool.withLock { pool in
            if let pool { return pool }
            let made = try OfficePool(.init(fontAliases: fontAliases))
            pool = made
            return made
        }
    }
}

extension Workspace {
    /// The workspace's pool of LibreOffice workers (see ``WorkspacePool``).
    /// - Throws: when its fontconfig file cannot be written.
    public func officePool() throws -> OfficePool { try sharedPool.get(fontAliases: fontAliases) }
}
