/// What §9 needs from a FINAL `judgement.updated`.
public struct FinalJudgement: Sendable, Codable, Equatable {
    /// Counts of one criterion.
    public struct CriterionCounts: Sendable, Codable, Equatable {
        public var criterionId: String
        public var yes: Int
        public var no: Int
        public var notApplicable: Int
    }

    public var inspectionId: String
    public var publishedOn: CivilDate
    public var establishmentType: InspectionOpened.EstablishmentType
    /// Per criterion counts, as published.
    public var criteria: [CriterionCounts]
    /// Published `rating` by area raw value (AP … EN, OVERALL).
    public var ratings: [String: Rating]
}
