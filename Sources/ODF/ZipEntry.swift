/// One file to put into a zip archive with ``ZipWriter``.
public struct ZipEntry: Sendable, Equatable {
    /// The entry name, `/`-separated (e.g. `Pictures/logo.png`); UTF-8, Chinese allowed.
    public var name: String
    /// The uncompressed contents.
    public var data: [UInt8]
    /// `true` to deflate the entry, `false` to store it uncompressed.
    public var compressed: Bool
    /// The entry already deflated: its compressed bytes are copied instead of deflating `data` again.
    public var deflated: DeflatedEntry?
    /// Unix permission bits (e.g. `0o644`) written into the entry's external attributes with "made by Unix", so
    /// that `unzip` gives the extracted file these permissions; `nil` leaves libzip's default (which `unzip`
    /// reads as `0666`). With a mode, a name ending in `/` is written as a folder entry.
    public var mode: UInt16?

    /// Creates an entry.
    public init(name: String, data: [UInt8], compressed: Bool = true, mode: UInt16? = nil) {
        self.name = name
        self.data = data
        self.compressed = compressed
        self.mode = mode
    }

    /// A folder entry (`name` ends in `/`) with these permissions, so that `unzip` creates the folder with them.
    public static func folder(_ name: String, mode: UInt16) -> ZipEntry {
        ZipEntry(name: name.hasSuffix("/") ? name : name + "/", data: [], compressed: false, mode: mode)
    }

    /// Creates an entry from data deflated before.
    public init(name: String, deflated: DeflatedEntry) {
        self.name = name
        self.data = []
        self.compressed = true
        self.deflated = deflated
    }
}

/// A wall-clock time written as every entry's DOS modification time, so that the same input
/// gives byte-identical archives. DOS times have a two-second resolution (odd seconds are
/// rounded down) and cover the years 1980–2107.
public struct ZipTimestamp: Sendable, Equatable, Hashable {
    /// The year, 1980–2107.
    public var year: Int
    /// The month, 1–12.
    public var month: Int
    /// The day of the month, 1–31.
    public var day: Int
    /// The hour, 0–23.
    public var hour: Int
    /// The minute, 0–59.
    public var minute: Int
    /// The second, 0–59.
    public var second: Int

    /// Creates a timestamp.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// 1980-01-01 00:00:00, the earliest DOS time.
    public static let dosEpoch = ZipTimestamp(year: 1980, month: 1, day: 1)

    /// The MS-DOS time and date words, or an error naming the field out of range.
    func dosTimeAndDate() throws(ODFError) -> (time: UInt16, date: UInt16) {
        let ranges: [(String, Int, ClosedRange<Int>)] = [
            ("年", year, 1980...2107), ("月", month, 1...12), ("日", day, 1...31),
            ("时", hour, 0...23), ("分", minute, 0...59), ("秒", second, 0...59),
        ]
        for (label, value, range) in ranges where !range.contains(value) {
            throw ODFError(
                .invalidArgument,
                "压缩包时间的“\(label)”为 \(value)，超出 ZIP 可表示的范围 \(range.lowerBound)–\(range.upperBound)",
                source: "ZIP")
        }
        let time = UInt16(hour << 11 | minute << 5 | second / 2)
        let date = UInt16((year - 1980) << 9 | month << 5 | day)
        return (time, date)
    }
}

/// Rules for zip entry names shared by ``ZipWriter`` and ``ZipReader``.
enum ZipEntryName {
    /// `false` for empty, absolute (`/x`, `C:x`) names, names with a backslash, a NUL or a
    /// `..` segment.
    static func isSafe(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix("/") { return false }
        let utf8 = Array(name.utf8)
        if utf8.contains(0x5C) || utf8.contains(0) { return false }
        if utf8.count >= 2, utf8[1] == 0x3A, (0x41...0x5A).contains(utf8[0] & 0xDF) { return false }
        return !name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }
}
