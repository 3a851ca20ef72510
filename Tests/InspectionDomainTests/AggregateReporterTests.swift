import Testing

@testable import InspectionDomain

@Suite struct AggregateReporterTests {
    let reporter: AggregateReporter

    init() throws { reporter = AggregateReporter(rules: try Fixtures.rules) }

    func judgement(
        _ id: String, type: String, publishedOn: String, counts: [String: (Int, Int, Int)], ratings: [String: String], status: String = "FINAL"
    ) -> [UInt8] {
        let ids = ["AP1", "AP2", "AP3", "AP4", "IM1", "IM2", "IM3", "IM4", "PP1", "PP2", "PP3", "PP4", "RR1", "RR2", "RR3", "EN1", "EN2", "EN3"]
        var data: [String: Any] = [
            "inspectionId": id, "version": 3, "status": status,
            "establishment": ["code": "MDI", "type": type, "population": "ADULT"], "framework": "omi-v1",
            "fieldworkStart": "2026-03-02", "fieldworkEnd": "2026-03-13",
            "criteria": ids.map { c -> [String: Any] in
                let v = counts[c] ?? (0, 0, 0); return ["criterionId": c, "yes": v.0, "no": v.1, "notApplicable": v.2]
            },
            "areas": ["AP", "IM", "PP", "RR", "EN", "OVERALL"].map { ["area": $0, "rating": ratings[$0] ?? "INSUFFICIENT_EVIDENCE"] },
        ]
        if status == "FINAL" { data["publishedOn"] = publishedOn }
        return TestEvents.event(type: "judgement.updated", data: data, id: "j-\(id)")
    }

    func decode(_ value: [UInt8], key: String) -> FinalJudgement? {
        try! reporter.decode(key: Array(key.utf8), value: value).get()
    }

    @Test(arguments: [
        ("2026-04-01", "FY2026-27"), ("2027-03-31", "FY2026-27"), ("2026-03-31", "FY2025-26"), ("2000-01-15", "FY1999-00"),
        ("2009-06-01", "FY2009-10"),
    ])
    func periods(_ date: String, _ period: String) {
        #expect(ReportingPeriod.id(containing: CivilDate(date)!) == period)
    }

    @Test func nonFinalJudgementsAreSkippedAndBadOnesRejected() throws {
        let provisional = judgement("INS-A", type: "LOCAL", publishedOn: "", counts: [:], ratings: [:], status: "PROVISIONAL")
        #expect(decode(provisional, key: "INS-A") == nil)
        if case .failure(let r) = reporter.decode(
            key: Array("INS-B".utf8), value: judgement("INS-A", type: "LOCAL", publishedOn: "2026-05-01", counts: [:], ratings: [:]))
        {
            #expect(r.code == .keyMismatch)
        } else {
            Issue.record("accepted")
        }
        if case .failure(let r) = reporter.decode(key: Array("INS-A".utf8), value: nil) {
            #expect(r.code == .malformedJSON)
        } else {
            Issue.record("accepted")
        }
        if case .failure(let r) = reporter.decode(key: Array("INS-A".utf8), value: try Fixtures.example("casefile.submitted")) {
            #expect(r.code == .unknownEventType)
        } else {
            Issue.record("accepted")
        }
        #expect(decode(try Fixtures.example("judgement.updated"), key: "INS-2026-MDI-01")?.publishedOn.description == "2026-06-15")
    }

    /// Two TRAINING and one LOCAL inspection in FY2026-27; AP1 summed: 3+1+0 yes, 1+1+2 no → 4 / 8 = 50.0.
    @Test func aggregatesAPeriod() {
        var aggregate = PeriodAggregate(period: "FY2026-27")
        let a = decode(
            judgement(
                "INS-A", type: "TRAINING", publishedOn: "2026-04-01", counts: ["AP1": (3, 1, 2), "EN1": (2, 0, 0)],
                ratings: ["AP": "GOOD", "OVERALL": "GOOD"]), key: "INS-A")!
        let b = decode(
            judgement(
                "INS-B", type: "LOCAL", publishedOn: "2026-09-01", counts: ["AP1": (1, 1, 0)],
                ratings: ["AP": "POOR", "OVERALL": "NOT_SUFFICIENTLY_GOOD"]), key: "INS-B")!
        let c = decode(
            judgement(
                "INS-C", type: "TRAINING", publishedOn: "2027-03-31", counts: ["AP1": (0, 2, 1)],
                ratings: ["AP": "GOOD", "OVERALL": "REASONABLY_GOOD"]), key: "INS-C")!
        #expect(reporter.period(of: a) == "FY2026-27" && reporter.period(of: c) == "FY2026-27")
        #expect(reporter.add(c, to: &aggregate))
        #expect(reporter.add(a, to: &aggregate))
        #expect(reporter.add(b, to: &aggregate))
        #expect(!reporter.add(a, to: &aggregate))  // re-delivered: counted once
        aggregate.version = 3
        let event = reporter.aggregateEvent(for: aggregate, time: "2027-04-01T00:00:00Z")
        #expect(event.key == Array("FY2026-27".utf8))
        let text = String(decoding: event.value, as: UTF8.self)
        #expect(
            text.contains(
                #""data":{"period":"FY2026-27","from":"2026-04-01","to":"2027-03-31","version":3,"inspections":3,"inspectionIds":["INS-A","INS-B","INS-C"],"criteria":[{"criterionId":"AP1","area":"AP","title":"Initial OASys assessment completed on time","yes":4,"no":4,"notApplicable":3,"percentage":50.0},{"criterionId":"AP2","area":"AP","title":"OASys assessment reviewed in the last 12 months","yes":0,"no":0,"notApplicable":0,"percentage":null}"#
            ))
        #expect(
            text.contains(
                #"{"criterionId":"EN1","area":"EN","title":"Knows their sentence plan objectives","yes":2,"no":0,"notApplicable":0,"percentage":100.0},"#
            ))
        #expect(
            text.contains(
                #""byEstablishmentType":[{"type":"LOCAL","inspections":1,"criteria":[{"criterionId":"AP1","yes":1,"no":1,"notApplicable":0,"percentage":50.0},"#
            ))
        #expect(
            text.contains(
                #"{"type":"TRAINING","inspections":2,"criteria":[{"criterionId":"AP1","yes":3,"no":3,"notApplicable":3,"percentage":50.0},"#))
        #expect(
            text.contains(
                #""ratings":[{"area":"AP","GOOD":2,"REASONABLY_GOOD":0,"NOT_SUFFICIENTLY_GOOD":0,"POOR":1,"INSUFFICIENT_EVIDENCE":0},{"area":"IM","GOOD":0,"REASONABLY_GOOD":0,"NOT_SUFFICIENTLY_GOOD":0,"POOR":0,"INSUFFICIENT_EVIDENCE":3}"#
            ))
        #expect(text.contains(#"{"area":"OVERALL","GOOD":1,"REASONABLY_GOOD":1,"NOT_SUFFICIENTLY_GOOD":1,"POOR":0,"INSUFFICIENT_EVIDENCE":0}]}}"#))
        let parsed = TestEvents.parse(event.value)
        #expect(parsed["source"] as? String == "urn:inspection-pipeline:aggregate-reporter")
        #expect(parsed["type"] as? String == "aggregate.updated")
        let types = (parsed["data"] as! [String: Any])["byEstablishmentType"] as! [[String: Any]]
        #expect(types.allSatisfy { ($0["criteria"] as! [Any]).count == 18 })
    }

    @Test func consolidatorOutputFeedsTheReporter() throws {
        var h = try JudgementTests.scenario()
        h.inspection(TestEvents.published(on: "2027-01-05"))
        let event = Consolidator(rules: try Fixtures.rules).judgementEvent(for: h.state, version: 9, time: "2027-01-05T10:00:00Z")!
        let final = try reporter.decode(key: event.key, value: event.value).get()!
        #expect(final.publishedOn.description == "2027-01-05")
        #expect(reporter.period(of: final) == "FY2026-27")
        #expect(final.criteria.first { $0.criterionId == "AP1" } == .init(criterionId: "AP1", yes: 5, no: 1, notApplicable: 0))
        #expect(final.ratings["OVERALL"] == .notSufficientlyGood)
        #expect(final.establishmentType == .training)
    }
}
