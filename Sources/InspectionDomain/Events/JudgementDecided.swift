/// `inspection.judgement-decided` (§4.3): the inspectors' own rating for an area.
public struct JudgementDecided: Sendable, Equatable {
    public var inspectionId: String
    public var area: Area
    public var rating: Rating
    public var rationale: String
    public var decidedBy: String

    init(data d: borrowing FieldReader) throws(Rejection) {
        inspectionId = try d.requiredIdentifier("inspectionId", .id)
        area = try d.requiredEnum("area", Area.self)
        let ratingText = try d.requiredOneOf("rating", Rating.decidable.map(\.rawValue))
        rating = Rating(rawValue: ratingText)!
        rationale = try d.requiredString("rationale")
        decidedBy = try d.requiredString("decidedBy")
    }
}
