/// An RFC 3339 date-time as §11 allows it: `YYYY-MM-DDTHH:MM:SS[.frac](Z|±hh:mm)`,
/// `T`/`t` and `Z`/`z` alike, seconds 00–59 (no leap second).
public struct RFC3339Timestamp: Sendable, Hashable {
    /// The local calendar date written in the timestamp.
    public let localDate: CivilDate
    /// Seconds since local midnight (fraction dropped).
    public let secondOfDay: Int
    /// The offset from UTC in minutes (east positive).
    public let offsetMinutes: Int

    /// Parses a timestamp; nil when it is not a valid RFC 3339 date-time.
    public init?(_ text: String) {
        let parsed: RFC3339Timestamp? = text.withUTF8Bytes { RFC3339Timestamp.parse($0) }
        guard let parsed else { return nil }
        self = parsed
    }

    private init(localDate: CivilDate, secondOfDay: Int, offsetMinutes: Int) {
        self.localDate = localDate
        self.secondOfDay = secondOfDay
        self.offsetMinutes = offsetMinutes
    }

    /// The UTC calendar date of the instant.
    public var utcDate: CivilDate {
        let utcSeconds = secondOfDay - offsetMinutes * 60
        let dayShift = utcSeconds < 0 ? -1 : (utcSeconds >= 86_400 ? 1 : 0)
        return localDate.adding(days: dayShift)
    }

    static func parse(_ b: Span<UInt8>) -> RFC3339Timestamp? {
        guard b.count >= 20, let date = CivilDate.parse(b, at: 0) else { return nil }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            let hour = CivilDate.digits(b, 11, 2), b[13] == UInt8(ascii: ":"),
            let minute = CivilDate.digits(b, 14, 2), b[16] == UInt8(ascii: ":"),
            let second = CivilDate.digits(b, 17, 2),
            hour <= 23, minute <= 59, second <= 59
        else { return nil }
        var index = 19
        if b[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < b.count && b[index] >= UInt8(ascii: "0") && b[index] <= UInt8(ascii: "9") { index += 1 }
            guard index > start else { return nil }
        }
        guard index < b.count else { return nil }
        var offset = 0
        switch b[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard b.count - index == 6, let oh = CivilDate.digits(b, index + 1, 2), b[index + 3] == UInt8(ascii: ":"),
                let om = CivilDate.digits(b, index + 4, 2), oh <= 23, om <= 59
            else { return nil }
            offset = (oh * 60 + om) * (b[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        default:
            return nil
        }
        guard index == b.count else { return nil }
        return RFC3339Timestamp(localDate: date, secondOfDay: hour * 3600 + minute * 60 + second, offsetMinutes: offset)
    }
}
