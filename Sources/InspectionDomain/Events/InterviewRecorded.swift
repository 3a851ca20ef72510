/// `interview.recorded` (§4.7): one interview, discussion or meeting.
public struct InterviewRecorded: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case prisoner = "PRISONER", offenderSupervisor = "OFFENDER_SUPERVISOR", omuPractitionerGroup = "OMU_PRACTITIONER_GROUP", manager = "MANAGER"
    }
    public enum Speaker: String, Sendable, CaseIterable { case inspector = "INSPECTOR", prisoner = "PRISONER", staff = "STAFF" }
    public enum ResponseAnswer: String, Sendable, CaseIterable { case yes = "YES", no = "NO", unsure = "UNSURE" }
    public enum QuestionID: String, Sendable, CaseIterable { case pi1 = "PI1", pi2 = "PI2", pi3 = "PI3" }

    public struct Participant: Sendable, Equatable { public var role: String?; public var name: String? }
    public struct Response: Sendable, Equatable { public var questionId: QuestionID; public var answer: ResponseAnswer }
    public struct Segment: Sendable, Equatable { public var speaker: Speaker; public var text: String }

    public var inspectionId: String
    public var interviewId: String
    public var kind: Kind
    public var caseFileId: String?
    public var conductedOn: CivilDate
    public var participants: [Participant]
    public var responses: [Response]
    public var segments: [Segment]

    /// The most participants an interview may name (§11); more is a `SCHEMA_VIOLATION` at `data.participants`.
    public static let maximumParticipants = 200
}

extension InterviewRecorded {
    /// Validates `data` in §4.7's order; `caseFileId` is required for PRISONER interviews.
    init(data d: borrowing FieldReader) throws(Rejection) {
        let inspectionId = try d.requiredIdentifier("inspectionId", .id)
        let interviewId = try d.requiredIdentifier("interviewId", .id)
        let kind = try d.requiredEnum("kind", Kind.self)
        let caseFileId = try d.optionalIdentifier("caseFileId", .id)
        if kind == .prisoner && caseFileId == nil { throw d.missing("caseFileId") }
        let conductedOn = try d.requiredDate("conductedOn")
        var participants: [Participant] = []
        let participantElements = try d.optionalArray("participants")
        guard participantElements.count <= Self.maximumParticipants else {
            throw Rejection(.schemaViolation, path: d.pathOf("participants"), "more than \(Self.maximumParticipants) participants")
        }
        for (index, element) in participantElements.enumerated() {
            let p = try d.element("participants", index, element)
            participants.append(Participant(role: try p.optionalString("role"), name: try p.optionalString("name")))
        }
        var responses: [Response] = []
        for (index, element) in try d.optionalArray("responses").enumerated() {
            let r = try d.element("responses", index, element)
            responses.append(
                Response(questionId: try r.requiredEnum("questionId", QuestionID.self), answer: try r.requiredEnum("answer", ResponseAnswer.self)))
        }
        var segments: [Segment] = []
        for (index, element) in try d.optionalArray("segments").enumerated() {
            let s = try d.element("segments", index, element)
            segments.append(Segment(speaker: try s.requiredEnum("speaker", Speaker.self), text: try s.requiredString("text")))
        }
        // Built in one step, so the record is constructed in place rather than copied.
        self.init(
            inspectionId: inspectionId, interviewId: interviewId, kind: kind, caseFileId: caseFileId, conductedOn: conductedOn,
            participants: participants, responses: responses, segments: segments)
    }
}
