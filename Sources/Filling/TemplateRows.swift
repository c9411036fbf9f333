/// The items of a list that are made when the document is filled, one at a time, each from its index: a
/// publication that lists every lagging matter and every plan of a year's quarter then holds one row at a time,
/// not a tree of thousands. Two are equal when they make the same items.
public struct TemplateRows: Sendable, Equatable {
    public let count: Int
    public let make: @Sendable (Int) -> TemplateValue

    public init(count: Int, make: @escaping @Sendable (Int) -> TemplateValue) {
        self.count = max(count, 0)
        self.make = make
    }

    /// Every item, made now.
    public var items: [TemplateValue] { (0..<count).map(make) }

    public static func == (a: TemplateRows, b: TemplateRows) -> Bool { a.count == b.count && a.items == b.items }
}
