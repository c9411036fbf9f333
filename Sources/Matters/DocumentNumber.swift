/// A registered document number (发文字号): prefix, year and serial, printed `西督通〔2026〕12号`
/// (GB/T 9704 §7.2.5: 六角括号, full year, no leading zeros, no 第).
public struct DocumentNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var prefix: String
    public var year: Int
    public var serial: Int

    public init(prefix: String, year: Int, serial: Int) {
        self.prefix = prefix
        self.year = year
        self.serial = serial
    }

    public var description: String { "\(prefix)〔\(year)〕\(serial)号" }

    public static func < (lhs: DocumentNumber, rhs: DocumentNumber) -> Bool {
        (lhs.prefix, lhs.year, lhs.serial) < (rhs.prefix, rhs.year, rhs.serial)
    }
}
