/// The status of an inspection's judgement (§8.5).
public enum InspectionStatus: String, Sendable, Codable, CaseIterable {
    case inProgress = "IN_PROGRESS", provisional = "PROVISIONAL", final = "FINAL"
}
