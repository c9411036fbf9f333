import Archive
public import Intake
import Matters

/// Takes the attachments of one intake's event files in: each is opened under the event file's folder without
/// following a symbolic link, size-checked before it is read, and hashed through a bounded buffer where it is
/// while its file is checked, so that a file whose attachment is missing, linked, too large or oddly named is
/// refused before anything of it is recorded. Only the attachments of events to be recorded anew are copied
/// (``staged(_:)``) into the archive's staging folder, and must still hash as they did; staged copies that were
/// not filed are removed when the intake (or the run) ends.
final class AttachmentStaging {
    private let store: ArchiveStore
    private var staged = 0

    init(store: ArchiveStore) { self.store = store }

    /// The loader the readers call for each path of `附件`: hashes the file in place, or (for a file refused
    /// anyway) only checks it.
    func load(_ request: AttachmentRequest) -> Result<Attachment.Content?, AttachmentRefusal> {
        Self.load(request, store: store)
    }

    /// ``load(_:)`` for `store`'s archive, from any thread (it changes nothing).
    static func load(_ request: AttachmentRequest, store: ArchiveStore) -> Result<
        Attachment.Content?, AttachmentRefusal
    > {
        do {
            guard request.take else {
                try store.checkAttachment(request.path, in: request.folder, limit: request.limit)
                return .success(nil)
            }
            let (size, sha256) = try store.hashAttachment(request.path, in: request.folder, limit: request.limit)
            return .success(.inPlace(folder: request.folder, path: request.path, size: size, sha256: sha256))
        } catch {
            return .failure(Self.refusal(error))
        }
    }

    /// The event with each attachment still where its sender put it copied into the staging folder; fails, with
    /// the words of the refusal, when one can no longer be read or no longer hashes as it did when checked.
    func staged(_ incoming: IncomingEvent) throws(StagingFailure) -> IncomingEvent {
        var incoming = incoming
        for (index, attachment) in incoming.attachments.enumerated() {
            guard case .inPlace(let folder, let path, let size, let sha256) = attachment.content else { continue }
            let refusal: AttachmentRefusal
            do {
                staged += 1
                let file = try store.stageAttachment(path, in: folder, limit: Int.max, number: staged)
                if file.size == size && file.sha256 == sha256 {
                    incoming.attachments[index].content = .staged(path: file.path, size: file.size, sha256: file.sha256)
                    continue
                }
                refusal = .changedWhileReading
            } catch {
                refusal = Self.refusal(error)
            }
            throw StagingFailure(words: refusal.message(path: path.escapedForMessage).problem)
        }
        return incoming
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

/// An attachment could not be copied in when its event was to be recorded: the words say why (its path
/// escaped).
struct StagingFailure: Error, CustomStringConvertible {
    var words: String
    var description: String { words }
}

extension Attachment {
    /// The lowercase hex SHA-256 of the bytes: the staged copy's, or computed now for bytes in memory.
    public var digest: String { sha256 ?? Bag.sha256(bytes ?? []) }

    /// The bytes as the archive files them.
    var archiveBytes: AttachmentBytes {
        switch content {
        case .bytes(let bytes): return .bytes(bytes)
        case .staged(let path, let size, let sha256): return .staged(StagedFile(path: path, size: size, sha256: sha256))
        case .inPlace: preconditionFailure("an attachment is staged (AttachmentStaging.staged) before it is filed")
        }
    }
}
