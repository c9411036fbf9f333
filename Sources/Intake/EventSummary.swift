import Matters

/// Where an event's record is in its file, to be read again in full: the file (read through the same
/// descriptor), the record's bytes and line, and their fingerprint, so a record changed meanwhile is refused
/// rather than recorded. A class, so that each of a year's events held in summary carries one reference to it.
public final class EventSource: Sendable {
    let source: any ByteSource
    let offset: Int
    let length: Int
    let line: Int
    let fingerprint: UInt64

    init(source: any ByteSource, offset: Int, length: Int, line: Int, fingerprint: UInt64) {
        self.source = source
        self.offset = offset
        self.length = length
        self.line = line
        self.fingerprint = fingerprint
    }
}

/// The record of a summarised event could not be read again as it was first read.
public struct EventChangedWhileReading: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var location: String

    /// The words, without the place (a problem names it).
    public var description: String { "文件在读取期间被改动，此事件未记录" }
}

extension IncomingEvent {
    /// Keeps of the event only what orders and groups it (its kind, 事项 and 日期), and where the full record is.
    mutating func summarise(_ record: EventSource) {
        let keys = ["事项", "日期"]
        event = MatterEvent(
            kind: event.kind, values: FieldRecord(keys.compactMap { key in event.values[key].map { (key, $0) } }))
        fullRecord = record
    }

    /// The event in full: itself, or for a summary, its record read and decoded again.
    /// - Throws: ``EventChangedWhileReading`` when the record's bytes are not those first read or no longer make
    ///   a good event.
    public func loaded() throws(EventChangedWhileReading) -> IncomingEvent {
        guard let record = fullRecord else { return self }
        let changed = EventChangedWhileReading(file: file, location: location)
        var bytes: [UInt8] = []
        do {
            while bytes.count < record.length {
                let more = try record.source.bytes(at: record.offset + bytes.count, count: record.length - bytes.count)
                if more.isEmpty { break }
                bytes += more
            }
        } catch {
            throw changed
        }
        guard bytes.count == record.length, RecordStream.fingerprint(bytes) == record.fingerprint,
            let node = try? JSONParser.parse(bytes, line: record.line, byteOrderMark: false)
        else { throw changed }
        var decoder = FieldDecoder(file: file, location: location)
        guard let full = EventReader.decode(node, decoder: &decoder), decoder.diagnostics.isEmpty,
            full.kind == event.kind
        else { throw changed }
        var loaded = self
        loaded.event = full
        loaded.fullRecord = nil
        return loaded
    }
}
