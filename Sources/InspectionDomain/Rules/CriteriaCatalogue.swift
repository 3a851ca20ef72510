/// The criteria catalogue (`config/omi-v1.json`): criteria in catalogue order and the thresholds.
public struct CriteriaCatalogue: Sendable {
    /// The framework name, `omi-v1`.
    public let framework: String
    /// All criteria in catalogue order: AP1…RR3, then EN1…EN3.
    public let criteria: [Criterion]
    /// The numeric thresholds.
    public let thresholds: Thresholds
    private let indexByID: [String: Int]
    /// By catalogue position: whether the criterion is answered from case files (no interview question).
    private let answeredFromCaseFiles: [Bool]

    /// Creates a catalogue; criteria keep the given order.
    public init(framework: String, criteria: [Criterion], thresholds: Thresholds) {
        self.framework = framework
        self.criteria = criteria
        self.thresholds = thresholds
        var index: [String: Int] = [:]
        for (offset, criterion) in criteria.enumerated() { index[criterion.id] = offset }
        self.indexByID = index
        self.answeredFromCaseFiles = criteria.map(\.isCaseCriterion)
    }

    /// The criterion with that id.
    public func criterion(_ id: String) -> Criterion? {
        indexByID[id].map { criteria[$0] }
    }

    /// Whether `id` is a case-file criterion (AP1…RR3), without copying the criterion.
    public func isCaseCriterion(_ id: String) -> Bool {
        indexByID[id].map { answeredFromCaseFiles[$0] } ?? false
    }

    /// Catalogue position of a criterion id.
    public func position(of id: String) -> Int? { indexByID[id] }

    /// The case-file criteria (AP1…RR3) in order.
    public var caseCriteria: [Criterion] { criteria.filter(\.isCaseCriterion) }

    /// The engagement criteria (EN1…EN3) in order.
    public var engagementCriteria: [Criterion] { criteria.filter { !$0.isCaseCriterion } }
}
