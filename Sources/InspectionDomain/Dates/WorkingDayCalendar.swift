/// Working days in England and Wales: Monday–Friday except bank holidays.
public struct WorkingDayCalendar: Sendable, Equatable {
    /// The bank holidays, as days since the epoch.
    public let bankHolidays: Set<Int>

    /// The bank holidays again as a bit set (bit `d - holidayBase` set for holiday `d`), checked on every step of
    /// `addWorkingDays` without hashing.
    private let holidayBase: Int
    private let holidayBits: [UInt64]

    /// Creates a calendar from a list of bank holidays.
    public init(bankHolidays: [CivilDate]) {
        let days = bankHolidays.map(\.daysSinceEpoch)
        self.bankHolidays = Set(days)
        let base = days.min() ?? 0
        var bits = [UInt64](repeating: 0, count: ((days.max() ?? base) - base) / 64 + 1)
        for day in days { bits[(day - base) >> 6] |= 1 << UInt64((day - base) & 63) }
        holidayBase = base
        holidayBits = bits
    }

    /// Whether `date` is a working day.
    @inline(__always)
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        guard date.isoWeekday <= 5 else { return false }
        let offset = date.daysSinceEpoch - holidayBase
        guard offset >= 0 && offset >> 6 < holidayBits.count else { return true }
        return holidayBits[offset >> 6] & (1 << UInt64(offset & 63)) == 0
    }

    /// Calendars are equal when their bank holidays are (the bit set is derived from them).
    public static func == (a: Self, b: Self) -> Bool { a.bankHolidays == b.bankHolidays }

    /// `addWorkingDays(d, n)` of §6.1: the n-th working day after `date`, never counting `date` itself (§11).
    public func addWorkingDays(_ date: CivilDate, _ n: Int) -> CivilDate {
        var current = date
        var counted = 0
        while counted < n {
            current = current.adding(days: 1)
            if isWorkingDay(current) { counted += 1 }
        }
        return current
    }
}
