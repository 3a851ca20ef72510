/// `inspection.report-published` (§4.4).
public struct ReportPublished: Sendable, Equatable {
    public var inspectionId: String
    public var publishedOn: CivilDate

    init(data d: borrowing FieldReader) throws(Rejection) {
        inspectionId = try d.requiredIdentifier("inspectionId", .id)
        publishedOn = try d.requiredDate("publishedOn")
    }
}
