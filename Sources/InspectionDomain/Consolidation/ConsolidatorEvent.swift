/// A validated consolidator input.
public struct ConsolidatorEvent: Sendable {
    /// What the event carries.
    public enum Payload: Sendable {
        case opened(InspectionOpened)
        case fieldworkClosed(FieldworkClosed)
        case judgementDecided(JudgementDecided)
        case reportPublished(ReportPublished)
        case caseFileAssessed(CaseFileAssessed)
        case interviewCoded(InterviewCoded)
    }

    /// The inspection the event is about (its key).
    public var inspectionId: String
    /// The topic kind it came from.
    public var kind: ConsolidatorInputKind
    /// The CloudEvents `type`.
    public var type: String
    /// Identity for de-duplication: (`source`, `id`) for inspection events, `sourceEventId` for intermediate ones.
    public var dedupeKey: String
    /// The decoded payload.
    public var payload: Payload
}
