/// Working days in England and Wales: Monday–Friday except bank holidays.
public struct WorkingDayCalendar: Sendable, Equatable {
    /// The bank holidays, as days since the epoch.
    public let bankHolidays: Set<Int>

    /// Creates a calendar from a list of bank holidays.
    public init(bankHolidays: [CivilDate]) {
        self.bankHolidays = Set(bankHolidays.map(\.daysSinceEpoch))
    }

    /// Whether `date` is a working day.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        date.isoWeekday <= 5 && !bankHolidays.contains(date.daysSinceEpoch)
    }

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
