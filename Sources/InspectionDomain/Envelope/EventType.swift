/// The event types of the contract (§2), in one place: the workers' accepted and written types are these.
enum EventType: String, CaseIterable, Sendable {
    case caseFileSubmitted = "casefile.submitted", caseFileExamined = "casefile.examined", caseFileAssessed = "casefile.assessed"
    case interviewRecorded = "interview.recorded", interviewCoded = "interview.coded"
    case inspectionOpened = "inspection.opened", fieldworkClosed = "inspection.fieldwork-closed"
    case judgementDecided = "inspection.judgement-decided", reportPublished = "inspection.report-published"
    case judgementUpdated = "judgement.updated", aggregateUpdated = "aggregate.updated"
}
