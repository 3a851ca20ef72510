import Testing

@testable import InspectionDomain

@Suite struct CivilDateTests {
    @Test(arguments: [
        "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01", "26-01-01", "2026-01-01T", "2026/01/01", "abcd-ef-gh",
        "2026-01-00",
    ])
    func rejectsImpossibleOrMalformedDates(_ text: String) {
        #expect(CivilDate(text) == nil)
    }

    @Test(arguments: ["2024-02-29", "2000-02-29", "1970-01-01", "1999-12-31", "2026-12-31"])
    func roundTrips(_ text: String) {
        #expect(CivilDate(text)?.description == text)
    }

    /// Every valid date, 0001-01-01 to 9999-12-31: days counted from its parts are consecutive, and agree with the
    /// parts worked out back from the day count (`components`, separate arithmetic).
    @Test func everyValidDateCountsItsDays() throws {
        var expected = try #require(CivilDate(year: 1, month: 1, day: 1)).daysSinceEpoch
        var checked = 0
        for year in 1...9999 {
            for month in 1...12 {
                for day in 1...CivilDate.daysInMonth(year: year, month: month) {
                    let date = CivilDate(year: year, month: month, day: day)
                    guard let date, date.daysSinceEpoch == expected, date.components == (year, month, day) else {
                        Issue.record("\(year)-\(month)-\(day): \(String(describing: date?.daysSinceEpoch)), expected \(expected)")
                        return
                    }
                    expected += 1
                    checked += 1
                }
            }
        }
        #expect(checked == 3_652_059)
        #expect(CivilDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
    }

    /// The word-at-a-time parser against a byte-by-byte reading of the same bytes: every byte value at every
    /// position of a few dates, and a date read at an offset inside a longer buffer.
    @Test func parserAgreesWithAByteByByteReading() {
        func reference(_ b: ArraySlice<UInt8>) -> CivilDate? {
            let b = Array(b)
            guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
            var parts: [Int] = []
            for range in [0..<4, 5..<7, 8..<10] {
                var value = 0
                for byte in b[range] {
                    guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                }
                parts.append(value)
            }
            return CivilDate(year: parts[0], month: parts[1], day: parts[2])
        }
        var mismatches: [String] = []
        var accepted = 0
        for text in ["2024-02-29", "1999-12-31", "0001-01-01", "9999-12-31", "2026-10-09"] {
            for position in 0..<10 {
                for value in UInt8.min...UInt8.max {
                    var bytes = Array(("xx" + text + "yy").utf8)
                    bytes[2 + position] = value
                    let parsed = CivilDate.parse(bytes.span, at: 2)
                    if parsed != reference(bytes[2...]) { mismatches.append("\(text) with byte \(value) at \(position)") }
                    if parsed != nil { accepted += 1 }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(accepted > 50)  // the unchanged dates, and the digits that keep them valid
        let short = Array("2026-10-0".utf8)
        #expect(CivilDate.parse(short.span, at: 0) == nil)
    }

    @Test func leapYears() {
        #expect(CivilDate.isLeapYear(2024))
        #expect(CivilDate.isLeapYear(2000))
        #expect(!CivilDate.isLeapYear(1900))
        #expect(!CivilDate.isLeapYear(2026))
        #expect(CivilDate("1900-02-29") == nil)
    }

    @Test func arithmeticAndWeekdays() {
        #expect(CivilDate("1970-01-01")!.daysSinceEpoch == 0)
        #expect(CivilDate("2026-11-27")!.isoWeekday == 5)  // a Friday
        #expect(CivilDate("2025-02-03")!.isoWeekday == 1)  // a Monday
        #expect(CivilDate("2025-01-10")!.adding(days: 56).description == "2025-03-07")
        #expect(CivilDate("2024-02-28")!.adding(days: 1).description == "2024-02-29")
        #expect(CivilDate("2025-01-10")!.days(to: CivilDate("2026-07-10")!) == 546)
    }
}

@Suite struct RFC3339TimestampTests {
    @Test(arguments: [
        ("2026-02-27T17:00:00Z", "2026-02-27"), ("2026-02-27t17:00:00z", "2026-02-27"),
        ("2026-02-27T23:30:00-01:00", "2026-02-28"), ("2026-02-28T00:30:00+01:00", "2026-02-27"),
        ("2026-02-27T17:00:00.123456Z", "2026-02-27"), ("2024-12-31T23:59:59-00:30", "2025-01-01"),
        ("2026-03-01T00:00:00+14:00", "2026-02-28"),
    ])
    func utcDates(_ text: String, _ date: String) {
        #expect(RFC3339Timestamp(text)?.utcDate.description == date)
    }

    @Test(arguments: [
        "2026-02-27T17:00:60Z", "2026-02-27 17:00:00Z", "2026-02-27T17:00:00", "2026-02-27T24:00:00Z",
        "2026-02-30T10:00:00Z", "2026-02-27T17:00Z", "2026-02-27T17:00:00.Z", "2026-02-27T17:00:00+0100",
        "2026-02-27T17:00:00+01", "2026-02-27", "2026-02-27T17:60:00Z", "2026-02-27T17:00:00ZZ", "",
    ])
    func rejects(_ text: String) {
        #expect(RFC3339Timestamp(text) == nil)
    }
}

@Suite struct WorkingDayCalendarTests {
    let calendar: WorkingDayCalendar

    init() throws { calendar = try Fixtures.rules.calendar }

    @Test(arguments: [
        ("2025-02-03", 2, "2025-02-05"),  // Monday + 2
        ("2025-02-06", 2, "2025-02-10"),  // Thursday + 2 crosses a weekend
        ("2025-02-08", 1, "2025-02-10"),  // from a Saturday: never counts d itself
        ("2025-12-23", 2, "2025-12-29"),  // Christmas Day and Boxing Day are bank holidays
        ("2026-04-02", 1, "2026-04-07"),  // Good Friday 3 April and Easter Monday 6 April 2026
        ("2025-02-03", 10, "2025-02-17"),
        ("2030-01-04", 1, "2030-01-07"),  // beyond the list: only weekends skipped
        ("2025-02-03", 0, "2025-02-03"),
    ])
    func addWorkingDays(_ from: String, _ n: Int, _ expected: String) {
        #expect(calendar.addWorkingDays(CivilDate(from)!, n).description == expected)
    }

    /// The bit set agrees with the list on every day from before the first holiday to after the last one, and
    /// on an empty list.
    @Test func workingDaysAgreeWithTheHolidayList() {
        let holidays = calendar.bankHolidays
        let first = holidays.min()!, last = holidays.max()!
        for day in (first - 400)...(last + 400) {
            let date = CivilDate(daysSinceEpoch: day)
            #expect(calendar.isWorkingDay(date) == (date.isoWeekday <= 5 && !holidays.contains(day)), "\(date)")
        }
        let none = WorkingDayCalendar(bankHolidays: [])
        #expect(none.isWorkingDay(CivilDate("2025-12-25")!))
        #expect(!none.isWorkingDay(CivilDate("2025-12-27")!))
    }
}
