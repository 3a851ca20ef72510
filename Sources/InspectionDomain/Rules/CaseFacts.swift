/// The derived facts of §6.1 for one case record.
public struct CaseFacts: Sendable, Equatable {
    /// "`asOf` = the UTC calendar date of `extractedAt`."
    public let asOf: CivilDate
    /// "`age` = completed years from `dateOfBirth` to `asOf`" — comparing (month, day) pairs (§11).
    public let age: Int
    /// "`youngAdult` = 18 ≤ age ≤ 20."
    public let youngAdult: Bool
    /// "`inScope` = sentence type IPP or LIFE, or riskOfSeriousHarm in {HIGH, VERY_HIGH}, or prolificPriorityOffender."
    public let inScope: Bool
    /// "`releaseDate` = conditionalReleaseDate for DETERMINATE/EXTENDED, tariffDate for IPP/LIFE; may be absent."
    public let releaseDate: CivilDate?
    /// "`twelveMonthsPlus` = type IPP or LIFE, or lengthMonths ≥ 12."
    public let twelveMonthsPlus: Bool
    /// "`oasysDeadline` = startDate + 56 days when releaseDate is present and days(startDate, releaseDate) < 730, else + 112 days."
    public let oasysDeadline: CivilDate

    /// Derives the facts of a record.
    public init(_ r: borrowing CaseFileSubmitted) {
        let asOf = r.extractedAt.utcDate
        self.asOf = asOf
        let birth = r.dateOfBirth.components
        let now = asOf.components
        var age = now.year - birth.year
        if (now.month, now.day) < (birth.month, birth.day) { age -= 1 }
        self.age = age
        youngAdult = age >= 18 && age <= 20
        let type = r.sentence.type
        inScope = type == .ipp || type == .life || r.riskOfSeriousHarm == .high || r.riskOfSeriousHarm == .veryHigh || r.prolificPriorityOffender
        switch type {
        case .determinate, .extended: releaseDate = r.sentence.conditionalReleaseDate
        case .ipp, .life: releaseDate = r.sentence.tariffDate
        }
        twelveMonthsPlus = type == .ipp || type == .life || (r.sentence.lengthMonths ?? 0) >= 12
        let start = r.sentence.startDate
        if let releaseDate, start.days(to: releaseDate) < 730 {
            oasysDeadline = start.adding(days: 56)
        } else {
            oasysDeadline = start.adding(days: 112)
        }
    }
}
