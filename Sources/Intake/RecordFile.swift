import Matters

/// The records of a record file — a JSON array, or an object holding the array under one key (`事项`, `事件`) —
/// taken one at a time (``RecordStream``), with the diagnostic that says why a file holds none.
enum RecordFile {
    /// Gives each record to `body` with its 0-based index, as the file is read; returns the file's one
    /// diagnostic when it is not JSON, not a list of records, or cannot be read (the records before it were given
    /// already: the caller keeps nothing of such a file).
    static func forEach(
        name: String, source: any ByteSource, wrapper: String, kind: String,
        _ body: (_ record: RecordStream.Record, _ index: Int) -> Void
    ) -> Diagnostic? {
        var stream = RecordStream(source: source, wrapper: wrapper)
        var index = 0
        do {
            while let record = try stream.next() {
                body(record, index)
                index += 1
            }
            return nil
        } catch {
            return diagnostic(error, name: name, wrapper: wrapper, kind: kind)
        }
    }

    static func diagnostic(_ failure: RecordStream.Failure, name: String, wrapper: String, kind: String) -> Diagnostic {
        switch failure {
        case .syntax(let line, let message):
            return Diagnostic(file: name, location: "第 \(line) 行", field: "", problem: "不是有效的 JSON：\(message)")
        case .notRecords(let line):
            return Diagnostic(
                file: name, location: "第 \(line) 行", field: "", problem: "文件的最外层不是\(kind)记录数组",
                expectation: "[ {…}, {…} ] 或 {\"\(wrapper)\": [ … ]}")
        case .tooLarge(let line):
            return Diagnostic(
                file: name, location: "第 \(line) 行", field: "",
                problem: "从此行起的一条记录超过 \(RecordStream.maxRecordBytes >> 20) MiB，不是\(kind)记录",
                expectation: "每条记录不超过 \(RecordStream.maxRecordBytes >> 20) MiB")
        case .unreadable(let message):
            return Diagnostic(file: name, location: "", field: "", problem: "读取失败：\(message)")
        }
    }
}
