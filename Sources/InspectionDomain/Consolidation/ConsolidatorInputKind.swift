/// Which input topic an event came from; it decides which event types are allowed.
public enum ConsolidatorInputKind: String, Sendable, Codable, CaseIterable {
    /// `inspections`: `inspection.opened`, `inspection.fieldwork-closed`, `inspection.judgement-decided`, `inspection.report-published`.
    case inspections
    /// `casefiles.assessed`: `casefile.assessed`.
    case assessedCaseFiles
    /// `interviews.coded`: `interview.coded`.
    case codedInterviews

    /// The event types of the topic (§2).
    public var eventTypes: [String] {
        switch self {
        case .inspections: return [EventType.inspectionOpened, .fieldworkClosed, .judgementDecided, .reportPublished].map(\.rawValue)
        case .assessedCaseFiles: return [EventType.caseFileAssessed.rawValue]
        case .codedInterviews: return [EventType.interviewCoded.rawValue]
        }
    }

    /// The default topic name (used in messages).
    public var defaultTopic: String {
        switch self {
        case .inspections: return "inspections"
        case .assessedCaseFiles: return "casefiles.assessed"
        case .codedInterviews: return "interviews.coded"
        }
    }
}
