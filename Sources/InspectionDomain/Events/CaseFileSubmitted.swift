/// `casefile.submitted` (§4.5): a case record from the case systems, validated.
/// Personal fields (`prisonNumber`, `crn`, `pncNumber`, `dateOfBirth`) never leave intake.
public struct CaseFileSubmitted: Sendable, Equatable {
    public enum LegalStatus: String, Sendable, CaseIterable {
        case sentenced = "SENTENCED", recall = "RECALL", indeterminateSentence = "INDETERMINATE_SENTENCE", convictedUnsentenced =
            "CONVICTED_UNSENTENCED", remand = "REMAND"
    }
    public enum SentenceType: String, Sendable, Codable, CaseIterable {
        case determinate = "DETERMINATE", extended = "EXTENDED", ipp = "IPP", life = "LIFE"
    }
    public enum RiskLevel: String, Sendable, Codable, CaseIterable { case low = "LOW", medium = "MEDIUM", high = "HIGH", veryHigh = "VERY_HIGH" }
    public enum ContactWith: String, Sendable, CaseIterable {
        case offenderSupervisor = "OFFENDER_SUPERVISOR", offenderManager = "OFFENDER_MANAGER", keyWorker = "KEY_WORKER"
    }
    public enum AssessmentKind: String, Sendable, CaseIterable { case initial = "INITIAL", review = "REVIEW" }
    public enum PathwayStatus: String, Sendable, CaseIterable { case assessed = "ASSESSED", notAssessed = "NOT_ASSESSED" }
    public enum HDCDecision: String, Sendable, CaseIterable { case granted = "GRANTED", refused = "REFUSED", pending = "PENDING" }

    /// The seven resettlement pathways of §4.5.
    public static let pathways: [StaticString] = [
        "ACCOMMODATION", "EDUCATION_TRAINING_EMPLOYMENT", "HEALTH", "DRUGS_ALCOHOL",
        "FINANCE_BENEFIT_DEBT", "CHILDREN_FAMILIES", "ATTITUDES_THINKING_BEHAVIOUR",
    ]

    public struct Sentence: Sendable, Equatable {
        public var type: SentenceType
        public var startDate: CivilDate
        public var lengthMonths: Int?
        public var conditionalReleaseDate: CivilDate?
        public var tariffDate: CivilDate?
        public var homeDetentionCurfewEligibilityDate: CivilDate?
    }
    /// An OASys assessment. Both fields are optional (§4.5 "everything else is optional"; §11 names no
    /// required field for assessments): one without a date is ignored by AP1 and AP2.
    public struct Assessment: Sendable, Equatable { public var completedOn: CivilDate?; public var kind: AssessmentKind? }
    /// A contact. Both fields are optional (as for assessments); one without a date or a `with` is ignored by IM3 and IM4.
    public struct Contact: Sendable, Equatable { public var on: CivilDate?; public var with: ContactWith? }

    public var inspectionId: String
    public var caseFileId: String
    /// `extractedAt` as parsed; `asOf` is its UTC date.
    public var extractedAt: RFC3339Timestamp
    public var prisonNumber: String
    public var crn: String?
    public var pncNumber: String?
    public var dateOfBirth: CivilDate
    public var establishmentCode: String
    public var legalStatus: LegalStatus
    public var sentence: Sentence
    public var receptionDate: CivilDate
    public var riskOfSeriousHarm: RiskLevel?
    public var riskManagementPlan: Bool?
    public var mappaCategory: Int?
    public var mappaLevel: Int?
    public var prolificPriorityOffender: Bool
    public var offenderSupervisorAllocatedOn: CivilDate?
    public var offenderSupervisorFirstContactOn: CivilDate?
    public var offenderManagerAllocatedOn: CivilDate?
    public var offenderManagerLastContactOn: CivilDate?
    public var oasysAssessments: [Assessment]
    public var sentencePlanCreatedOn: CivilDate?
    /// Whether a sentence plan objective has a `riskFactor` that is not empty after trimming whitespace (AP3,
    /// §11): all a rule reads of the objectives. Each objective's `text` is validated (a required string) too.
    public var anyObjectiveHasRiskFactor: Bool
    public var contacts: [Contact]
    /// Bit i set when `pathways[i]` is ASSESSED (a missing pathway counts as NOT_ASSESSED).
    public var assessedPathways: UInt8

    /// Whether all seven pathways are ASSESSED.
    public var allPathwaysAssessed: Bool { assessedPathways == 0x7F }
    public var hdcDecision: HDCDecision?
}
