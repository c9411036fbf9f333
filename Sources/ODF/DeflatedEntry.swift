/// A file already deflated once, to be copied into many zip archives without deflating it again (DESIGN
/// decision 4: parts that hold no tag are the same bytes in every document).
///
/// It holds a one-entry zip made by ``ZipWriter``; ``ZipWriter`` copies that entry's compressed data raw
/// (libzip `zip_source_zip` with `ZIP_FL_COMPRESSED`), so an archive made with it is byte for byte the
/// archive made from the plain data.
public struct DeflatedEntry: Sendable, Equatable {
    /// The one-entry zip.
    let archive: [UInt8]
    /// The uncompressed size (for callers that need it).
    public let size: Int

    /// Deflates `data` once.
    public init(_ data: [UInt8]) throws(ODFError) {
        archive = try ZipWriter.archive(
            [ZipEntry(name: "d", data: data)], modified: ZipTimestamp(year: 1980, month: 1, day: 1))
        size = data.count
    }
}
