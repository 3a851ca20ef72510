/// A criterion answer.
public enum Answer: String, Sendable, Codable, CaseIterable {
    case yes = "YES", no = "NO", notApplicable = "NOT_APPLICABLE"

    /// The position in `allCases`.
    var position: Int {
        switch self {
        case .yes: 0
        case .no: 1
        case .notApplicable: 2
        }
    }
}
