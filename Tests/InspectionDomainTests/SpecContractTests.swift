import Foundation
import Testing

@testable import InspectionDomain

/// Black-box checks of the contract (SPEC §3–§9, §11). Every expected value here is worked out by hand from the spec.
@Suite struct SpecContractTests {
    static let specRecord = #"""
        {"specversion":"1.0","id":"7f1c","source":"urn:case-system:nomis","type":"casefile.submitted","time":"2026-03-02T09:15:00Z","subject":"INS-2026-MDI-01","datacontenttype":"application/json",
         "data":{"inspectionId": "INS-2026-MDI-01", "caseFileId": "CF-0001",
         "extractedAt": "2026-02-27T17:00:00Z",
         "prisonNumber": "A1234BC", "crn": "X123456", "pncNumber": "12/394773H",
         "dateOfBirth": "1999-05-14", "establishmentCode": "MDI",
         "legalStatus": "SENTENCED",
         "sentence": {"type": "DETERMINATE", "startDate": "2025-01-10", "lengthMonths": 36,
                      "conditionalReleaseDate": "2026-07-10", "tariffDate": null,
                      "homeDetentionCurfewEligibilityDate": "2026-05-01"},
         "receptionDate": "2025-02-03",
         "riskOfSeriousHarm": "HIGH", "riskManagementPlan": true,
         "mappa": {"category": 2, "level": 1},
         "prolificPriorityOffender": false,
         "offenderSupervisor": {"allocatedOn": "2025-02-04", "firstContactOn": "2025-02-12"},
         "offenderManager": {"allocatedOn": "2025-02-10", "lastContactOn": "2025-12-01"},
         "oasysAssessments": [{"completedOn": "2025-03-01", "kind": "INITIAL"},
                              {"completedOn": "2026-01-20", "kind": "REVIEW"}],
         "sentencePlan": {"createdOn": "2025-03-05",
                          "objectives": [{"text": "Complete a thinking skills programme",
                                          "riskFactor": "THINKING_AND_BEHAVIOUR"}]},
         "contacts": [{"on": "2026-02-01", "with": "OFFENDER_SUPERVISOR"}],
         "resettlement": {"ACCOMMODATION": "ASSESSED", "EDUCATION_TRAINING_EMPLOYMENT": "ASSESSED",
                          "HEALTH": "ASSESSED", "DRUGS_ALCOHOL": "NOT_ASSESSED",
                          "FINANCE_BENEFIT_DEBT": "ASSESSED", "CHILDREN_FAMILIES": "ASSESSED",
                          "ATTITUDES_THINKING_BEHAVIOUR": "ASSESSED"},
         "hdc": {"decision": "PENDING"}}}
        """#

    let assessor: CaseFileAssessor

    init() throws { assessor = CaseFileAssessor(rules: try Fixtures.rules, pseudonymKey: Array("test-key".utf8)) }

    /// §6.1–§6.3 on the §4.5 example: deadline 2025-03-07 (546 days to release < 730), asOf 2026-02-27, age 26.
    @Test func specExampleRecordIsAssessedExactly() throws {
        let out = try assessor.process(key: Array("INS-2026-MDI-01".utf8), value: Array(Self.specRecord.utf8)).get()
        let text = String(decoding: out.value, as: UTF8.self)
        let answers = [
            "AP1": "YES", "AP2": "YES", "AP3": "YES", "AP4": "NOT_APPLICABLE", "IM1": "YES", "IM2": "YES", "IM3": "YES", "IM4": "YES",
            "PP1": "YES", "PP2": "YES", "PP3": "YES", "PP4": "NOT_APPLICABLE", "RR1": "NOT_APPLICABLE", "RR2": "NOT_APPLICABLE",
            "RR3": "NOT_APPLICABLE",
        ]
        let ids = ["AP1", "AP2", "AP3", "AP4", "IM1", "IM2", "IM3", "IM4", "PP1", "PP2", "PP3", "PP4", "RR1", "RR2", "RR3"]
        let list = ids.map { #"{"criterionId":"\#($0)","answer":"\#(answers[$0]!)","provenance":"AUTO"}"# }.joined(separator: ",")
        let expected =
            #"{"inspectionId":"INS-2026-MDI-01","caseFileId":"CF-0001","origin":"RECORD","caseRef":"CR-46E8FB9D0AFC4FF8","asOf":"2026-02-27","inScope":true,"youngAdult":false,"sentenceType":"DETERMINATE","riskOfSeriousHarm":"HIGH","answers":["#
            + list + #"],"sourceEventId":"urn:case-system:nomis/7f1c"}"#
        #expect(text.contains(#""data":"# + expected + "}"))
        #expect(text.hasPrefix(#"{"specversion":"1.0","id":""#))
        #expect(text.contains(#""source":"urn:inspection-pipeline:casefile-intake","type":"casefile.assessed""#))
        for secret in ["A1234BC", "X123456", "394773", "1999-05-14", "thinking skills"] { #expect(!text.contains(secret), "\(secret)") }
        #expect(out.key == Array("INS-2026-MDI-01".utf8))
    }

    func rejection(_ result: Result<OutputEvent, Rejection>) -> Rejection? {
        if case .failure(let r) = result { return r }
        return nil
    }

    func submitted(_ mutate: (inout [String: Any]) -> Void) -> Result<OutputEvent, Rejection> {
        var data = TestEvents.caseFileData()
        mutate(&data)
        return assessor.process(key: TestEvents.key, value: TestEvents.event(type: "casefile.submitted", data: data))
    }

    func answers(_ result: Result<OutputEvent, Rejection>) -> [String: String] {
        guard case .success(let out) = result else { Issue.record("refused: \(result)"); return [:] }
        let data = TestEvents.parse(out.value)["data"] as! [String: Any]
        var answers: [String: String] = [:]
        for a in data["answers"] as! [[String: Any]] { answers[a["criterionId"] as! String] = a["answer"] as? String }
        return answers
    }

    /// §4.5: only the listed fields are required ("everything else is optional"); §11 adds only that objectives need
    /// `text`. So an assessment or a contact may lack its date or kind; the rules then ignore what they cannot date.
    /// Base record: DETERMINATE 36 months from 2025-01-10, no release date → oasysDeadline = +112 days = 2025-05-02;
    /// asOf 2026-02-27; received 2025-02-03 (389 days before asOf).
    @Test func assessmentAndContactFieldsAreOptional() {
        let result = submitted {
            $0["oasysAssessments"] = [["kind": "INITIAL"], ["completedOn": "2025-04-01"], ["completedOn": NSNull(), "kind": NSNull()]]
            $0["contacts"] = [["with": "OFFENDER_SUPERVISOR"], ["on": "2026-02-01"], ["on": NSNull(), "with": NSNull()]]
        }
        let a = answers(result)
        // AP1: the only INITIAL is undated, so the earliest dated assessment (2025-04-01 ≤ 2025-05-02) → YES.
        #expect(a["AP1"] == "YES")
        // AP2: 413 days since start ≥ 365; 2025-04-01 lies in [2025-02-27, 2026-02-27] → YES.
        #expect(a["AP2"] == "YES")
        // IM3: no dated contact with the offender supervisor and no firstContactOn → NO.
        #expect(a["IM3"] == "NO")
        // Present values are still validated.
        #expect(rejection(submitted { $0["contacts"] = [["with": "FRIEND"]] })?.message.hasPrefix("data.contacts[0].with: ") == true)
        #expect(
            rejection(submitted { $0["oasysAssessments"] = [["completedOn": "2025-02-30"]] })?.message
                == "data.oasysAssessments[0].completedOn: not a date")
    }

    /// Rejection messages are logged and go to DLQ headers: they never carry a prison number, CRN, PNC number,
    /// date of birth or name, wherever the event put it — and still start with the field path.
    @Test func rejectionMessagesNeverCarryPersonalData() throws {
        let secrets = ["A1234BC", "X123456", "12/394773H", "1999-05-14"]
        var cases: [(String, Rejection?)] = []
        cases.append(
            (
                "data.legalStatus: ",
                rejection(
                    submitted {
                        $0["crn"] = "X123456"; $0["pncNumber"] = "12/394773H"; $0["legalStatus"] = "A1234BC"
                    })
            ))
        cases.append(("data.legalStatus: ", rejection(submitted { $0["legalStatus"] = "1999-05-14" })))
        cases.append(
            (
                "data.riskOfSeriousHarm: ",
                rejection(
                    submitted {
                        $0["crn"] = "X123456"; $0["riskOfSeriousHarm"] = "X123456"
                    })
            ))
        cases.append(
            (
                "data.hdc.decision: ",
                rejection(
                    submitted {
                        $0["pncNumber"] = "12/394773H"; $0["hdc"] = ["decision": "see 12/394773H"]
                    })
            ))
        cases.append(("data.prisonNumber: ", rejection(submitted { $0["prisonNumber"] = "A1234B" })))
        cases.append(("data.crn: ", rejection(submitted { $0["crn"] = "X12345" })))
        cases.append(("data.pncNumber: ", rejection(submitted { $0["pncNumber"] = "12/394773A" })))
        cases.append(("type: ", rejection(assessor.process(key: TestEvents.key, value: TestEvents.event(type: "A1234BC", data: [:])))))
        let examined = TestEvents.event(
            type: "casefile.examined",
            data: [
                "inspectionId": TestEvents.inspectionId, "caseFileId": "CF-1",
                "answers": [["criterionId": "A1234BC", "answer": "YES"]],
            ])
        cases.append(("data.answers[0].criterionId: ", rejection(assessor.process(key: TestEvents.key, value: examined))))
        for (prefix, r) in cases {
            guard let r else { Issue.record("accepted: \(prefix)"); continue }
            #expect(r.message.hasPrefix(prefix), "\(r.message)")
            for secret in secrets + ["A1234B", "X12345", "394773"] { #expect(!r.message.contains(secret), "\(r.message)") }
        }
        // Names of participants, wherever they end up.
        let coder = InterviewCoder(rules: try Fixtures.rules)
        let interview = TestEvents.event(
            type: "interview.recorded",
            data: [
                "inspectionId": TestEvents.inspectionId, "interviewId": "IV-0001", "kind": "MANAGER", "conductedOn": "2026-03-04",
                "participants": [["role": "STAFF", "name": "Jane Doe"]],
                "segments": [["speaker": "Jane Doe", "text": "hello"]],
            ])
        let r = rejection(coder.process(key: TestEvents.key, value: interview))
        #expect(r?.code == .schemaViolation)
        #expect(r?.message.hasPrefix("data.segments[0].speaker: ") == true)
        #expect(r.map { !$0.message.contains("Jane") && !$0.message.contains("Doe") } == true, "\(String(describing: r))")
        // A plain enumeration or criterion value is still shown (§11's example).
        let unknown = TestEvents.event(
            type: "casefile.examined",
            data: [
                "inspectionId": TestEvents.inspectionId, "caseFileId": "CF-1",
                "answers": [
                    ["criterionId": "AP1", "answer": "YES"], ["criterionId": "IM3", "answer": "NO"], ["criterionId": "AP9", "answer": "YES"],
                ],
            ])
        #expect(rejection(assessor.process(key: TestEvents.key, value: unknown))?.message == "data.answers[2].criterionId: unknown criterion AP9")
        #expect(rejection(submitted { $0["legalStatus"] = "PAROLE" })?.message.contains("\"PAROLE\"") == true)
    }

    /// §6.3, §7.3, §8.5: nothing personal after intake — not in `casefile.assessed`, `interview.coded`, nor the judgement.
    @Test func nothingPersonalLeavesIntake() throws {
        let coder = InterviewCoder(rules: try Fixtures.rules)
        let interview = TestEvents.event(
            type: "interview.recorded",
            data: [
                "inspectionId": TestEvents.inspectionId, "interviewId": "IV-0002", "kind": "OFFENDER_SUPERVISOR", "conductedOn": "2026-03-04",
                "participants": [["role": "STAFF", "name": "Jane Doe"], ["role": "INSPECTOR", "name": "A. Inspector"]],
                "segments": [["speaker": "STAFF", "text": "Jane's caseload: A1234BC, X123456 and 2012/394773H; ask DOE or doe."]],
            ])
        let out = try coder.process(key: TestEvents.key, value: interview).get()
        let data = TestEvents.parse(out.value)["data"] as! [String: Any]
        let themes = data["themes"] as! [[String: Any]]
        // "Jane" is a word of the name; "Jane's" is the word "Jane" then "'s". "A." is under three letters; "Inspector" is not in the text.
        #expect(
            themes.first?["quotes"] as? [String] == ["[REDACTED]'s caseload: [REDACTED], [REDACTED] and [REDACTED]; ask [REDACTED] or [REDACTED]."])
        let text = String(decoding: out.value, as: UTF8.self)
        for secret in ["Jane", "Doe", "DOE", "A1234BC", "X123456", "394773H"] { #expect(!text.contains(secret)) }
    }

    /// §8, §11 on one scenario, worked by hand: an examination and a PRISONER interview before opening (replayed),
    /// six records, an inspector override of AP3, interviews with and without records, staff themes, an IM decision.
    @Test func judgementScenarioWorkedByHand() throws {
        var h = try ConsolidatorHarness()
        h.caseFile(TestEvents.assessedExamination("CF-3", answers: ["AP3": "NO", "AP4": "YES"], sourceEventId: "urn:t/x1"))
        h.interview(TestEvents.coded("IV-9", caseFileId: "CF-9", answers: ["PI1": "NO", "PI2": "YES"]))
        h.inspection(TestEvents.opened())
        for (i, a) in ["YES", "YES", "YES", "YES", "NO", "NO"].enumerated() {
            h.caseFile(
                TestEvents.assessedRecord(
                    "CF-\(i + 1)", answers: ["AP1": a, "AP3": "YES", "PP1": i < 5 ? "YES" : "NO", "IM1": i < 2 ? "YES" : "NO"],
                    inScope: i % 2 == 0, youngAdult: i == 0))
        }
        h.interview(TestEvents.coded("IV-1", caseFileId: "CF-1", answers: ["PI1": "NO", "PI2": "NO", "PI3": "YES"]))
        h.interview(TestEvents.coded("IV-3", caseFileId: "CF-3", answers: ["PI1": "NO"]))
        h.interview(TestEvents.coded("IV-S2", kind: "MANAGER", themes: [("CASE_RECORDS", 2, ["q1", "q2"])]))
        h.interview(
            TestEvents.coded(
                "IV-S1", kind: "OMU_PRACTITIONER_GROUP", themes: [("CASE_RECORDS", 1, ["q0"]), ("CASELOAD_PRESSURE", 3, ["a", "b", "c"])]))
        h.inspection(TestEvents.decided(area: "IM", rating: "GOOD"))
        let text = h.text ?? ""
        // In scope: CF-1, CF-3, CF-5; young adult: CF-1. Three PRISONER interviews, one without its record (CF-9).
        #expect(
            text.contains(
                #""sample":{"caseFiles":6,"inScope":3,"outOfScope":3,"youngAdults":1,"interviews":{"PRISONER":3,"OFFENDER_SUPERVISOR":0,"OMU_PRACTITIONER_GROUP":1,"MANAGER":1}}"#
            ))
        // AP1 4/6; AP3 5/6 (CF-3 overridden to NO by the inspector, who answered before the record); AP4 only CF-3.
        #expect(
            text.contains(
                #"{"criterionId":"AP1","area":"AP","title":"Initial OASys assessment completed on time","yes":4,"no":2,"notApplicable":0,"percentage":66.7,"sufficientEvidence":true,"inScope":{"yes":2,"no":1,"percentage":66.7},"outOfScope":{"yes":2,"no":1,"percentage":66.7},"youngAdult":{"yes":1,"no":0,"percentage":100.0}}"#
            ))
        #expect(
            text.contains(
                #""yes":5,"no":1,"notApplicable":0,"percentage":83.3,"sufficientEvidence":true,"inScope":{"yes":2,"no":1,"percentage":66.7},"outOfScope":{"yes":3,"no":0,"percentage":100.0}"#
            ))
        #expect(
            text.contains(
                #"{"criterionId":"AP4","area":"AP","title":"Risk of harm analysis of sufficient quality","yes":1,"no":0,"notApplicable":5,"percentage":100.0,"sufficientEvidence":false,"inScope":{"yes":1,"no":0,"percentage":100.0},"outOfScope":{"yes":0,"no":0,"percentage":null},"youngAdult":{"yes":0,"no":0,"percentage":null}}"#
            ))
        // EN from all three PRISONER interviews; splits only for the two with records (both in scope, CF-1 young adult).
        #expect(
            text.contains(
                #"{"criterionId":"EN1","area":"EN","title":"Knows their sentence plan objectives","yes":0,"no":3,"notApplicable":0,"percentage":0.0,"sufficientEvidence":false,"inScope":{"yes":0,"no":2,"percentage":0.0},"outOfScope":{"yes":0,"no":0,"percentage":null},"youngAdult":{"yes":0,"no":1,"percentage":0.0}}"#
            ))
        #expect(
            text.contains(
                #"{"criterionId":"EN2","area":"EN","title":"Was involved in drawing up their sentence plan","yes":1,"no":1,"notApplicable":1,"percentage":50.0,"#
            ))
        // AP mean(66.67, 83.33) = 75; IM 33.3 (POOR, decided GOOD); PP 83.3; OVERALL mean(75, 33.33, 83.33) = 63.9 → NSG.
        #expect(
            text.contains(
                #""areas":[{"area":"AP","score":75.0,"proposedRating":"REASONABLY_GOOD","rating":"REASONABLY_GOOD"},{"area":"IM","score":33.3,"proposedRating":"POOR","decidedRating":"GOOD","rating":"GOOD","rationale":"Because."},{"area":"PP","score":83.3,"proposedRating":"GOOD","rating":"GOOD"},{"area":"RR","score":null,"proposedRating":"INSUFFICIENT_EVIDENCE","rating":"INSUFFICIENT_EVIDENCE"},{"area":"EN","score":null,"proposedRating":"INSUFFICIENT_EVIDENCE","rating":"INSUFFICIENT_EVIDENCE"},{"area":"OVERALL","score":63.9,"proposedRating":"NOT_SUFFICIENTLY_GOOD","rating":"NOT_SUFFICIENTLY_GOOD"}]"#
            ))
        // Divergence: IV-1 only (CF-3's merged AP3 is NO; IV-9 has no record).
        #expect(
            text.contains(
                #""recommendations":[{"criterionId":"IM1","area":"IM","title":"Offender supervisor allocated within 2 working days of reception","percentage":33.3}],"goodPractice":[],"divergence":1,"#
            ))
        #expect(
            text.contains(
                #""staffThemes":[{"theme":"CASELOAD_PRESSURE","interviews":1,"quotes":["a","b","c"]},{"theme":"TRAINING_AND_SUPERVISION","interviews":0,"quotes":[]},{"theme":"CASE_RECORDS","interviews":2,"quotes":["q0","q1","q2"]},{"theme":"COMMUNITY_LINKS","interviews":0,"quotes":[]},{"theme":"INTERVENTIONS_AVAILABILITY","interviews":0,"quotes":[]}],"evidence":{"caseRefs":["CR-CF-1","CR-CF-2","CR-CF-3","CR-CF-4","CR-CF-5","CR-CF-6"],"interviewIds":["IV-1","IV-3","IV-9","IV-S1","IV-S2"]}}}"#
            ))
        #expect(!text.contains("publishedOn"))
    }
}
