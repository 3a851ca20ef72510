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
    /// By catalogue position: the id packed by ``packed(_:)`` (`UInt64.max` for an id too long to pack), so the
    /// judgement's per-answer lookups compare integers instead of hashing strings.
    private let packedIDs: [UInt64]

    /// Creates a catalogue; criteria keep the given order.
    public init(framework: String, criteria: [Criterion], thresholds: Thresholds) {
        self.framework = framework
        self.criteria = criteria
        self.thresholds = thresholds
        var index: [String: Int] = [:]
        for (offset, criterion) in criteria.enumerated() { index[criterion.id] = offset }
        self.indexByID = index
        self.answeredFromCaseFiles = criteria.map(\.isCaseCriterion)
        self.packedIDs = criteria.map { CriteriaCatalogue.packed($0.id) ?? UInt64.max }
    }

    /// An id of at most 7 UTF-8 bytes as one integer: the bytes, and the length in the top byte (so no two ids
    /// share a value, and none equals `UInt64.max`); nil for a longer id.
    static func packed(_ id: String) -> UInt64? {
        var value: UInt64 = 0
        var length: UInt64 = 0
        for byte in id.utf8 {
            guard length < 7 else { return nil }
            value |= UInt64(byte) << (8 * length)
            length += 1
        }
        return value | length << 56
    }

    /// The criterion with that id.
    public func criterion(_ id: String) -> Criterion? {
        position(of: id).map { criteria[$0] }
    }

    /// Whether `id` is a case-file criterion (AP1…RR3), without copying the criterion.
    public func isCaseCriterion(_ id: String) -> Bool {
        position(of: id).map { answeredFromCaseFiles[$0] } ?? false
    }

    /// Catalogue position of a criterion id.
    public func position(of id: String) -> Int? {
        // A short id equals a catalogue id exactly when their packed values are equal; the last one wins, as in
        // `indexByID`.
        guard let packed = CriteriaCatalogue.packed(id) else { return indexByID[id] }
        return packedIDs.lastIndex(of: packed)
    }

    /// The case-file criteria (AP1…RR3) in order.
    public var caseCriteria: [Criterion] { criteria.filter(\.isCaseCriterion) }

    /// The engagement criteria (EN1…EN3) in order.
    public var engagementCriteria: [Criterion] { criteria.filter { !$0.isCaseCriterion } }
}
