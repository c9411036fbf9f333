/// A JSON value that remembers where it stood in the file, so that every error can name its line,
/// and that keeps an object's keys in order, duplicates included, so that duplicates can be reported.
public struct JSONNode: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case string(String)
        /// The number exactly as written.
        case number(String)
        case bool(Bool)
        case null
        case array([JSONNode])
        case object([JSONMember])
    }

    public var value: Value
    /// 1-based line of the value's first character.
    public var line: Int

    public init(_ value: Value, line: Int) {
        self.value = value
        self.line = line
    }

    /// How the value's JSON type is named in error messages.
    public var typeName: String {
        switch value {
        case .string: return "文字"
        case .number: return "数字"
        case .bool: return "true/false"
        case .null: return "null"
        case .array: return "数组"
        case .object: return "对象"
        }
    }
}

/// One `"key": value` of a JSON object.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONNode

    public init(key: String, value: JSONNode) {
        self.key = key
        self.value = value
    }
}
