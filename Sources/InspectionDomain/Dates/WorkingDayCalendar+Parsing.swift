extension WorkingDayCalendar {
    /// Parses `bank-holidays-england-wales.txt`: one `YYYY-MM-DD` a line; `#` comments and blank lines ignored.
    public init(bankHolidaysText: String) throws(RuleSetError) {
        var dates: [CivilDate] = []
        var lineNumber = 0
        for rawLine in bankHolidaysText.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingASCIIWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let date = CivilDate(String(line)) else {
                throw RuleSetError(file: "bank-holidays-england-wales.txt", field: "line \(lineNumber)", reason: "not a date: \(line)")
            }
            dates.append(date)
        }
        self.init(bankHolidays: dates)
    }
}
