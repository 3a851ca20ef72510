/// `inspection.opened` (§4.1).
public struct InspectionOpened: Sendable, Equatable, Codable {
    public enum EstablishmentType: String, Sendable, Codable, CaseIterable {
        case local = "LOCAL", training = "TRAINING", open = "OPEN", highSecurity = "HIGH_SECURITY", women = "WOMEN", youngOffender = "YOUNG_OFFENDER",
            resettlement = "RESETTLEMENT"
    }
    public enum Population: String, Sendable, Codable, CaseIterable { case adult = "ADULT", youngAdult = "YOUNG_ADULT", mixed = "MIXED" }

    /// The establishment inspected.
    public struct Establishment: Sendable, Equatable, Codable {
        public var code: String
        public var name: String?
        public var type: EstablishmentType
        public var population: Population
    }

    public var inspectionId: String
    public var establishment: Establishment
    public var fieldworkStart: CivilDate
    public var fieldworkEnd: CivilDate
    public var framework: String
}

extension InspectionOpened {
    /// Validates in §4.1's order; only the loaded framework (`omi-v1`) is accepted.
    init(data d: borrowing FieldReader, framework known: String) throws(Rejection) {
        inspectionId = try d.requiredIdentifier("inspectionId", .id)
        let e = try d.requiredObject("establishment")
        let code = try e.requiredString("code")
        guard EstablishmentCode.isValid(code) else { throw Rejection(.schemaViolation, path: e.pathOf("code"), "does not match ^[A-Z]{3}$") }
        establishment = Establishment(
            code: code, name: try e.optionalString("name"),
            type: try e.requiredEnum("type", EstablishmentType.self),
            population: try e.requiredEnum("population", Population.self))
        fieldworkStart = try d.requiredDate("fieldworkStart")
        fieldworkEnd = try d.requiredDate("fieldworkEnd")
        framework = try d.requiredOneOf("framework", [known])
    }
}
