/// A rating of an area.
public enum Rating: String, Sendable, Codable, CaseIterable {
    case good = "GOOD"
    case reasonablyGood = "REASONABLY_GOOD"
    case notSufficientlyGood = "NOT_SUFFICIENTLY_GOOD"
    case poor = "POOR"
    /// Only proposed, never decided: no area score.
    case insufficientEvidence = "INSUFFICIENT_EVIDENCE"

    /// The four ratings an inspector can decide.
    public static let decidable: [Rating] = [.good, .reasonablyGood, .notSufficientlyGood, .poor]
}
