extension CivilDate {
    /// Whether the date lies in [asOf − days, asOf].
    func isWithin(days: Int, before asOf: CivilDate) -> Bool {
        self >= asOf.adding(days: -days) && self <= asOf
    }
}
