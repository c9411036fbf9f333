public import Matters

/// Reads matter records (JSON) and checks them against ``MatterCatalogue``: every problem of every
/// record, each with file, record, field and what was expected.
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

    /// Reads JSON files given as (name, bytes). A file is a JSON array of records, or an object with the
    /// array under `事项`. Matter ids must be unique across all the files.
    public static func read(files: [(name: String, bytes: [UInt8])]) -> Result {
        var result = Result()
        var firstSeen: [String: (file: String, location: String)] = [:]
        for (name, bytes) in files {
            let records: [JSONNode]
            switch RecordFile.records(name: name, bytes: bytes, wrapper: "事项", kind: "事项") {
            case .success(let items): records = items
            case .failure(let problem):
                result.diagnostics.append(problem.diagnostic)
                result.filesWithErrors.insert(name)
                continue
            }
            var fileMatters: [Matter] = []
            for (index, node) in records.enumerated() {
                let id = Self.peekID(node)
                let location = "记录 \(index + 1)（" + (id.map { "\($0)，" } ?? "") + "第 \(node.line) 行）"
                var decoder = FieldDecoder(file: name, location: location)
                let values = decoder.decodeRecord(node, fields: MatterCatalogue.fields)
                MatterRules.check(values, decoder: &decoder)
                if let id = values["编号"]?.text {
                    if let first = firstSeen[id] {
                        decoder.report(
                            "编号", "编号“\(id)”重复：\(first.file) \(first.location) 已用此编号", expecting: "每个事项唯一的编号")
                    } else {
                        firstSeen[id] = (name, location)
                    }
                }
                result.diagnostics.append(contentsOf: decoder.diagnostics)
                if decoder.diagnostics.contains(where: { $0.severity == .error }) {
                    result.filesWithErrors.insert(name)
                } else {
                    fileMatters.append(Matter(values: values))
                }
            }
            // Nothing of a file with an error is taken in.
            if !result.filesWithErrors.contains(name) {
                result.matters.append(contentsOf: fileMatters)
                result.files.append(contentsOf: Array(repeating: name, count: fileMatters.count))
            }
        }
        return result
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
