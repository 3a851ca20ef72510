/// Reporting periods (§9): the UK financial year (1 April – 31 March), id `FYyyyy-yy`.
public enum ReportingPeriod {
    /// The period containing `date`, e.g. 2026-04-01 → `FY2026-27`, 2027-03-31 → `FY2026-27`.
    public static func id(containing date: CivilDate) -> String {
        let (year, month, _) = date.components
        let start = month >= 4 ? year : year - 1
        let end = (start + 1) % 100
        return "FY\(start)-\(end < 10 ? "0" : "")\(end)"
    }

    /// The first and last day of a period id, or nil when it is not `FYyyyy-yy`.
    public static func bounds(of period: String) -> (from: CivilDate, to: CivilDate)? {
        let bytes = Array(period.utf8)
        guard bytes.count == 9, period.hasPrefix("FY"), bytes[6] == UInt8(ascii: "-"),
            let start = Int(String(decoding: bytes[2..<6], as: UTF8.self)),
            let from = CivilDate(year: start, month: 4, day: 1), let to = CivilDate(year: start + 1, month: 3, day: 31)
        else { return nil }
        return (from, to)
    }
}
