import Matters

/// Excel's serial dates: a number of days, as Excel stores every date.
enum ExcelDate {
    /// The largest serial Excel shows as a date: 9999-12-31.
    static let maxSerial = 2_958_465.0

    /// The day of a serial number (any fraction, the time of day, is dropped).
    ///
    /// In the 1900 date system day 1 is 1900-01-01 and day 60 is the 1900-02-29 that Lotus 1-2-3
    /// invented and Excel kept (no such day: `nil`); from day 61 on, day `n` is 1899-12-30 + `n`,
    /// which is also LibreOffice's epoch. In the 1904 system day 0 is 1904-01-01.
    static func date(fromSerial serial: Double, uses1904: Bool) -> CivilDate? {
        guard serial.isFinite, serial >= (uses1904 ? 0 : 1), serial < maxSerial + 1 else { return nil }
        let days = Int(serial.rounded(.down))
        if uses1904 { return CivilDate(dayNumber: epoch1904 + days) }
        if days == 60 { return nil }
        return CivilDate(dayNumber: (days < 60 ? epoch1900 + 1 : epoch1900) + days)
    }

    /// 1899-12-30 and 1904-01-01 as day numbers.
    private static let epoch1900 = CivilDate(year: 1899, month: 12, day: 30)!.dayNumber
    private static let epoch1904 = CivilDate(year: 1904, month: 1, day: 1)!.dayNumber
}
