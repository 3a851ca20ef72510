/// Per-inspection consolidation state (§8.1), written to the state changelog in its binary format
/// (`InspectionState+Changelog.swift`).
public struct InspectionState: Sendable, Equatable {
    /// An inspector decision for an area.
    public struct Decision: Sendable, Codable, Equatable {
        public var rating: Rating
        public var rationale: String
    }

    /// The facts and automatic answers of the latest case record (no personal data).
    public struct RecordEvidence: Sendable, Codable, Equatable {
        public var caseRef: String
        public var inScope: Bool
        public var youngAdult: Bool
        /// Automatic answers by criterion id.
        public var answers: [String: Answer]
    }

    /// Everything known about one case file.
    public struct CaseFileEvidence: Sendable, Codable, Equatable {
        /// The latest record; a case file counts only once it has arrived.
        public var record: RecordEvidence?
        /// Inspector answers by criterion id; they survive corrections of the record.
        public var inspectorAnswers: [String: Answer] = [:]

        /// The merged answer: the inspector's where given, else the automatic one.
        public func answer(_ criterionId: String) -> Answer? {
            inspectorAnswers[criterionId] ?? record?.answers[criterionId]
        }
    }

    /// An event that arrived before `inspection.opened`, replayed on opening.
    public struct PendingEvent: Sendable, Equatable {
        public var kind: ConsolidatorInputKind
        public var dedupeKey: String
        /// The event as received, and where from.
        public var origin: any HeldInputOrigin

        public init(kind: ConsolidatorInputKind, dedupeKey: String, origin: any HeldInputOrigin) {
            self.kind = kind
            self.dedupeKey = dedupeKey
            self.origin = origin
        }

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.kind == rhs.kind && lhs.dedupeKey == rhs.dedupeKey && lhs.origin.isSame(as: rhs.origin)
        }
    }

    public var inspectionId: String
    /// nil until opened.
    public var status: InspectionStatus?
    /// Judgement version last published (managed by the runtime; starts at 0).
    public var publishedVersion: Int = 0
    /// Set by `apply` when the judgement would change; the runtime clears it after publishing.
    public var dirty: Bool = false
    /// The latest opening details.
    public internal(set) var opening: InspectionOpened?
    /// Set by `inspection.report-published`.
    public internal(set) var publishedOn: CivilDate?
    /// Decisions by area raw value.
    public internal(set) var decisions: [String: Decision] = [:]
    /// Case files by `caseFileId`.
    public internal(set) var caseFiles: [String: CaseFileEvidence] = [:]
    /// The latest coded interview by `interviewId`.
    public internal(set) var interviews: [String: InterviewCoded] = [:]
    /// De-duplication keys of applied events.
    public internal(set) var appliedEvents: Set<String> = []
    /// Events waiting for `inspection.opened`, in arrival order.
    public internal(set) var pending: [PendingEvent] = []

    /// A fresh, unopened inspection.
    public init(inspectionId: String) {
        self.inspectionId = inspectionId
    }
}

extension InspectionState {
    /// Whether this is a FINAL inspection reduced by `shrinkAfterFinalPublication()`.
    public var isShrunk: Bool { status == .final && opening == nil }

    /// After the FINAL judgement has been published nothing about the inspection changes (§8.5): a new event is
    /// refused with `INSPECTION_FINALISED` and an exact duplicate is ignored. So only what those two answers need
    /// is kept — the status, `publishedOn` and the de-duplication keys — and the evidence is dropped. The
    /// aggregate reporter works from the published judgement, not from this state. Does nothing unless FINAL
    /// and published.
    public mutating func shrinkAfterFinalPublication() {
        guard status == .final, !dirty else { return }
        opening = nil
        decisions = [:]
        caseFiles = [:]
        interviews = [:]
        pending = []
    }
}
