import Intake
import Matters

extension Office {
    /// Takes in one event record made by a front end's form (the JSON an event file holds, `{"事件": [...]}` or one
    /// record), with its attachments given in memory under the names `附件` uses: read and checked exactly as
    /// `ducha intake` reads an event file (the same field errors, the same attachment checks), then recorded through
    /// the lifecycle. Nothing of a record with an error is recorded.
    /// - Parameters:
    ///   - name: the record's name in messages (the form's, e.g. `网页表单`).
    ///   - attachments: the uploaded files by name.
    public func takeIn(eventRecord bytes: [UInt8], named name: String, attachments: [String: [UInt8]] = [:])
        throws -> IntakeResult
    {
        var result = IntakeResult()
        let read = EventReader.read(files: [(name: name, bytes: bytes)]) { path in
            attachments[String(path.split(separator: "/").last ?? "")]
        }
        for diagnostic in read.diagnostics {
            result.problems.append(Problem(cause: .diagnostic(diagnostic)))
        }
        guard read.filesWithErrors.isEmpty else { return result }
        let keep = try planned(read.events, files: [name], asOf: nil, into: &result).keep
        for (incoming, kept) in zip(read.events, keep) where kept { record(incoming, into: &result, place: name) }
        return result
    }
}
