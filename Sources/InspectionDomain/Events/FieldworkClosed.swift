/// `inspection.fieldwork-closed` (§4.2).
public struct FieldworkClosed: Sendable, Equatable {
    public var inspectionId: String
    public var closedOn: CivilDate

    init(data d: borrowing FieldReader) throws(Rejection) {
        inspectionId = try d.requiredIdentifier("inspectionId", .id)
        closedOn = try d.requiredDate("closedOn")
    }
}
