/// The numeric thresholds of §8, in percent (integers so comparisons stay exact).
public struct Thresholds: Sendable, Equatable {
    /// yes + no needed for sufficient evidence (5).
    public var sufficientEvidence: Int = 5
    /// Score at or above which an area is GOOD (80).
    public var good: Int = 80
    /// … REASONABLY_GOOD (65).
    public var reasonablyGood: Int = 65
    /// … NOT_SUFFICIENTLY_GOOD (50); below is POOR.
    public var notSufficientlyGood: Int = 50
    /// A criterion below this caps its area at NOT_SUFFICIENTLY_GOOD (50).
    public var criterionCap: Int = 50
    /// Recommendations for criteria below this (65).
    public var recommendationBelow: Int = 65
    /// Good practice at or above this (90).
    public var goodPracticeAtLeast: Int = 90

    /// The spec's defaults.
    public init() {}
}
