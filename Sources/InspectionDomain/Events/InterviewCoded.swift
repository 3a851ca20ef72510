/// `interview.coded` (§7): answers to PI1–PI3 (PRISONER interviews) or staff themes (other kinds).
public struct InterviewCoded: Sendable, Equatable, Codable {
    public enum Provenance: String, Sendable, Codable, CaseIterable { case response = "RESPONSE", transcript = "TRANSCRIPT" }

    /// A coded answer to one question.
    public struct CodedAnswer: Sendable, Equatable, Codable {
        public var questionId: String
        public var answer: Answer
        public var provenance: Provenance
    }

    /// A theme mentioned by staff, with up to three redacted quotes.
    public struct ThemeMention: Sendable, Equatable, Codable {
        public var theme: String
        public var mentions: Int
        public var quotes: [String]
    }

    public var inspectionId: String
    public var interviewId: String
    public var kind: InterviewRecorded.Kind
    public var caseFileId: String?
    public var conductedOn: CivilDate
    public var answers: [CodedAnswer]
    public var themes: [ThemeMention]
    public var sourceEventId: String
}

extension InterviewCoded {
    /// Validates `data` in §7's order.
    init(data d: borrowing FieldReader, codebook: Codebook) throws(Rejection) {
        let inspectionId = try d.requiredIdentifier("inspectionId", .id)
        let interviewId = try d.requiredIdentifier("interviewId", .id)
        let kind = try d.requiredEnum("kind", InterviewRecorded.Kind.self)
        let caseFileId = try d.optionalIdentifier("caseFileId", .id)
        if kind == .prisoner && caseFileId == nil { throw d.missing("caseFileId") }
        let conductedOn = try d.requiredDate("conductedOn")
        var answers: [CodedAnswer] = []
        for (index, element) in try d.requiredArray("answers").enumerated() {
            let a = try d.element("answers", index, element)
            answers.append(
                CodedAnswer(
                    questionId: try a.requiredEnum("questionId", InterviewRecorded.QuestionID.self).rawValue,
                    answer: try a.requiredEnum("answer", Answer.self),
                    provenance: try a.requiredEnum("provenance", Provenance.self)))
        }
        var themes: [ThemeMention] = []
        let known = codebook.themeNames
        for (index, element) in try d.requiredArray("themes").enumerated() {
            let t = try d.element("themes", index, element)
            let theme = try t.requiredOneOf("theme", known)
            let mentions = try t.requiredInteger("mentions", in: 0...Int.max)
            var quotes: [String] = []
            for (q, value) in try t.optionalArray("quotes").enumerated() {
                quotes.append(try t.stringElement("quotes", q, value))
            }
            themes.append(ThemeMention(theme: theme, mentions: mentions, quotes: quotes))
        }
        let sourceEventId = try d.requiredString("sourceEventId")
        guard !sourceEventId.isEmpty else { throw Rejection(.schemaViolation, path: "data.sourceEventId", "must not be empty") }
        // Built in one step, so the record is constructed in place rather than copied.
        self.init(
            inspectionId: inspectionId, interviewId: interviewId, kind: kind, caseFileId: caseFileId, conductedOn: conductedOn,
            answers: answers, themes: themes, sourceEventId: sourceEventId)
    }

    /// Writes the `data` object in §7's field order.
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("inspectionId", inspectionId)
        w.field("interviewId", interviewId)
        w.field("kind", kind)
        w.optionalField("caseFileId", caseFileId)
        w.field("conductedOn", conductedOn)
        w.key("answers")
        w.beginArray()
        for answer in answers {
            w.beginObject()
            w.field("questionId", answer.questionId)
            w.field("answer", answer.answer)
            w.field("provenance", answer.provenance)
            w.endObject()
        }
        w.endArray()
        w.key("themes")
        w.beginArray()
        for theme in themes {
            w.beginObject()
            w.field("theme", theme.theme)
            w.field("mentions", theme.mentions)
            w.key("quotes")
            w.beginArray()
            for quote in theme.quotes { w.string(quote) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.field("sourceEventId", sourceEventId)
        w.endObject()
    }
}
