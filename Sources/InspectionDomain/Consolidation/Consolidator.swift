/// findings-consolidator: validates inputs, applies them to per-inspection state, builds `judgement.updated`.
public struct Consolidator: Sendable {
    let rules: RuleSet

    /// Creates the consolidator.
    public init(rules: RuleSet) {
        self.rules = rules
    }

    /// Validates (envelope, type-for-topic, fields, key) — everything except `INSPECTION_FINALISED`.
    public func decode(kind: ConsolidatorInputKind, key: [UInt8]?, value: [UInt8]?) -> Result<ConsolidatorEvent, Rejection> {
        let event: CloudEvent
        switch CloudEvent.decode(value) {
        case .success(let decoded): event = decoded
        case .failure(let rejection): return .failure(rejection)
        }
        do throws(Rejection) {
            try event.requireType(in: kind.eventTypes, topic: kind.defaultTopic)
            // Field readers borrow the document: they are used only inside this closure, while the event holds it.
            return try event.readingData { d throws(Rejection) -> Result<ConsolidatorEvent, Rejection> in
                let payload: ConsolidatorEvent.Payload
                let inspectionId: String
                // Inspection events are de-duplicated by their own (source, id); intermediate events by the input
                // they came from (set below).
                var dedupeKey: String { "event:" + event.source + "\u{1F}" + event.id }
                let intermediateKey: String?
                switch EventType(rawValue: event.type) {
                case .inspectionOpened:
                    let e = try InspectionOpened(data: d, framework: rules.catalogue.framework)
                    (payload, inspectionId, intermediateKey) = (.opened(e), e.inspectionId, nil)
                case .fieldworkClosed:
                    let e = try FieldworkClosed(data: d)
                    (payload, inspectionId, intermediateKey) = (.fieldworkClosed(e), e.inspectionId, nil)
                case .judgementDecided:
                    let e = try JudgementDecided(data: d)
                    (payload, inspectionId, intermediateKey) = (.judgementDecided(e), e.inspectionId, nil)
                case .reportPublished:
                    let e = try ReportPublished(data: d)
                    (payload, inspectionId, intermediateKey) = (.reportPublished(e), e.inspectionId, nil)
                case .caseFileAssessed:
                    let e = try CaseFileAssessed(data: d, catalogue: rules.catalogue)
                    (payload, inspectionId, intermediateKey) = (.caseFileAssessed(e), e.inspectionId, "source:" + e.sourceEventId)
                default:
                    let e = try InterviewCoded(data: d, codebook: rules.codebook)
                    (payload, inspectionId, intermediateKey) = (.interviewCoded(e), e.inspectionId, "source:" + e.sourceEventId)
                }
                try event.requireKey(key, matches: inspectionId)
                return .success(
                    ConsolidatorEvent(
                        inspectionId: inspectionId, kind: kind, type: event.type,
                        dedupeKey: intermediateKey ?? dedupeKey, payload: payload))
            }
        } catch {
            return .failure(error.redactingPersonalData(of: event))
        }
    }

    /// Applies one decoded event to that inspection's state.
    ///
    /// Idempotent by (`source`, `id`) for inspection events and by `sourceEventId` for intermediate events
    /// (duplicates ignored, even after FINAL). Events before opening are kept (with their origin) and
    /// replayed in arrival order on opening; evidence after `report-published` is refused with `INSPECTION_FINALISED`.
    public func apply(_ event: ConsolidatorEvent, origin: any HeldInputOrigin, to state: inout InspectionState) -> ApplyOutcome {
        var outcome = ApplyOutcome()
        if state.appliedEvents.contains(event.dedupeKey) { return outcome }
        guard state.status == nil else {
            applyOpened(event, origin: origin, to: &state, outcome: &outcome)
            return outcome
        }
        guard case .opened = event.payload else {
            // "Events for an inspection before its inspection.opened are kept."
            if state.pending.contains(where: { $0.dedupeKey == event.dedupeKey }) { return outcome }
            state.pending.append(.init(kind: event.kind, dedupeKey: event.dedupeKey, origin: origin))
            outcome.changed = true
            return outcome
        }
        applyOpened(event, origin: origin, to: &state, outcome: &outcome)
        // "everything that arrived for an unopened inspection is replayed in arrival order when it opens"
        let pending = state.pending
        state.pending = []
        for waiting in pending {
            switch decode(kind: waiting.kind, key: waiting.origin.key, value: waiting.origin.value) {
            case .success(let replayed):
                if state.appliedEvents.contains(replayed.dedupeKey) { continue }
                applyOpened(replayed, origin: waiting.origin, to: &state, outcome: &outcome)
            case .failure(let rejection):
                outcome.rejections.append((waiting.origin, rejection))
            }
        }
        return outcome
    }

    private func applyOpened(
        _ event: ConsolidatorEvent, origin: any HeldInputOrigin, to state: inout InspectionState, outcome: inout ApplyOutcome
    ) {
        if state.status == .final {
            outcome.rejections.append(
                (
                    origin,
                    Rejection(
                        .inspectionFinalised, path: "data.inspectionId",
                        "inspection \(FieldReader.echoed(event.inspectionId)) is FINAL; \(event.type) refused")
                ))
            return
        }
        let statusBefore = state.status
        switch event.payload {
        case .opened(let opened):
            // "A second inspection.opened replaces the opening details but not the evidence."
            state.opening = opened
            if state.status == nil {
                state.status = .inProgress
                outcome.statusChanged = true
            }
        case .fieldworkClosed:
            if state.status == .inProgress {
                state.status = .provisional
                outcome.statusChanged = true
            }
        case .judgementDecided(let decision):
            state.decisions[decision.area.rawValue] = .init(rating: decision.rating, rationale: decision.rationale)
        case .reportPublished(let published):
            state.status = .final
            state.publishedOn = published.publishedOn
            outcome.statusChanged = true
        case .caseFileAssessed(let assessed):
            // Changed in place in the table (one lookup, no copy of the case file's answers).
            func update(_ evidence: inout InspectionState.CaseFileEvidence) {
                switch assessed.origin {
                case .record:
                    // "A later casefile.submitted … is a correction: it replaces the earlier record whole."
                    var answers: [String: Answer] = .init(minimumCapacity: assessed.answers.count)
                    for answer in assessed.answers { answers[answer.criterionId] = answer.answer }
                    evidence.record = .init(
                        caseRef: assessed.caseRef ?? "", inScope: assessed.inScope ?? false,
                        youngAdult: assessed.youngAdult ?? false, answers: answers)
                case .examination:
                    // "Answers merge per criterion, the later answer for a criterion replacing the earlier one."
                    for answer in assessed.answers { evidence.inspectorAnswers[answer.criterionId] = answer.answer }
                }
            }
            update(&state.caseFiles[assessed.caseFileId, default: .init()])
        case .interviewCoded(let coded):
            // "A later event with the same interviewId replaces the earlier one."
            state.interviews[coded.interviewId] = coded
        }
        state.appliedEvents.insert(event.dedupeKey)
        state.dirty = true
        outcome.changed = true
        outcome.judgementChanged = true
        if state.status != statusBefore { outcome.statesAtStatusChanges.append(state) }
    }

    /// The complete `judgement.updated` CloudEvent, or nil when the inspection is not opened.
    /// The event id is deterministic from (inspectionId, version).
    public func judgementEvent(for state: InspectionState, version: Int, time: String) -> OutputEvent? {
        guard let judgement = judgement(for: state) else { return nil }
        let value = OutputEnvelope.write(
            id: EventIdentifier.uuid(OutputEnvelope.findingsConsolidator + "\u{0}" + state.inspectionId + "\u{0}" + String(version)),
            worker: OutputEnvelope.findingsConsolidator, type: EventType.judgementUpdated.rawValue, time: time,
            subject: state.inspectionId, capacity: 8192
        ) { w in judgement.write(to: &w, version: version) }
        return OutputEvent(key: Array(state.inspectionId.utf8), value: value)
    }

    /// The judgement of an opened inspection (nil before opening).
    public func judgement(for state: InspectionState) -> Judgement? {
        guard state.status != nil, state.opening != nil else { return nil }
        return Judgement(state: state, rules: rules)
    }
}
