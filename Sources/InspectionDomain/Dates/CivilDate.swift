import FastJSON

/// A date in the proleptic Gregorian calendar, stored as days since 1970-01-01.
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let daysSinceEpoch: Int

    /// Creates a date from days since 1970-01-01.
    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// Creates a date from its parts, or nil when the date does not exist (2026-02-30).
    @inline(__always)
    public init?(year: Int, month: Int, day: Int) {
        guard year >= 1 && year <= 9999, month >= 1 && month <= 12, day >= 1,
            day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        daysSinceEpoch = CivilDate.days(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD`; nil when the text is not that shape or the date does not exist.
    public init?(_ text: String) {
        let parsed: CivilDate? = text.withUTF8Bytes { bytes in bytes.count == 10 ? CivilDate.parse(bytes, at: 0) : nil }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses `YYYY-MM-DD` at `offset` in `bytes` (nil unless it holds at least 10 bytes from there).
    ///
    /// Word at a time: the first eight bytes (`YYYY-MM-`) in one load, checked and split with a few operations on
    /// the word instead of a load, a comparison and a branch per byte; then the two of the day.
    @inline(__always)
    static func parse(_ bytes: Span<UInt8>, at offset: Int) -> CivilDate? {
        guard offset >= 0, bytes.count - offset >= 10 else { return nil }
        // XOR with "0000-00-" leaves a digit as its value (0–9) and a hyphen as 0: every byte must then be at most
        // 9 and the hyphens' bytes 0. Adding 0x76 sets a byte's high bit exactly when it is over 9 (a byte with its
        // high bit already set is caught by the OR; its carry can only flag the next byte of a date already refused).
        let head = bytes.littleEndianUInt64(at: offset) ^ 0x2D30_302D_3030_3030
        let tail = UInt64(bytes.littleEndianUInt16(at: offset + 8) ^ 0x3030)
        let highs: UInt64 = 0x8080_8080_8080_8080
        guard (head | (head &+ 0x7676_7676_7676_7676)) & highs == 0, head & 0xFF00_00FF_0000_0000 == 0,
            (tail | (tail &+ 0x7676)) & 0x8080 == 0
        else { return nil }
        @inline(__always) func digit(_ word: UInt64, _ index: UInt64) -> Int { Int(truncatingIfNeeded: (word >> (8 * index)) & 0xFF) }
        let year = digit(head, 0) * 1000 + digit(head, 1) * 100 + digit(head, 2) * 10 + digit(head, 3)
        return CivilDate(year: year, month: digit(head, 5) * 10 + digit(head, 6), day: digit(tail, 0) * 10 + digit(tail, 1))
    }

    /// Reads `count` ASCII digits at `offset` as a number (inlined, so the loop unrolls for a constant count).
    @inline(__always)
    static func digits(_ bytes: Span<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        var value = 0
        for index in offset..<(offset + count) {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since the epoch of a valid date (Howard Hinnant's days_from_civil). Valid years start at 1, so the
    /// arithmetic is unsigned (no corrections for negative quotients).
    @inline(__always)
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = UInt(month <= 2 ? year - 1 : year)
        let era = y / 400
        let yoe = y - era * 400
        let mp = UInt(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + UInt(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int(era * 146_097 + doe) - 719_468
    }

    /// The (year, month, day) of this date.
    public var components: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let r = (daysSinceEpoch + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// The date `n` calendar days later (earlier for negative `n`).
    public func adding(days n: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: daysSinceEpoch + n)
    }

    /// Calendar days from `self` to `other` (`days(a, b)` of §6.1).
    public func days(to other: CivilDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = components
        guard year >= 0 && year <= 9999 else { return Self.unpadded(year, month, day) }
        return String(utf8Count: 10) { Self.writeISO(year, month, day, into: &$0) }
    }

    /// The text of a date whose year is outside 0–9999 (which no valid date has): the year written in full.
    static func unpadded(_ year: Int, _ month: Int, _ day: Int) -> String {
        String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }

    /// Writes `YYYY-MM-DD` (a year in 0–9999) into the first ten bytes of `out`.
    @inline(__always)
    static func writeISO(_ year: Int, _ month: Int, _ day: Int, into out: inout MutableSpan<UInt8>) {
        let digit = { (value: Int) in UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value) }
        out[0] = digit(year / 1000 % 10); out[1] = digit(year / 100 % 10)
        out[2] = digit(year / 10 % 10); out[3] = digit(year % 10)
        out[4] = UInt8(ascii: "-")
        out[5] = digit(month / 10); out[6] = digit(month % 10)
        out[7] = UInt8(ascii: "-")
        out[8] = digit(day / 10); out[9] = digit(day % 10)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }
}
