/// A date in the proleptic Gregorian calendar, stored as days since 1970-01-01.
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let daysSinceEpoch: Int

    /// Creates a date from days since 1970-01-01.
    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// Creates a date from its parts, or nil when the date does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard year >= 1 && year <= 9999, month >= 1 && month <= 12, day >= 1,
            day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        daysSinceEpoch = CivilDate.days(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD`; nil when the text is not that shape or the date does not exist.
    public init?(_ text: String) {
        var text = text
        let parsed: CivilDate? = text.withUTF8 { bytes in
            guard bytes.count == 10 else { return nil }
            return CivilDate.parse(bytes, at: 0)
        }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses `YYYY-MM-DD` at `offset` in `bytes` (which must hold at least 10 bytes from there).
    @inline(__always)
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> CivilDate? {
        guard bytes.count - offset >= 10, bytes[offset + 4] == UInt8(ascii: "-"), bytes[offset + 7] == UInt8(ascii: "-"),
            let year = digits(bytes, offset, 4), let month = digits(bytes, offset + 5, 2),
            let day = digits(bytes, offset + 8, 2)
        else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// Reads `count` ASCII digits at `offset` as a number (inlined, so the loop unrolls for a constant count).
    @inline(__always)
    static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int, _ count: Int) -> Int? {
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
        withISOBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the `YYYY-MM-DD` bytes, built on the stack (years outside 0–9999, which no valid date
    /// has, are written in full).
    func withISOBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let (year, month, day) = components
        guard year >= 0 && year <= 9999 else {
            let text = String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
            return text.withUTF8Bytes(body)
        }
        var bytes: (UInt64, UInt16) = (0, 0)
        return withUnsafeMutableBytes(of: &bytes) { raw in
            let digit = { (value: Int) in UInt8(ascii: "0") &+ UInt8(value) }
            raw[0] = digit(year / 1000 % 10); raw[1] = digit(year / 100 % 10)
            raw[2] = digit(year / 10 % 10); raw[3] = digit(year % 10)
            raw[4] = UInt8(ascii: "-")
            raw[5] = digit(month / 10); raw[6] = digit(month % 10)
            raw[7] = UInt8(ascii: "-")
            raw[8] = digit(day / 10); raw[9] = digit(day % 10)
            return body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 10))
        }
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }
}
