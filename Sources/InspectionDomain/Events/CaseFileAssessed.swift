import FastJSON

/// `casefile.assessed` (§6.3): the intake's answers for one case record or one examination.
public struct CaseFileAssessed: Sendable, Equatable, Codable {
    public enum Origin: String, Sendable, Codable, CaseIterable { case record = "RECORD", examination = "EXAMINATION" }
    public enum Provenance: String, Sendable, Codable, CaseIterable { case auto = "AUTO", inspector = "INSPECTOR" }

    /// One criterion answer with its provenance.
    public struct AssessedAnswer: Sendable, Equatable, Codable, Hashable {
        public var criterionId: String
        public var answer: Answer
        public var provenance: Provenance
        public init(criterionId: String, answer: Answer, provenance: Provenance) {
            self.criterionId = criterionId
            self.answer = answer
            self.provenance = provenance
        }

        /// `{"criterionId":…,"answer":…,"provenance":…}`, cached for the catalogue's criteria.
        var encoded: [UInt8] {
            if let cached = AssessedAnswer.cache[self] { return cached }
            return AssessedAnswer.encode(self)
        }

        static func encode(_ a: AssessedAnswer) -> [UInt8] {
            var w = JSONWriter(capacity: 80)
            w.beginObject()
            w.field("criterionId", a.criterionId)
            w.field("answer", a.answer)
            w.field("provenance", a.provenance)
            w.endObject()
            return w.bytes
        }

        /// Encodings of every (case criterion id of omi-v1, answer, provenance).
        static let cache: [AssessedAnswer: [UInt8]] = {
            var cache: [AssessedAnswer: [UInt8]] = [:]
            for id in ["AP1", "AP2", "AP3", "AP4", "IM1", "IM2", "IM3", "IM4", "PP1", "PP2", "PP3", "PP4", "RR1", "RR2", "RR3"] {
                for answer in Answer.allCases {
                    for provenance in Provenance.allCases {
                        let a = AssessedAnswer(criterionId: id, answer: answer, provenance: provenance)
                        cache[a] = encode(a)
                    }
                }
            }
            return cache
        }()
    }

    public var inspectionId: String
    public var caseFileId: String
    public var origin: Origin
    /// Pseudonym of the prison number (RECORD only).
    public var caseRef: String?
    public var asOf: CivilDate?
    public var inScope: Bool?
    public var youngAdult: Bool?
    public var sentenceType: CaseFileSubmitted.SentenceType?
    public var riskOfSeriousHarm: CaseFileSubmitted.RiskLevel?
    public var answers: [AssessedAnswer]
    /// `<source>/<id>` of the input event.
    public var sourceEventId: String
}

extension CaseFileAssessed {
    /// Validates `data` in §6.3's order. RECORDs need `caseRef`, `asOf`, `inScope` and `youngAdult`.
    init(data d: borrowing FieldReader, catalogue: CriteriaCatalogue) throws(Rejection) {
        let inspectionId = try d.requiredIdentifier("inspectionId", .id)
        let caseFileId = try d.requiredIdentifier("caseFileId", .id)
        let origin = try d.requiredEnum("origin", Origin.self)
        let isRecord = origin == .record
        let caseRef = try isRecord ? d.requiredString("caseRef") : d.optionalString("caseRef")
        let asOf = try isRecord ? d.requiredDate("asOf") : d.optionalDate("asOf")
        let inScope = try isRecord ? d.requiredBool("inScope") : d.optionalBool("inScope")
        let youngAdult = try isRecord ? d.requiredBool("youngAdult") : d.optionalBool("youngAdult")
        let sentenceType = try d.optionalEnum("sentenceType", CaseFileSubmitted.SentenceType.self)
        let riskOfSeriousHarm = try d.optionalEnum("riskOfSeriousHarm", CaseFileSubmitted.RiskLevel.self)
        var answers: [AssessedAnswer] = []
        for (index, element) in try d.requiredArray("answers").enumerated() {
            let a = try d.element("answers", index, element)
            let id = try a.requiredString("criterionId")
            guard catalogue.isCaseCriterion(id) else {
                throw Rejection(
                    .unknownCriterion, path: a.pathOf("criterionId"), "unknown criterion \(FieldReader.echoed(id))")
            }
            answers.append(
                AssessedAnswer(
                    criterionId: id, answer: try a.requiredEnum("answer", Answer.self),
                    provenance: try a.requiredEnum("provenance", Provenance.self)))
        }
        let sourceEventId = try d.requiredString("sourceEventId")
        guard !sourceEventId.isEmpty else { throw Rejection(.schemaViolation, path: "data.sourceEventId", "must not be empty") }
        // Built in one step, so the record is constructed in place rather than copied.
        self.init(
            inspectionId: inspectionId, caseFileId: caseFileId, origin: origin, caseRef: caseRef, asOf: asOf, inScope: inScope,
            youngAdult: youngAdult, sentenceType: sentenceType, riskOfSeriousHarm: riskOfSeriousHarm, answers: answers,
            sourceEventId: sourceEventId)
    }

    /// Writes the `data` object in §6.3's field order; absent optional fields are omitted.
    /// `answerFragments`, when given, hold every answer already encoded: answer `i` (an automatic answer to
    /// criterion `i` of the catalogue) is fragment `3 i + answer position` (the intake's fast path).
    func write(to w: inout JSONWriter, answerFragments: FragmentTable? = nil) {
        w.beginObject()
        w.field("inspectionId", inspectionId)
        w.field("caseFileId", caseFileId)
        w.field("origin", origin)
        w.optionalField("caseRef", caseRef)
        w.optionalField("asOf", asOf)
        if let inScope { w.field("inScope", inScope) }
        if let youngAdult { w.field("youngAdult", youngAdult) }
        w.optionalField("sentenceType", sentenceType)
        w.optionalField("riskOfSeriousHarm", riskOfSeriousHarm)
        w.key("answers")
        w.beginArray()
        if let answerFragments {
            for (position, answer) in answers.enumerated() {
                answerFragments.write(position * 3 + answer.answer.position, to: &w)
            }
        } else {
            for answer in answers { w.fragment(answer.encoded) }
        }
        w.endArray()
        w.field("sourceEventId", sourceEventId)
        w.endObject()
    }
}
