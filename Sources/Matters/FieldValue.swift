/// A value of a catalogue field, already checked against its ``FieldType``.
public enum FieldValue: Sendable, Equatable {
    case text(String)
    case date(CivilDate)
    case flag(Bool)
    case list([FieldValue])
    case record(FieldRecord)

    /// The text of a `.text` value.
    public var text: String? {
        if case .text(let s) = self { return s }
        return nil
    }

    /// The date of a `.date` value.
    public var date: CivilDate? {
        if case .date(let d) = self { return d }
        return nil
    }

    /// The fields of a `.record` value.
    public var record: FieldRecord? {
        if case .record(let r) = self { return r }
        return nil
    }

    /// The items of a `.list` value.
    public var list: [FieldValue]? {
        if case .list(let items) = self { return items }
        return nil
    }
}

/// Named field values in the catalogue's order.
public struct FieldRecord: Sendable, Equatable {
    public private(set) var entries: [(key: String, value: FieldValue)]

    public init(_ entries: [(key: String, value: FieldValue)] = []) { self.entries = entries }

    public subscript(key: String) -> FieldValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    public var isEmpty: Bool { entries.isEmpty }

    public static func == (lhs: FieldRecord, rhs: FieldRecord) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
