import FastJSON

/// casefile-intake: stateless. One `casefile.submitted` or `casefile.examined` in, one `casefile.assessed` out.
public struct CaseFileAssessor: Sendable {
    /// The input topic's event types (§2).
    public static let inputTypes = [EventType.caseFileSubmitted, .caseFileExamined].map(\.rawValue)

    private let rules: RuleSet
    private let pseudonymizer: Pseudonymizer
    private let caseCriteria: [Criterion]
    /// The case criteria's ids (short strings: copies need no reference counting) and automatic rules, in order.
    private let criterionIds: [String]
    private let automatic: [CaseCriteriaRules.Rule?]
    /// Encoded AUTO answers: fragment `3 × criterion position + answer position`.
    private let autoFragments: FragmentTable

    /// Creates the assessor with the rules and the pseudonym key.
    public init(rules: RuleSet, pseudonymKey: [UInt8]) {
        self.rules = rules
        self.pseudonymizer = Pseudonymizer(key: pseudonymKey)
        self.caseCriteria = rules.catalogue.caseCriteria
        self.criterionIds = caseCriteria.map(\.id)
        self.automatic = caseCriteria.map { $0.inspectorOnly ? nil : CaseCriteriaRules.rule(for: $0.id) }
        self.autoFragments = FragmentTable(
            caseCriteria.flatMap { criterion in
                Answer.allCases.map { CaseFileAssessed.AssessedAnswer.encode(.init(criterionId: criterion.id, answer: $0, provenance: .auto)) }
            })
    }

    /// Validates one input message and returns the `casefile.assessed` to publish, or why it is refused.
    public func process(key: [UInt8]?, value: [UInt8]?) -> Result<OutputEvent, Rejection> {
        let event: CloudEvent
        switch CloudEvent.decode(value) {
        case .success(let decoded): event = decoded
        case .failure(let rejection): return .failure(rejection)
        }
        do throws(Rejection) {
            try event.requireType(in: Self.inputTypes, topic: "casefiles")
            let assessed: CaseFileAssessed
            let outputKey: [UInt8]  // the input's key: it equals the inspection id the output is keyed by
            var fragments: FragmentTable?
            if event.type == EventType.caseFileSubmitted.rawValue {
                let record = try event.readingData { d throws(Rejection) in try CaseFileSubmitted(data: d) }
                outputKey = try event.requireKey(key, matches: record.inspectionId)
                assessed = assess(record, sourceEventId: event.sourceEventId)
                fragments = autoFragments
            } else {
                let examination = try event.readingData { d throws(Rejection) in try CaseFileExamined(data: d, catalogue: rules.catalogue) }
                outputKey = try event.requireKey(key, matches: examination.inspectionId)
                assessed = assess(examination, sourceEventId: event.sourceEventId)
            }
            let value = OutputEnvelope.write(
                for: event, worker: OutputEnvelope.caseFileIntake, type: .caseFileAssessed,
                subject: assessed.inspectionId, capacity: 2048
            ) { w in assessed.write(to: &w, answerFragments: fragments) }
            return .success(OutputEvent(key: outputKey, value: value))
        } catch {
            return .failure(error.redactingPersonalData(of: event))
        }
    }

    /// The automatic answers of every case criterion for a record, in catalogue order (inspector-only → NA).
    public func answers(for record: CaseFileSubmitted) -> [(criterionId: String, answer: Answer)] {
        let facts = CaseFacts(record)
        return zip(caseCriteria, automatic).map { criterion, rule in
            (criterion.id, rule?.answer(record, facts, rules.calendar) ?? .notApplicable)
        }
    }

    /// The RECORD assessment: facts and the automatic answers.
    func assess(_ record: CaseFileSubmitted, sourceEventId: String) -> CaseFileAssessed {
        let facts = CaseFacts(record)
        var answers: [CaseFileAssessed.AssessedAnswer] = []
        answers.reserveCapacity(criterionIds.count)
        for index in criterionIds.indices {
            answers.append(
                .init(
                    criterionId: criterionIds[index], answer: automatic[index]?.answer(record, facts, rules.calendar) ?? .notApplicable,
                    provenance: .auto))
        }
        return CaseFileAssessed(
            inspectionId: record.inspectionId, caseFileId: record.caseFileId, origin: .record,
            caseRef: pseudonymizer.caseRef(prisonNumber: record.prisonNumber), asOf: facts.asOf,
            inScope: facts.inScope, youngAdult: facts.youngAdult, sentenceType: record.sentence.type,
            riskOfSeriousHarm: record.riskOfSeriousHarm, answers: answers, sourceEventId: sourceEventId)
    }

    /// The EXAMINATION assessment: the inspector's answers only, the last per criterion, in catalogue order.
    func assess(_ examination: CaseFileExamined, sourceEventId: String) -> CaseFileAssessed {
        var latest: [String: Answer] = [:]
        for (id, answer) in examination.answers { latest[id] = answer }
        let answers = caseCriteria.compactMap { criterion in
            latest[criterion.id].map { CaseFileAssessed.AssessedAnswer(criterionId: criterion.id, answer: $0, provenance: .inspector) }
        }
        return CaseFileAssessed(
            inspectionId: examination.inspectionId, caseFileId: examination.caseFileId, origin: .examination,
            caseRef: nil, asOf: nil, inScope: nil, youngAdult: nil, sentenceType: nil, riskOfSeriousHarm: nil,
            answers: answers, sourceEventId: sourceEventId)
    }
}
