import Matters

/// The records of a record file: a JSON array, or an object holding the array under one key (`事项`, `事件`).
enum RecordFile {
    /// The records, or the diagnostic that says why the file holds none.
    static func records(name: String, bytes: [UInt8], wrapper: String, kind: String) -> Result<[JSONNode], Problem> {
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            return .failure(
                Problem(
                    diagnostic: Diagnostic(
                        file: name, location: "第 \(error.line) 行", field: "", problem: "不是有效的 JSON：\(error.message)")))
        }
        if case .array(let items) = root.value { return .success(items) }
        if case .object(let members) = root.value, members.count == 1, members[0].key == wrapper,
            case .array(let items) = members[0].value.value
        {
            return .success(items)
        }
        return .failure(
            Problem(
                diagnostic: Diagnostic(
                    file: name, location: "第 \(root.line) 行", field: "", problem: "文件的最外层不是\(kind)记录数组",
                    expectation: "[ {…}, {…} ] 或 {\"\(wrapper)\": [ … ]}")))
    }

    struct Problem: Error {
        var diagnostic: Diagnostic
    }
}
