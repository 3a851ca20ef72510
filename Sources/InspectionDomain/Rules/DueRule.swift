/// The "due D: X" rule of §6.2.
enum DueRule {
    /// "YES if X happened on or before D; NO if it happened after D, or has not happened and
    /// `asOf` > D; NA if it has not happened and `asOf` ≤ D (too early to judge)."
    static func answer(happened: CivilDate?, due: CivilDate, asOf: CivilDate) -> Answer {
        if let happened { return happened <= due ? .yes : .no }
        return asOf > due ? .no : .notApplicable
    }
}
