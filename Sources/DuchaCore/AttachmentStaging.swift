import Archive
public import Intake

/// Takes the attachments of one intake's event files in: each is staged by the archive (opened once under the
/// event file's folder without following a symbolic link, size-checked before it is read, copied and hashed
/// through a bounded buffer) while its file is checked, so that a file whose attachment is missing, linked, too
/// large or oddly named is refused before anything of it is recorded. Staged copies that were not filed are
/// removed when the intake ends.
final class AttachmentStaging {
    private let store: ArchiveStore
    private var staged = 0

    init(store: ArchiveStore) { self.store = store }

    /// The loader the readers call for each path of `附件`: stages the file, or (for a file refused anyway) only
    /// checks it.
    func load(_ request: AttachmentRequest) -> Result<Attachment.Content?, AttachmentRefusal> {
        do {
            guard request.take else {
                try store.checkAttachment(request.path, in: request.folder, limit: request.limit)
                return .success(nil)
            }
            staged += 1
            let file = try store.stageAttachment(request.path, in: request.folder, limit: request.limit, number: staged)
            return .success(.staged(path: file.path, size: file.size, sha256: file.sha256))
        } catch {
            return .failure(Self.refusal(error))
        }
    }

    /// Removes what was staged and not filed (a failure to is not the intake's: the next run's sweep removes
    /// it).
    func discard() { try? store.discardStaged() }

    private static func refusal(_ fault: FileBeneath.Fault) -> AttachmentRefusal {
        switch fault {
        case .missing: return .missing
        case .symbolicLink(let part): return .symbolicLink(part)
        case .notAFolder(let part): return .notAFolder(part)
        case .outside: return .unreadable("路径不在记录文件所在文件夹内")
        case .notARegularFile: return .notARegularFile
        case .tooLarge(let size, let limit): return .tooLarge(size: size, limit: limit)
        case .changedWhileReading: return .changedWhileReading
        case .system(let error):
            // The system's words (permission denied, I/O error) without the path: the message names it.
            return .unreadable(error.message)
        }
    }
}

extension Attachment {
    /// The lowercase hex SHA-256 of the bytes: the staged copy's, or computed now for bytes in memory.
    public var digest: String { sha256 ?? Bag.sha256(bytes ?? []) }

    /// The bytes as the archive files them.
    var archiveBytes: AttachmentBytes {
        switch content {
        case .bytes(let bytes): return .bytes(bytes)
        case .staged(let path, let size, let sha256): return .staged(StagedFile(path: path, size: size, sha256: sha256))
        }
    }
}
