/// A criterion answer.
public enum Answer: String, Sendable, Codable, CaseIterable {
    case yes = "YES", no = "NO", notApplicable = "NOT_APPLICABLE"
}
