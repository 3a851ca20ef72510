/// transcript-intake: stateless. `interview.recorded` in, `interview.coded` out.
public struct InterviewCoder: Sendable {
    /// The input topic's event types (§2).
    public static let inputTypes = [EventType.interviewRecorded.rawValue]
    /// Quotes per theme (§7.2).
    public static let quotesPerTheme = 3
    /// Quote length in Unicode scalar values (§7.2, §11).
    public static let quoteLength = 280

    private let rules: RuleSet

    /// Creates the coder.
    public init(rules: RuleSet) {
        self.rules = rules
    }

    /// Validates one input message and returns the `interview.coded` to publish, or why it is refused.
    public func process(key: [UInt8]?, value: [UInt8]?) -> Result<OutputEvent, Rejection> {
        let event: CloudEvent
        switch CloudEvent.decode(value) {
        case .success(let decoded): event = decoded
        case .failure(let rejection): return .failure(rejection)
        }
        do throws(Rejection) {
            try event.requireType(in: Self.inputTypes, topic: "interviews")
            let interview = try event.readingData { d throws(Rejection) in try InterviewRecorded(data: d) }
            let outputKey = try event.requireKey(key, matches: interview.inspectionId)  // equals the output's key
            let coded = code(interview, sourceEventId: event.sourceEventId)
            let value = OutputEnvelope.write(
                for: event, worker: OutputEnvelope.transcriptIntake, type: .interviewCoded,
                subject: coded.inspectionId
            ) { w in coded.write(to: &w) }
            return .success(OutputEvent(key: outputKey, value: value))
        } catch {
            return .failure(error.redactingPersonalData(of: event))
        }
    }

    /// Codes an interview (§7.1 for PRISONER interviews, §7.2 for the others).
    public func code(_ interview: InterviewRecorded, sourceEventId: String) -> InterviewCoded {
        var answers: [InterviewCoded.CodedAnswer] = []
        var themes: [InterviewCoded.ThemeMention] = []
        if interview.kind == .prisoner {
            let prisonerSegments = interview.segments.filter { $0.speaker == .prisoner }.map { TextNormalizer.normalizedBytes($0.text) }
            for question in rules.codebook.questions {
                answers.append(answer(question, responses: interview.responses, segments: prisonerSegments))
            }
        } else {
            let redactor = Redactor(names: interview.participants.compactMap(\.name))
            let staff = interview.segments.filter { $0.speaker == .staff }
            let normalized = staff.map { TextNormalizer.normalizedBytes($0.text) }
            var redacted: [Int: String] = [:]  // each quoted segment is redacted once, whichever themes quote it
            for theme in rules.codebook.themes {
                // "a theme is mentioned once per segment containing any of its phrases"
                var mentions = 0
                var quotes: [String] = []
                for (index, (segment, text)) in zip(staff, normalized).enumerated() where TextNormalizer.containsAny(text, theme.phrases) {
                    mentions += 1
                    if quotes.count < Self.quotesPerTheme {
                        if redacted[index] == nil { redacted[index] = Redactor.cut(redactor.redact(segment.text), to: Self.quoteLength) }
                        quotes.append(redacted[index]!)
                    }
                }
                if mentions > 0 { themes.append(.init(theme: theme.theme, mentions: mentions, quotes: quotes)) }
            }
        }
        return InterviewCoded(
            inspectionId: interview.inspectionId, interviewId: interview.interviewId, kind: interview.kind,
            caseFileId: interview.caseFileId, conductedOn: interview.conductedOn, answers: answers,
            themes: themes, sourceEventId: sourceEventId)
    }

    /// §7.1: "a structured response wins (YES → YES; NO or UNSURE → NO). Without one, the transcript is coded:
    /// … a segment matching both counts as negative only. More positive than negative → YES; more negative → NO; otherwise NA."
    func answer(_ question: Codebook.Question, responses: [InterviewRecorded.Response], segments: [[UInt8]]) -> InterviewCoded.CodedAnswer {
        if let response = responses.last(where: { $0.questionId.rawValue == question.id }) {
            return .init(questionId: question.id, answer: response.answer == .yes ? .yes : .no, provenance: .response)
        }
        var positive = 0
        var negative = 0
        for text in segments {
            if TextNormalizer.containsAny(text, question.negative) {
                negative += 1
            } else if TextNormalizer.containsAny(text, question.positive) {
                positive += 1
            }
        }
        let answer: Answer = positive > negative ? .yes : (negative > positive ? .no : .notApplicable)
        return .init(questionId: question.id, answer: answer, provenance: .transcript)
    }
}
