/// The named values of a ``TemplateValue/record(_:)``, kept as one array of pairs ordered by key. A record has a
/// handful of keys, and a publication holds one per row — thousands in a year's bulletin — so a hash table's
/// spare buckets would cost several times the values themselves; looking a key up by halving is as fast at this
/// size.
public struct TemplateRecord: Sendable, Equatable, ExpressibleByDictionaryLiteral, Sequence {
    public typealias Element = (key: String, value: TemplateValue)

    private var pairs: [Element]

    public init() { pairs = [] }

    /// Later pairs replace earlier ones of the same key, as assigning them one by one would.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        pairs = []
        pairs.reserveCapacity(elements.count)
        for (key, value) in elements { self[key] = value }
    }

    public var isEmpty: Bool { pairs.isEmpty }
    public var count: Int { pairs.count }

    /// The value of `key`; setting nil removes it.
    public subscript(key: String) -> TemplateValue? {
        get {
            let place = position(of: key)
            return place < pairs.count && pairs[place].key == key ? pairs[place].value : nil
        }
        set {
            let place = position(of: key)
            let present = place < pairs.count && pairs[place].key == key
            switch (newValue, present) {
            case (let value?, true): pairs[place].value = value
            case (let value?, false): pairs.insert((key, value), at: place)
            case (nil, true): pairs.remove(at: place)
            case (nil, false): break
            }
        }
    }

    /// The first place whose key is not below `key`.
    private func position(of key: String) -> Int {
        var low = 0
        var high = pairs.count
        while low < high {
            let middle = (low + high) / 2
            if pairs[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    public func makeIterator() -> IndexingIterator<[Element]> { pairs.makeIterator() }

    public static func == (a: TemplateRecord, b: TemplateRecord) -> Bool {
        a.pairs.count == b.pairs.count && zip(a.pairs, b.pairs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
