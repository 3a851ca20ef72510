/// One criterion of the catalogue.
public struct Criterion: Sendable, Equatable {
    /// `AP1` … `RR3`, `EN1` … `EN3`.
    public let id: String
    /// The area it belongs to.
    public let area: Area
    /// Its published title.
    public let title: String
    /// Answered only by inspectors (automatic answer NA).
    public let inspectorOnly: Bool
    /// For engagement criteria (`EN1`–`EN3`): the prisoner question they come from (`PI1`–`PI3`).
    public let question: String?

    /// Whether it is one of the case-file criteria (not an engagement one).
    public var isCaseCriterion: Bool { question == nil }

    /// Creates a criterion.
    public init(id: String, area: Area, title: String, inspectorOnly: Bool, question: String?) {
        self.id = id
        self.area = area
        self.title = title
        self.inspectorOnly = inspectorOnly
        self.question = question
    }
}
