/// Limits applied by ``ZipReader`` to untrusted archives (zip bombs, huge or numerous entries).
public struct ZipLimits: Sendable, Equatable {
    /// The most entries an archive may have.
    public var maxEntries: Int
    /// The largest uncompressed size of one entry, in bytes (declared and actual).
    public var maxEntrySize: Int
    /// The largest sum of the declared uncompressed sizes of all entries, in bytes.
    public var maxTotalSize: Int
    /// The largest uncompressed/compressed size ratio of an entry bigger than
    /// ``compressionRatioGraceSize``.
    public var maxCompressionRatio: Int
    /// Entries up to this uncompressed size are exempt from the ratio check (small, highly
    /// repetitive XML parts legitimately compress very well).
    public var compressionRatioGraceSize: Int

    /// Creates limits.
    public init(
        maxEntries: Int = 10_000, maxEntrySize: Int = 256 << 20, maxTotalSize: Int = 1 << 30,
        maxCompressionRatio: Int = 200, compressionRatioGraceSize: Int = 1 << 20
    ) {
        self.maxEntries = maxEntries
        self.maxEntrySize = maxEntrySize
        self.maxTotalSize = maxTotalSize
        self.maxCompressionRatio = maxCompressionRatio
        self.compressionRatioGraceSize = compressionRatioGraceSize
    }

    /// 10,000 entries, 256 MiB per entry, 1 GiB in total, ratio 200 above 1 MiB.
    public static let `default` = ZipLimits()
}
