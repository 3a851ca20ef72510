import Testing

@testable import InspectionDomain

@Suite struct ConsolidatorTests {
    @Test func decodeChecksTypeForTopicAndKey() throws {
        let c = Consolidator(rules: try Fixtures.rules)
        if case .failure(let r) = c.decode(kind: .assessedCaseFiles, key: TestEvents.key, value: TestEvents.opened()) {
            #expect(r.code == .unknownEventType)
        } else {
            Issue.record("accepted")
        }
        if case .failure(let r) = c.decode(kind: .inspections, key: Array("X".utf8), value: TestEvents.opened()) {
            #expect(r.code == .keyMismatch)
        } else {
            Issue.record("accepted")
        }
        let bad = TestEvents.event(
            type: "inspection.opened",
            data: [
                "inspectionId": TestEvents.inspectionId,
                "establishment": ["code": "MDI", "type": "TRAINING", "population": "ADULT"], "fieldworkStart": "2026-03-02",
                "fieldworkEnd": "2026-03-13", "framework": "omi-v2",
            ])
        if case .failure(let r) = c.decode(kind: .inspections, key: TestEvents.key, value: bad) {
            #expect(r.code == .schemaViolation)
            #expect(r.path == "data.framework")
        } else {
            Issue.record("accepted")
        }
        let rating = TestEvents.event(
            type: "inspection.judgement-decided",
            data: ["inspectionId": TestEvents.inspectionId, "area": "AP", "rating": "INSUFFICIENT_EVIDENCE", "rationale": "r", "decidedBy": "x"])
        if case .failure(let r) = c.decode(kind: .inspections, key: TestEvents.key, value: rating) {
            #expect(r.code == .schemaViolation)
            #expect(r.path == "data.rating")
        } else {
            Issue.record("accepted")
        }
        let unknown = TestEvents.event(
            type: "casefile.assessed",
            data: [
                "inspectionId": TestEvents.inspectionId, "caseFileId": "CF-1", "origin": "EXAMINATION",
                "answers": [["criterionId": "EN2", "answer": "YES", "provenance": "INSPECTOR"]], "sourceEventId": "s/1",
            ])
        if case .failure(let r) = c.decode(kind: .assessedCaseFiles, key: TestEvents.key, value: unknown) {
            #expect(r.code == .unknownCriterion)
            #expect(r.message == "data.answers[0].criterionId: unknown criterion EN2")
        } else {
            Issue.record("accepted")
        }
        for name in ["inspection.opened", "inspection.fieldwork-closed", "inspection.judgement-decided", "inspection.report-published"] {
            let example = try Fixtures.example(name)
            #expect((try? c.decode(kind: .inspections, key: TestEvents.key, value: example).get()) != nil, "\(name)")
        }
        let assessed = try Fixtures.example("casefile.assessed")
        let coded = try Fixtures.example("interview.coded")
        #expect((try? c.decode(kind: .assessedCaseFiles, key: TestEvents.key, value: assessed).get()) != nil)
        #expect((try? c.decode(kind: .codedInterviews, key: TestEvents.key, value: coded).get()) != nil)
    }

    @Test func noJudgementBeforeOpening() throws {
        var h = try ConsolidatorHarness()
        let outcome = h.caseFile(TestEvents.assessedRecord("CF-1", answers: ["AP1": "YES"]))
        #expect(outcome.changed)
        #expect(!outcome.judgementChanged)
        #expect(h.state.status == nil)
        #expect(h.state.pending.count == 1)
        #expect(h.document == nil)
    }

    @Test func statusLifecycle() throws {
        var h = try ConsolidatorHarness()
        var o = h.inspection(TestEvents.opened())
        #expect(o.statusChanged && h.state.status == .inProgress && h.state.dirty)
        #expect(o.statesAtStatusChanges.map(\.status) == [.inProgress])
        o = h.caseFile(TestEvents.assessedRecord("CF-1", answers: ["AP1": "YES"]))
        #expect(!o.statusChanged && o.statesAtStatusChanges.isEmpty)
        o = h.inspection(TestEvents.closed())
        #expect(o.statusChanged && h.state.status == .provisional)
        o = h.inspection(TestEvents.published())
        #expect(o.statusChanged && h.state.status == .final)
        #expect(h.document?["status"] as? String == "FINAL")
        #expect(h.document?["publishedOn"] as? String == "2026-06-15")
    }

    @Test func finalFreezesAndRefusesNewEvidence() throws {
        var h = try ConsolidatorHarness()
        h.inspection(TestEvents.opened())
        h.caseFile(TestEvents.assessedRecord("CF-1", answers: ["AP1": "YES"]))
        h.inspection(TestEvents.published())
        let frozen = h.state
        let late = TestEvents.assessedRecord("CF-2", answers: ["AP1": "NO"])
        let o = h.caseFile(late)
        #expect(o.rejections.count == 1)
        #expect(o.rejections.first?.rejection.code == .inspectionFinalised)
        #expect(o.rejections.first?.rejection.path == "data.inspectionId")
        #expect(o.rejections.first?.origin.value == late)
        #expect((o.rejections.first?.origin as? TestOrigin)?.topic == "casefiles.assessed")
        #expect(!o.changed)
        #expect(h.state == frozen)
        // Late decisions, closings and re-openings are refused too.
        #expect(h.inspection(TestEvents.decided(area: "AP", rating: "GOOD")).rejections.first?.rejection.code == .inspectionFinalised)
        #expect(h.inspection(TestEvents.opened(id: "open-2")).rejections.first?.rejection.code == .inspectionFinalised)
        #expect(h.interview(TestEvents.coded("IV-1", caseFileId: "CF-1")).rejections.count == 1)
        // An exact duplicate of an applied event is ignored, not refused.
        let dup = h.caseFile(TestEvents.assessedRecord("CF-1", answers: ["AP1": "YES"]))
        #expect(dup.rejections.isEmpty && !dup.changed)
        let dupPublish = h.inspection(TestEvents.published())
        #expect(dupPublish.rejections.isEmpty && !dupPublish.changed)
        #expect(h.state == frozen)
    }

    @Test func finalInspectionShrinksOnlyAfterItsJudgementIsPublished() throws {
        var h = try ConsolidatorHarness()
        h.inspection(TestEvents.opened())
        for index in 1...20 { h.caseFile(TestEvents.assessedRecord("CF-\(index)", answers: ["AP1": "YES", "AP2": "NO"])) }
        h.interview(TestEvents.coded("IV-1", caseFileId: "CF-1"))
        h.inspection(TestEvents.decided(area: "AP", rating: "GOOD"))
        h.inspection(TestEvents.published())
        let full = h.state
        // Not yet published: nothing may be dropped, the judgement still has to be built.
        h.state.shrinkAfterFinalPublication()
        #expect(h.state == full)
        h.state.dirty = false
        h.state.shrinkAfterFinalPublication()
        #expect(h.state.isShrunk)
        #expect(h.state.caseFiles.isEmpty && h.state.interviews.isEmpty && h.state.decisions.isEmpty && h.state.opening == nil)
        #expect(h.state.appliedEvents == full.appliedEvents)
        #expect(h.state.publishedOn == full.publishedOn)
        // What remains is the de-duplication keys, one per applied event.
        #expect(h.state.changelogBytes().count * 3 < full.changelogBytes().count)
        #expect(InspectionState(changelogBytes: h.state.changelogBytes(), origins: TestOrigin.self) == h.state)
        // Still refuses new evidence, still ignores exact duplicates, and never builds a judgement again.
        let shrunk = h.state
        let late = h.caseFile(TestEvents.assessedRecord("CF-99", answers: ["AP1": "NO"]))
        #expect(late.rejections.first?.rejection.code == .inspectionFinalised)
        let duplicate = h.caseFile(TestEvents.assessedRecord("CF-3", answers: ["AP1": "YES", "AP2": "NO"]))
        #expect(duplicate.rejections.isEmpty && !duplicate.changed)
        #expect(h.inspection(TestEvents.published()).rejections.isEmpty)
        #expect(h.state == shrunk)
        #expect(h.document == nil)
    }

    @Test func openInspectionsDoNotShrink() throws {
        var h = try ConsolidatorHarness()
        h.inspection(TestEvents.opened())
        h.caseFile(TestEvents.assessedRecord("CF-1", answers: ["AP1": "YES"]))
        h.inspection(TestEvents.closed())
        h.state.dirty = false
        let provisional = h.state
        h.state.shrinkAfterFinalPublication()
        #expect(h.state == provisional)
        #expect(!h.state.isShrunk)
    }

    @Test func preOpeningEventsReplayInArrivalOrder() throws {
        var h = try ConsolidatorHarness()
        h.caseFile(TestEvents.assessedRecord("CF-1", answers: ["AP1": "YES"]))
        h.inspection(TestEvents.closed())
        h.caseFile(TestEvents.assessedRecord("CF-1", answers: ["AP1": "YES"]))  // duplicate while pending
        h.inspection(TestEvents.published())
        let lateValue = TestEvents.assessedRecord("CF-2", answers: ["AP1": "NO"])
        h.caseFile(lateValue)
        #expect(h.state.pending.count == 4)
        let o = h.inspection(TestEvents.opened())
        #expect(h.state.pending.isEmpty)
        #expect(h.state.status == .final)
        #expect(o.statusChanged)
        #expect(o.rejections.count == 1)
        #expect(o.rejections.first?.rejection.code == .inspectionFinalised)
        #expect(o.rejections.first?.origin.value == lateValue)
        #expect(h.criterion("AP1")["yes"] as? Int == 1)
        #expect(h.criterion("AP1")["no"] as? Int == 0)
        // Each status the replay passed through is kept, as it stood, for its own judgement.
        #expect(o.statesAtStatusChanges.map(\.status) == [.inProgress, .provisional, .final])
        #expect(o.statesAtStatusChanges.map(\.appliedEvents.count) == [1, 3, 4])
        #expect(o.statesAtStatusChanges.map { $0.publishedOn == nil } == [true, true, false])
    }

    @Test func applyingTwiceEqualsOnce() throws {
        var h = try ConsolidatorHarness()
        h.inspection(TestEvents.opened())
        let value = TestEvents.assessedRecord("CF-1", answers: ["AP1": "YES"])
        h.caseFile(value)
        let once = h.state
        let o = h.caseFile(value)
        #expect(!o.changed && !o.judgementChanged)
        #expect(h.state == once)
    }

    @Test func correctionsReplaceAndInspectorAnswersSurvive() throws {
        var h = try ConsolidatorHarness()
        h.inspection(TestEvents.opened())
        h.caseFile(TestEvents.assessedRecord("CF-1", answers: ["AP1": "YES", "AP2": "YES"], sourceEventId: "s/r1"))
        h.caseFile(TestEvents.assessedExamination("CF-1", answers: ["AP2": "NO", "PP4": "YES"], sourceEventId: "s/x1"))
        h.caseFile(TestEvents.assessedRecord("CF-1", answers: ["AP1": "NO"], sourceEventId: "s/r2"))
        #expect(h.criterion("AP1")["no"] as? Int == 1)
        #expect(h.criterion("AP1")["yes"] as? Int == 0)
        #expect(h.criterion("AP2")["no"] as? Int == 1)  // the inspector's answer survives the correction
        #expect(h.criterion("PP4")["yes"] as? Int == 1)
        // A later examination answer replaces the earlier one.
        h.caseFile(TestEvents.assessedExamination("CF-1", answers: ["AP2": "YES"], sourceEventId: "s/x2"))
        #expect(h.criterion("AP2")["yes"] as? Int == 1)
    }

    @Test func examinationWaitsForItsRecord() throws {
        var h = try ConsolidatorHarness()
        h.inspection(TestEvents.opened())
        h.caseFile(TestEvents.assessedExamination("CF-1", answers: ["AP4": "YES"], sourceEventId: "s/x1"))
        #expect((h.document?["sample"] as? [String: Any])?["caseFiles"] as? Int == 0)
        #expect(h.criterion("AP4")["yes"] as? Int == 0)
        h.caseFile(TestEvents.assessedRecord("CF-1", answers: [:]))
        #expect((h.document?["sample"] as? [String: Any])?["caseFiles"] as? Int == 1)
        #expect(h.criterion("AP4")["yes"] as? Int == 1)
    }

    @Test func secondOpeningReplacesDetailsNotEvidence() throws {
        var h = try ConsolidatorHarness()
        h.inspection(TestEvents.opened())
        h.caseFile(TestEvents.assessedRecord("CF-1", answers: ["AP1": "YES"]))
        h.inspection(TestEvents.opened(id: "open-2", type: "LOCAL"))
        #expect((h.document?["establishment"] as? [String: Any])?["type"] as? String == "LOCAL")
        #expect(h.criterion("AP1")["yes"] as? Int == 1)
        #expect(h.state.status == .inProgress)
    }

    @Test func interviewReplacedBySameId() throws {
        var h = try ConsolidatorHarness()
        h.inspection(TestEvents.opened())
        h.interview(TestEvents.coded("IV-1", caseFileId: "CF-1", answers: ["PI1": "YES"], sourceEventId: "s/1"))
        h.interview(TestEvents.coded("IV-1", caseFileId: "CF-1", answers: ["PI1": "NO"], sourceEventId: "s/2"))
        #expect(h.criterion("EN1")["yes"] as? Int == 0)
        #expect(h.criterion("EN1")["no"] as? Int == 1)
        #expect(((h.document?["sample"] as? [String: Any])?["interviews"] as? [String: Any])?["PRISONER"] as? Int == 1)
    }

    @Test func stateRoundTripsThroughTheChangelog() throws {
        var h = try ConsolidatorHarness()
        h.caseFile(TestEvents.assessedRecord("CF-0", answers: [:]))
        h.inspection(TestEvents.opened())
        h.caseFile(TestEvents.assessedRecord("CF-1", answers: ["AP1": "YES"]))
        h.interview(TestEvents.coded("IV-1", caseFileId: "CF-1", answers: ["PI1": "YES"]))
        h.inspection(TestEvents.decided(area: "AP", rating: "POOR"))
        let decoded = InspectionState(changelogBytes: h.state.changelogBytes(), origins: TestOrigin.self)
        #expect(decoded == h.state)
    }

    @Test func pendingStateRoundTripsCompactly() throws {
        let c = Consolidator(rules: try Fixtures.rules)
        var state = InspectionState(inspectionId: TestEvents.inspectionId)
        let value = TestEvents.assessedRecord("CF-1", answers: ["AP1": "YES"])
        let event = try c.decode(kind: .assessedCaseFiles, key: TestEvents.key, value: value).get()
        let origin = TestOrigin(
            topic: "casefiles.assessed", partition: 2, offset: 41, key: TestEvents.key, value: value,
            headers: [TestHeader(name: "content-type", value: Array("application/cloudevents+json".utf8)), TestHeader(name: "empty", value: nil)])
        _ = c.apply(event, origin: origin, to: &state)
        let bytes = state.changelogBytes()
        #expect(InspectionState(changelogBytes: bytes, origins: TestOrigin.self) == state)
        #expect(bytes.count < value.count + 200, "pending bytes are stored as they came")
        #expect(state.pending.first?.origin as? TestOrigin == origin)
    }
}
