public import Matters

/// Reads matter records (JSON) and checks them against ``MatterCatalogue``: every problem of every
/// record, each with file, record, field and what was expected.
///
/// A file is read as a stream (``RecordStream``): one record at a time, whatever its size. A caller that
/// cannot keep a large file's matters in memory reads it twice — ``check(_:source:ids:)`` first, then, if it had
/// no error, ``forEachMatter(in:source:expecting:_:)`` — and never holds more than one record.
public enum MatterReader {
    /// The result of reading one or more files: the good matters, and every problem found.
    public struct Result: Sendable {
        public var matters: [Matter] = []
        /// The file each matter came from (same order as ``matters``).
        public var files: [String] = []
        public var diagnostics: [Diagnostic] = []
        /// Files that had at least one error: nothing of theirs may be archived.
        public var filesWithErrors: Set<String> = []

        public var hasErrors: Bool { !filesWithErrors.isEmpty }
    }

    /// What the first pass over one file found: its problems (at most ``FileDiagnostics/limit`` listed) and
    /// a fingerprint of each record, so that the second pass knows it reads the same bytes.
    public struct FileCheck: Sendable {
        public var diagnostics: FileDiagnostics
        public var fingerprints: [UInt64] = []

        public var hasErrors: Bool { diagnostics.hasErrors }
    }

    /// The file changed between the two passes: its matters from this record on were not taken.
    public struct ChangedWhileReading: Error, Sendable {
        public var diagnostic: Diagnostic
    }

    /// Reads JSON files given as (name, bytes). A file is a JSON array of records, or an object with the
    /// array under `事项`. Matter ids must be unique across all the files, letter case aside.
    public static func read(files: [(name: String, bytes: [UInt8])]) -> Result {
        var result = Result()
        var ids = MatterIDs()
        for (name, bytes) in files {
            var matters: [Matter] = []
            let check = read(name, source: bytes, ids: &ids) { matters.append($0) }
            result.diagnostics += check.diagnostics.diagnostics
            // Nothing of a file with an error is taken in.
            if check.hasErrors {
                result.filesWithErrors.insert(name)
            } else {
                result.matters += matters
                result.files += Array(repeating: name, count: matters.count)
            }
        }
        return result
    }

    /// The first pass over a file: checks every record, claims its ids in `ids`, and remembers nothing else.
    public static func check(_ name: String, source: any ByteSource, ids: inout MatterIDs) -> FileCheck {
        read(name, source: source, ids: &ids) { _ in }
    }

    /// The second pass over a file ``check(_:source:ids:)`` found no error in: decodes each record again and
    /// gives its matter to `body`, one at a time.
    /// - Throws: ``ChangedWhileReading`` when a record is not the one the first pass read (the file was
    ///   changed meanwhile); whatever `body` throws.
    public static func forEachMatter(
        in name: String, source: any ByteSource, expecting check: FileCheck, _ body: (Matter) throws -> Void
    ) throws {
        var stream = RecordStream(source: source, wrapper: "事项")
        var index = 0
        func changed(_ place: String) -> ChangedWhileReading {
            ChangedWhileReading(
                diagnostic: Diagnostic(
                    file: name, location: place, field: "", problem: "文件在读取期间被改动，此处起的事项未登记",
                    expectation: "读取期间不被改动的记录文件"))
        }
        while true {
            let next: RecordStream.Record?
            do {
                next = try stream.next()
            } catch {
                throw changed("记录 \(index + 1)")
            }
            guard let record = next else { break }
            let location = location(of: record.node, index: index)
            guard index < check.fingerprints.count, check.fingerprints[index] == record.fingerprint else {
                throw changed(location)
            }
            var decoder = FieldDecoder(file: name, location: location)
            let values = decoder.decodeRecord(record.node, fields: MatterCatalogue.fields)
            MatterRules.check(values, decoder: &decoder)
            guard !decoder.diagnostics.contains(where: { $0.severity == .error }) else { throw changed(location) }
            try body(Matter(values: values))
            index += 1
        }
        guard index == check.fingerprints.count else { throw changed("记录 \(index + 1)") }
    }

    /// Reads one file: every problem, each good matter given to `body` as it is read.
    static func read(_ name: String, source: any ByteSource, ids: inout MatterIDs, _ body: (Matter) -> Void)
        -> FileCheck
    {
        var check = FileCheck(diagnostics: FileDiagnostics(file: name))
        let failure = RecordFile.forEach(name: name, source: source, wrapper: "事项", kind: "事项") { record, index in
            check.fingerprints.append(record.fingerprint)
            let location = location(of: record.node, index: index)
            var decoder = FieldDecoder(file: name, location: location)
            let values = decoder.decodeRecord(record.node, fields: MatterCatalogue.fields)
            MatterRules.check(values, decoder: &decoder)
            if let id = values["编号"]?.text, let duplicate = ids.claim(id, at: "\(name) \(location)") {
                decoder.report("编号", duplicate.problem, expecting: duplicate.expectation)
            }
            check.diagnostics.add(contentsOf: decoder.diagnostics)
            if !decoder.diagnostics.contains(where: { $0.severity == .error }) { body(Matter(values: values)) }
        }
        if let failure {
            // A file that is not JSON, or not a list of records: that is its one problem.
            check.diagnostics = FileDiagnostics(file: name)
            check.diagnostics.add(failure)
            check.fingerprints = []
        }
        return check
    }

    /// `记录 3（2026-003，第 45 行）`.
    static func location(of node: JSONNode, index: Int) -> String {
        "记录 \(index + 1)（" + (peekID(node).map { "\($0)，" } ?? "") + "第 \(node.line) 行）"
    }

    private static func peekID(_ node: JSONNode) -> String? {
        guard case .object(let members) = node.value,
            case .string(let id)? = members.first(where: { $0.key == "编号" })?.value.value
        else { return nil }
        return id
    }
}

/// The rules that tie a matter's fields together (beyond each field's own type).
enum MatterRules {
    static func check(_ values: FieldRecord, decoder: inout FieldDecoder) {
        let kind = values["事项类型"]?.text.flatMap(MatterKind.init(rawValue:))
        if kind == .instruction, values["领导批示"] == nil {
            decoder.report(
                "领导批示", "领导批示事项缺少“领导批示”（第十二条）", expecting: FieldType.record(MatterCatalogue.instruction).expectation)
        }
        if kind == .keyTask, values["办理方式"]?.text == Handling.transfer.rawValue {
            decoder.report("办理方式", "重点任务事项不能“转阅”（转阅只适用于领导批示事项，第十二条(一)）", expecting: "“督办”或不填")
        }
        if let registered = values["立项日期"]?.date {
            if let deadline = values["办理时限"]?.date, deadline < registered {
                decoder.report("办理时限", "办理时限 \(deadline.iso) 早于立项日期 \(registered.iso)", expecting: "不早于立项日期的日期")
            }
            if let assigned = values["交办日期"]?.date, assigned < registered {
                decoder.report("交办日期", "交办日期 \(assigned.iso) 早于立项日期 \(registered.iso)", expecting: "不早于立项日期的日期")
            }
        }
        if let assigned = values["交办日期"]?.date, let deadline = values["办理时限"]?.date, deadline < assigned {
            decoder.report("办理时限", "办理时限 \(deadline.iso) 早于交办日期 \(assigned.iso)", expecting: "不早于交办日期的日期")
        }
    }
}
