/// Limits applied by ``XMLDocumentParser`` to untrusted XML.
///
/// libxml2 enforces its own limits as well (without `XML_PARSE_HUGE`): element nesting deeper
/// than 256 and single text nodes larger than 10 MB are refused whatever these limits say.
public struct XMLLimits: Sendable, Equatable {
    /// The largest document accepted, in bytes.
    public var maxBytes: Int
    /// The deepest element nesting accepted (the root element is depth 1).
    public var maxDepth: Int

    /// Creates limits.
    public init(maxBytes: Int = 64 << 20, maxDepth: Int = 256) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    /// 64 MiB and depth 256.
    public static let `default` = XMLLimits()
}
