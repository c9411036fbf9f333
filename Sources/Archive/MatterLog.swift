public import Matters

/// A matter's log as the files that hold it, encoded and not yet written: `matter.xml`, and the own records of
/// the events that changed (each in its stage's folder). Encoding and writing are apart so that a writer
/// thread does only the writing (see ``ArchiveStore/save(_:of:)``).
public struct EncodedLog: Sendable {
    let matterXML: [UInt8]
    let records: [(path: String, bytes: [UInt8])]
}

extension ArchiveStore {
    /// Writes the matter's log: `matter.xml`, and the own record of each event in `changed` (by sequence; nil
    /// for every event) in its stage's folder.
    public func saveLog(_ log: [StoredEvent], of matter: Matter, changed: Set<Int>? = nil) throws(ArchiveError) {
        try save(encode(log, of: matter, changed: changed), of: matter)
    }

    /// The files of the matter's log (``saveLog(_:of:changed:)``), encoded.
    public func encode(_ log: [StoredEvent], of matter: Matter, changed: Set<Int>? = nil) -> EncodedLog {
        let records = changed.map { changed in log.filter { changed.contains($0.sequence) } } ?? log
        return EncodedLog(
            matterXML: MatterXML.encode(matter, log: log),
            records: records.map { (eventRecordPath($0, of: matter), MatterXML.eventRecord($0)) })
    }

    /// Writes an encoded log: the event records first, then `matter.xml`, and reseals the bag (in a run: at its
    /// end). Touches only this matter's bag.
    public func save(_ encoded: EncodedLog, of matter: Matter) throws(ArchiveError) {
        // The records are copies of the log's entries: in a run they are made durable with it at its end, and
        // recovery writes them again from matter.xml (see ``recover()``).
        let recordSync: FolderSync = run.map { .withRun($0) } ?? .now
        for (path, bytes) in encoded.records {
            try AtomicFile.write(bytes, to: path, mode: fileMode(matter), folderSync: recordSync)
        }
        try AtomicFile.write(
            encoded.matterXML, to: "\(folder(of: matter))/data/matter.xml", mode: fileMode(matter),
            folderSync: folderSync)
        try sealed(matter)
    }

    /// Each event's own record in its stage's folder, written where its bytes are not already there.
    func writeEventRecords(_ log: [StoredEvent], of matter: Matter, folderSync: FolderSync) throws(ArchiveError) {
        for stored in log {
            try AtomicFile.write(
                MatterXML.eventRecord(stored), to: eventRecordPath(stored, of: matter), mode: fileMode(matter),
                folderSync: folderSync)
        }
    }

    /// `<bag>/data/<stage>/<sequence>-<kind>-<date>.xml`.
    private func eventRecordPath(_ stored: StoredEvent, of matter: Matter) -> String {
        let name = "\(Self.pad(stored.sequence))-\(stored.event.kind.rawValue)-\(stored.event.date.iso).xml"
        return "\(folder(of: matter))/data/\(Folder.of(stored.event).rawValue)/\(name)"
    }
}
