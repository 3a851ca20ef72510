import Testing

@testable import InspectionDomain

/// The §8.5 document, with every number computed by hand.
@Suite struct JudgementTests {
    /// Six case files:
    /// AP1 5 YES / 1 NO (83.3), AP2 6 YES (100), IM1 and IM2 6 YES (100), PP1 2 YES / 3 NO / 1 NA (40), PP2 1 YES / 1 NO (insufficient).
    /// CF-1…CF-4 in scope; CF-6 a young adult.
    static func scenario() throws -> ConsolidatorHarness {
        var h = try ConsolidatorHarness()
        h.inspection(TestEvents.opened())
        for n in 1...6 {
            var answers = ["AP1": n <= 5 ? "YES" : "NO", "AP2": "YES", "IM1": "YES", "IM2": "YES"]
            answers["PP1"] = n <= 2 ? "YES" : (n <= 5 ? "NO" : "NOT_APPLICABLE")
            if n == 1 { answers["PP2"] = "YES" }
            if n == 2 { answers["PP2"] = "NO" }
            h.caseFile(TestEvents.assessedRecord("CF-\(n)", answers: answers, inScope: n <= 4, youngAdult: n == 6, caseRef: "CR-\(7 - n)"))
        }
        return h
    }

    @Test func criteriaCountsSplitsAndPercentages() throws {
        let h = try Self.scenario()
        let text = h.text!
        #expect(
            text.contains(
                #"{"criterionId":"AP1","area":"AP","title":"Initial OASys assessment completed on time","yes":5,"no":1,"notApplicable":0,"percentage":83.3,"sufficientEvidence":true,"inScope":{"yes":4,"no":0,"percentage":100.0},"outOfScope":{"yes":1,"no":1,"percentage":50.0},"youngAdult":{"yes":0,"no":1,"percentage":0.0}}"#
            ))
        #expect(
            text.contains(
                #"{"criterionId":"PP2","area":"PP","title":"Risk management plan for high risk of harm","yes":1,"no":1,"notApplicable":4,"percentage":50.0,"sufficientEvidence":false,"inScope":{"yes":1,"no":1,"percentage":50.0},"outOfScope":{"yes":0,"no":0,"percentage":null},"youngAdult":{"yes":0,"no":0,"percentage":null}}"#
            ))
        #expect(
            text.contains(
                #"{"criterionId":"RR3","area":"RR","title":"Release plan sufficient","yes":0,"no":0,"notApplicable":6,"percentage":null,"sufficientEvidence":false,"#
            ))
        let ids = (h.document!["criteria"] as! [[String: Any]]).map { $0["criterionId"] as! String }
        #expect(
            ids == ["AP1", "AP2", "AP3", "AP4", "IM1", "IM2", "IM3", "IM4", "PP1", "PP2", "PP3", "PP4", "RR1", "RR2", "RR3", "EN1", "EN2", "EN3"])
        #expect(h.criterion("EN1")["title"] as? String == "Knows their sentence plan objectives")
    }

    @Test func sampleAndEvidence() throws {
        var h = try Self.scenario()
        h.interview(TestEvents.coded("IV-2", kind: "MANAGER"))
        h.interview(TestEvents.coded("IV-10", caseFileId: "CF-1", answers: ["PI1": "YES"]))
        let text = h.text!
        #expect(
            text.contains(
                #""sample":{"caseFiles":6,"inScope":4,"outOfScope":2,"youngAdults":1,"interviews":{"PRISONER":1,"OFFENDER_SUPERVISOR":0,"OMU_PRACTITIONER_GROUP":0,"MANAGER":1}}"#
            ))
        #expect(text.contains(#""evidence":{"caseRefs":["CR-1","CR-2","CR-3","CR-4","CR-5","CR-6"],"interviewIds":["IV-10","IV-2"]}}"#))
        #expect(
            text.contains(
                #""inspectionId":"INS-2026-MDI-01","version":1,"status":"IN_PROGRESS","establishment":{"code":"MDI","name":"HMP Moorland","type":"TRAINING","population":"ADULT"},"framework":"omi-v1","fieldworkStart":"2026-03-02","fieldworkEnd":"2026-03-13","sample""#
            ))
        #expect(!text.contains("publishedOn"))
    }

    /// AP = mean(83.33…, 100) = 91.666… → 91.7 GOOD; IM = 100 GOOD; PP = 40 POOR; RR, EN null;
    /// OVERALL = mean(91.666…, 100, 40) = 77.222… → 77.2, REASONABLY_GOOD capped to NOT_SUFFICIENTLY_GOOD by PP's POOR.
    @Test func areasScoresRatingsAndCaps() throws {
        let h = try Self.scenario()
        let text = h.text!
        #expect(
            text.contains(
                #""areas":[{"area":"AP","score":91.7,"proposedRating":"GOOD","rating":"GOOD"},{"area":"IM","score":100.0,"proposedRating":"GOOD","rating":"GOOD"},{"area":"PP","score":40.0,"proposedRating":"POOR","rating":"POOR"},{"area":"RR","score":null,"proposedRating":"INSUFFICIENT_EVIDENCE","rating":"INSUFFICIENT_EVIDENCE"},{"area":"EN","score":null,"proposedRating":"INSUFFICIENT_EVIDENCE","rating":"INSUFFICIENT_EVIDENCE"},{"area":"OVERALL","score":77.2,"proposedRating":"NOT_SUFFICIENTLY_GOOD","rating":"NOT_SUFFICIENTLY_GOOD"}]"#
            ))
    }

    @Test func decisionsOverrideAndReplace() throws {
        var h = try Self.scenario()
        h.inspection(TestEvents.decided(area: "OVERALL", rating: "POOR", id: "d1"))
        h.inspection(TestEvents.decided(area: "OVERALL", rating: "GOOD", id: "d2"))
        h.inspection(TestEvents.decided(area: "RR", rating: "REASONABLY_GOOD", id: "d3"))
        #expect(
            h.text!.contains(
                #"{"area":"OVERALL","score":77.2,"proposedRating":"NOT_SUFFICIENTLY_GOOD","decidedRating":"GOOD","rating":"GOOD","rationale":"Because."}"#
            ))
        #expect(
            h.text!.contains(
                #"{"area":"RR","score":null,"proposedRating":"INSUFFICIENT_EVIDENCE","decidedRating":"REASONABLY_GOOD","rating":"REASONABLY_GOOD","rationale":"Because."}"#
            ))
    }

    @Test func recommendationsAndGoodPracticeOrder() throws {
        let h = try Self.scenario()
        #expect(
            h.text!.contains(
                #""recommendations":[{"criterionId":"PP1","area":"PP","title":"Risk of serious harm level recorded","percentage":40.0}],"goodPractice":[{"criterionId":"AP2","area":"AP","title":"OASys assessment reviewed in the last 12 months","percentage":100.0},{"criterionId":"IM1","area":"IM","title":"Offender supervisor allocated within 2 working days of reception","percentage":100.0},{"criterionId":"IM2","area":"IM","title":"First contact with offender supervisor within 10 working days","percentage":100.0}],"divergence":0"#
            ))
    }

    /// Area cap: IM1–IM3 at 100 and IM4 at 40 → mean 85 (GOOD) capped to NOT_SUFFICIENTLY_GOOD. Recommendations ascending:
    /// IM4 40 (5 cases: 2/5), PP1 40 (tie → catalogue order), AP1 60 (3/5).
    @Test func criterionBelowFiftyCapsItsArea() throws {
        var h = try ConsolidatorHarness()
        h.inspection(TestEvents.opened())
        for n in 1...5 {
            h.caseFile(
                TestEvents.assessedRecord(
                    "CF-\(n)",
                    answers: [
                        "IM1": "YES", "IM2": "YES", "IM3": "YES", "IM4": n <= 2 ? "YES" : "NO",
                        "PP1": n <= 2 ? "YES" : "NO", "AP1": n <= 3 ? "YES" : "NO",
                    ]))
        }
        let text = h.text!
        #expect(text.contains(#"{"area":"IM","score":85.0,"proposedRating":"NOT_SUFFICIENTLY_GOOD","rating":"NOT_SUFFICIENTLY_GOOD"}"#))
        #expect(text.contains(#"{"area":"AP","score":60.0,"proposedRating":"NOT_SUFFICIENTLY_GOOD","rating":"NOT_SUFFICIENTLY_GOOD"}"#))
        let recommendations = (h.document!["recommendations"] as! [[String: Any]]).map { $0["criterionId"] as! String }
        #expect(recommendations == ["IM4", "PP1", "AP1"])
        // OVERALL = mean(60, 85, 40) = 61.666… → 61.7 NOT_SUFFICIENTLY_GOOD (the POOR cap changes nothing here).
        #expect(text.contains(#"{"area":"OVERALL","score":61.7,"proposedRating":"NOT_SUFFICIENTLY_GOOD","rating":"NOT_SUFFICIENTLY_GOOD"}"#))
    }

    /// 1 YES of 16 = 6.25 % → 6.3 (half-up, not half-even); 3 of 16 = 18.75 → 18.8; a score exactly at 80 is GOOD.
    @Test func roundingHalfUpAndExactThresholds() throws {
        var h = try ConsolidatorHarness()
        h.inspection(TestEvents.opened())
        for n in 1...16 {
            h.caseFile(
                TestEvents.assessedRecord(
                    "CF-\(n)",
                    answers: [
                        "AP1": n == 1 ? "YES" : "NO", "AP2": n <= 3 ? "YES" : "NO",
                        "PP1": n <= 12 ? "YES" : "NO", "PP2": n <= 14 ? "YES" : "NO",
                    ]))
        }
        #expect(h.criterion("AP1")["percentage"] as? Double == 6.3)
        #expect(h.criterion("AP2")["percentage"] as? Double == 18.8)
        // PP = mean(75, 87.5) = 81.25 → 81.3, GOOD; PP2 87.5 is not good practice (< 90).
        #expect(h.text!.contains(#"{"area":"PP","score":81.3,"proposedRating":"GOOD","rating":"GOOD"}"#))
        #expect((h.document!["goodPractice"] as! [Any]).isEmpty)

        var g = try ConsolidatorHarness()
        g.inspection(TestEvents.opened())
        for n in 1...5 { g.caseFile(TestEvents.assessedRecord("CF-\(n)", answers: ["RR1": n <= 4 ? "YES" : "NO"])) }
        #expect(g.text!.contains(#"{"area":"RR","score":80.0,"proposedRating":"GOOD","rating":"GOOD"}"#))
    }

    @Test func fractionRounding() {
        #expect(Fraction(625, 100).oneDecimal == "6.3")
        #expect(Fraction(624, 100).oneDecimal == "6.2")
        #expect(Fraction(200, 3).oneDecimal == "66.7")
        #expect(Fraction(100, 6).oneDecimal == "16.7")
        #expect(Fraction(0, 7).oneDecimal == "0.0")
        #expect(Fraction(100, 1).oneDecimal == "100.0")
        #expect(Fraction(1, 20).oneDecimal == "0.1")  // 0.05 → 0.1
        #expect(Fraction(1, 21).oneDecimal == "0.0")
        #expect(Fraction(200, 3).isAtLeast(66) && Fraction(200, 3).isBelow(67))
        // The mean of many fractions stays exact: 1/3 + 1/7 + … with large denominators.
        let mean = Fraction.mean((1...30).map { Fraction(100, $0) })!
        #expect(mean.isAtLeast(13) && mean.isBelow(14))
    }

    /// Criterion positions found through packed ids agree with the catalogue's own order, for short and long ids,
    /// and near misses (a prefix, an extra byte, a NUL, a non-ASCII letter) are not found.
    @Test func criterionPositionsByPackedID() throws {
        let catalogue = try Fixtures.rules.catalogue
        for (offset, criterion) in catalogue.criteria.enumerated() {
            #expect(catalogue.position(of: criterion.id) == offset, "\(criterion.id)")
        }
        for miss in ["", "AP", "AP10", "AP1 ", "AP1\u{0}", "ÄP1", "ap1", "XX9"] {
            #expect(catalogue.position(of: miss) == nil, "\(miss.debugDescription)")
        }
        let long = Criterion(id: "LONG-CRITERION-1", area: .ap, title: "t", inspectorOnly: false, question: nil)
        let short = Criterion(id: "S1", area: .ap, title: "t", inspectorOnly: false, question: nil)
        let mixed = CriteriaCatalogue(framework: "f", criteria: [short, long], thresholds: catalogue.thresholds)
        #expect(mixed.position(of: "LONG-CRITERION-1") == 1 && mixed.position(of: "S1") == 0)
        #expect(mixed.position(of: "LONG-CRITERION-2") == nil && mixed.position(of: "LONG-CR") == nil)
    }

    /// The 64-bit path (lowest terms, overflow checks) gives what arbitrary precision gives, on values from tiny to
    /// near the 64-bit limit, and a mean whose denominator outgrows 64 bits moves to arbitrary precision exactly.
    @Test func fractionFastPathAgreesWithArbitraryPrecision() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: UInt64) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 1) % bound)
        }
        func big(_ n: Int, _ d: Int) -> Fraction { Fraction(numerator: BigUInt(n), denominator: BigUInt(d)) }
        for round in 0..<3_000 {
            let bound: UInt64 = round % 3 == 0 ? 1_000 : round % 3 == 1 ? 1 << 40 : UInt64(Int.max)
            // Values up to 1,000 (scores are at most 100): their tenths fit an Int on both paths.
            let (d1, d2) = (next(bound - 1) + 1, next(bound - 1) + 1)
            func numerator(_ d: Int) -> Int { next(UInt64(d) > bound / 1_000 ? bound : UInt64(d) * 1_000) }
            let (n1, n2) = (numerator(d1), numerator(d2))
            let (a, b) = (Fraction(n1, d1), Fraction(n2, d2))
            let (wideA, wideB) = (big(n1, d1), big(n2, d2))
            #expect(a.isSmall && !wideA.isSmall)
            #expect(a.roundedTenths == wideA.roundedTenths, "\(n1)/\(d1)")
            #expect((a < b) == (wideA < wideB) && (a == b) == (wideA == wideB), "\(n1)/\(d1) vs \(n2)/\(d2)")
            let threshold = next(200)
            #expect(a.isBelow(threshold) == wideA.isBelow(threshold) && a.isAtLeast(threshold) == wideA.isAtLeast(threshold))
            let mean = Fraction.mean([a, b, Fraction(n1, d2)])!
            let wideMean = Fraction.mean([wideA, wideB, big(n1, d2)])!
            #expect(mean == wideMean && mean.roundedTenths == wideMean.roundedTenths, "mean of \(n1)/\(d1), \(n2)/\(d2)")
        }
        // Equal values in different terms are equal; percentages are kept in lowest terms.
        #expect(Fraction(200, 3) == Fraction(400, 6) && Fraction.percentage(yes: 2, no: 1)! == Fraction(200, 3))
        // Denominators that are distinct primes near 2^20: their product passes 2^64 after four of them.
        let primes = [1_048_573, 1_048_571, 1_048_559, 1_048_549, 1_048_517]
        let mean = Fraction.mean(primes.map { Fraction(100 * ($0 / 3), $0) })!
        let wideMean = Fraction.mean(primes.map { big(100 * ($0 / 3), $0) })!
        #expect(!mean.isSmall)
        #expect(mean == wideMean && mean.roundedTenths == 333 && mean.isBelow(34) && mean.isAtLeast(33))
    }

    /// EN from PRISONER interviews; splits need the linked record; divergence uses the merged AP3.
    @Test func engagementAndDivergence() throws {
        var h = try ConsolidatorHarness()
        h.inspection(TestEvents.opened())
        h.caseFile(TestEvents.assessedRecord("CF-1", answers: ["AP3": "YES"], inScope: true, youngAdult: true))
        h.interview(TestEvents.coded("IV-1", caseFileId: "CF-1", answers: ["PI1": "NO", "PI2": "YES"]))
        h.interview(TestEvents.coded("IV-2", caseFileId: "CF-9", answers: ["PI1": "NO"]))  // record missing
        #expect(
            h.text!.contains(
                #"{"criterionId":"EN1","area":"EN","title":"Knows their sentence plan objectives","yes":0,"no":2,"notApplicable":0,"percentage":0.0,"sufficientEvidence":false,"inScope":{"yes":0,"no":1,"percentage":0.0},"outOfScope":{"yes":0,"no":0,"percentage":null},"youngAdult":{"yes":0,"no":1,"percentage":0.0}}"#
            ))
        #expect(h.criterion("EN2")["notApplicable"] as? Int == 1)
        #expect(h.document!["divergence"] as? Int == 1)
        // The inspector's AP3 = NO overrides the automatic YES: no divergence.
        h.caseFile(TestEvents.assessedExamination("CF-1", answers: ["AP3": "NO"], sourceEventId: "s/x"))
        #expect(h.document!["divergence"] as? Int == 0)
    }

    @Test func staffThemesAllFiveInOrder() throws {
        var h = try ConsolidatorHarness()
        h.inspection(TestEvents.opened())
        h.interview(TestEvents.coded("IV-B", kind: "OFFENDER_SUPERVISOR", themes: [("CASELOAD_PRESSURE", 2, ["b1", "b2"])]))
        h.interview(TestEvents.coded("IV-A", kind: "MANAGER", themes: [("CASELOAD_PRESSURE", 2, ["a1", "a2"]), ("COMMUNITY_LINKS", 1, ["a3"])]))
        h.interview(TestEvents.coded("IV-C", kind: "PRISONER", caseFileId: "CF-1"))
        #expect(
            h.text!.contains(
                #""staffThemes":[{"theme":"CASELOAD_PRESSURE","interviews":2,"quotes":["a1","a2","b1"]},{"theme":"TRAINING_AND_SUPERVISION","interviews":0,"quotes":[]},{"theme":"CASE_RECORDS","interviews":0,"quotes":[]},{"theme":"COMMUNITY_LINKS","interviews":1,"quotes":["a3"]},{"theme":"INTERVENTIONS_AVAILABILITY","interviews":0,"quotes":[]}]"#
            ))
    }

    @Test func eventIdIsDeterministicFromInspectionAndVersion() throws {
        let h = try Self.scenario()
        let c = Consolidator(rules: try Fixtures.rules)
        let a = c.judgementEvent(for: h.state, version: 3, time: "2026-03-05T00:00:00Z")!
        let b = c.judgementEvent(for: h.state, version: 3, time: "2026-03-05T00:00:00Z")!
        let d = c.judgementEvent(for: h.state, version: 4, time: "2026-03-05T00:00:00Z")!
        #expect(a == b)
        #expect(TestEvents.parse(a.value)["id"] as? String != TestEvents.parse(d.value)["id"] as? String)
        #expect(TestEvents.parse(a.value)["source"] as? String == "urn:inspection-pipeline:findings-consolidator")
        #expect(TestEvents.parse(a.value)["type"] as? String == "judgement.updated")
        #expect(a.key == TestEvents.key)
    }
}
