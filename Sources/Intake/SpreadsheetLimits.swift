public import ODF

/// Limits applied to untrusted workbooks (XLSX, ODS, CSV), so that a hostile or absurd file is
/// refused with a message instead of exhausting memory.
///
/// Only cells that hold something are kept: a sheet that declares a million empty rows, or an ODS
/// row of 16,384 repeated empty cells, costs nothing. Cells that do hold something count against
/// ``maxCells``, which is checked before a repeated cell or row is copied out.
public struct SpreadsheetLimits: Sendable, Equatable {
    /// Excel's and LibreOffice's largest sheet: 1,048,576 rows.
    public static let maxRows = 1_048_576
    /// Excel's and LibreOffice's largest sheet: 16,384 columns (A … XFD).
    public static let maxColumns = 16_384

    /// Zip limits for XLSX and ODS packages.
    public var zip: ZipLimits
    /// XML limits for each part that is read.
    public var xml: XMLLimits
    /// The most cells with a value in one workbook.
    public var maxCells: Int
    /// The largest CSV file, in bytes.
    public var maxCSVBytes: Int

    /// Creates limits.
    public init(
        zip: ZipLimits = ZipLimits(maxEntries: 2_000, maxEntrySize: 64 << 20, maxTotalSize: 256 << 20),
        xml: XMLLimits = XMLLimits(maxBytes: 64 << 20, maxDepth: 64), maxCells: Int = 500_000,
        maxCSVBytes: Int = 64 << 20
    ) {
        self.zip = zip
        self.xml = xml
        self.maxCells = maxCells
        self.maxCSVBytes = maxCSVBytes
    }

    /// 2,000 zip entries, 64 MiB per entry and 256 MiB in all (compression ratio at most 200:1
    /// above 1 MiB), XML parts of 64 MiB nested at most 64 deep, 500,000 cells with a value, CSV
    /// files of 64 MiB. A ledger of 10,000 matters in 40 columns fits.
    public static let `default` = SpreadsheetLimits()
}
