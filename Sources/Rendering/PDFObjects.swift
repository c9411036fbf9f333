/// The objects of a PDF file that can be read without decompressing anything: every `N G obj … endobj` of the
/// file's body (with where its stream's bytes lie), and every trailer dictionary — a `trailer` one or a
/// cross-reference stream's (`/Type /XRef`), in file order. Objects a PDF 1.5 writer packed into compressed
/// object streams (`/Type /ObjStm`) are not read; ``objectStreams`` counts those streams. Streams themselves are
/// never inside object streams, so every stream of the file is here.
///
/// The file is untrusted: reading is one pass over the bytes, bounded by ``Limits``, and never fails — what cannot
/// be read is left out.
public struct PDFObjects: Sendable {
    /// One object of the body.
    public struct Object: Sendable {
        public var number: Int
        public var generation: Int
        public var value: PDFValue
        /// Where the stream's bytes are, for a stream object.
        public var stream: Range<Int>?
    }

    /// Bounds on what is read.
    public struct Limits: Sendable {
        /// The most objects read.
        public var maxObjects = 1_000_000
        /// The most values (keys, elements, nested values) in one object.
        public var maxValues = 200_000
        /// The deepest nesting of arrays and dictionaries.
        public var maxDepth = 32
        /// The bytes kept of a string.
        public var maxString = 256

        public init() {}

        public static let `default` = Limits()
    }

    /// The objects, in file order (an object updated incrementally appears more than once; ``object(_:)`` gives
    /// the last).
    public private(set) var objects: [Object] = []
    /// The trailer dictionaries, in file order.
    public private(set) var trailers: [[String: PDFValue]] = []
    /// How many compressed object streams the file has (their objects are not read).
    public private(set) var objectStreams = 0
    private var latest: [Int: Int] = [:]

    public init(_ bytes: [UInt8], limits: Limits = .default) {
        var lexer = PDFLexer(bytes: bytes, limits: limits)
        var i = 0
        let count = bytes.count
        while i < count, objects.count < limits.maxObjects {
            let byte = bytes[i]
            if byte == 0x6F, let header = lexer.objectHeader(before: i) {  // "obj"
                lexer.position = i + 3
                guard let value = lexer.value(depth: 0) else {
                    i += 3
                    continue
                }
                var object = Object(number: header.number, generation: header.generation, value: value)
                if let dictionary = value.dictionary, let stream = lexer.stream(length: dictionary["Length"]) {
                    object.stream = stream.bytes
                    lexer.position = stream.end
                }
                switch value.dictionary?["Type"]?.name {
                case "ObjStm": objectStreams += 1
                case "XRef": if let dictionary = value.dictionary { trailers.append(dictionary) }
                default: break
                }
                latest[object.number] = objects.count
                objects.append(object)
                i = max(lexer.position, i + 3)
            } else if byte == 0x74, lexer.keyword("trailer", at: i) {
                lexer.position = i + 7
                if let dictionary = lexer.value(depth: 0)?.dictionary { trailers.append(dictionary) }
                i = max(lexer.position, i + 7)
            } else {
                i += 1
            }
        }
    }

    /// Each object's last definition, in file order (what a reader of the file as updated sees).
    public var currentObjects: [Object] {
        objects.indices.filter { latest[objects[$0].number] == $0 }.map { objects[$0] }
    }

    /// The last definition of object `number` in the file, if it is read.
    public func object(_ number: Int) -> Object? { latest[number].map { objects[$0] } }

    /// The object a reference refers to (its last definition), or the value itself when it is not a reference.
    public func resolve(_ value: PDFValue?) -> PDFValue? {
        guard let number = value?.referencedNumber else { return value }
        return object(number)?.value
    }
}
