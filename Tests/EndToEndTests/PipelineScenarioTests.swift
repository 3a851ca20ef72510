import Foundation
import Kafka
import TestSupport
import Testing

/// The end-to-end scenario through the four real worker executables and the real broker. Expected values
/// are worked out by hand from the spec (never by calling the domain code); the reasoning is beside them.
///
/// Template record T (asOf 2026-03-02): DETERMINATE 36 months from 2025-01-10, release 2026-07-10
/// (546 days < 730 → OASys due 2025-03-07), reception Monday 2025-02-03, ROSH HIGH (in scope).
/// AP1 YES (INITIAL 03-01), AP2 YES (REVIEW 2026-01-20 within 365 days), AP3 YES, IM1 YES (allocated 02-04 ≤ Wed
/// 02-05), IM2 YES (02-12 ≤ 02-17), IM3 YES (contact 02-01 within [2025-12-01, asOf]), IM4 YES (last contact
/// 2025-12-01 within [2025-08-31, asOf]), PP1–PP3 YES, RR1 NA (release in 130 days), RR2 NA (HDC in 60 days),
/// AP4/PP4/RR3 NA unless examined.
@Suite(.serialized, .timeLimit(.minutes(5))) struct PipelineScenarioTests {
    typealias S = ScenarioEvents

    @Test func theScenarioEndsInTheExpectedFinalJudgement() async throws {
        try await TestPipeline.with(partitions: 3) { pipeline in try await runScenario(pipeline) }
    }

    func runScenario(_ pipeline: TestPipeline) async throws {
        let id = S.inspectionId
        func send(_ topic: String, _ event: [String: Any], key: String = S.inspectionId) async throws {
            try await pipeline.send(topic, key: key, value: S.bytes(event))
        }

        // Evidence before opening is kept; the examination of CF-04 precedes its record.
        try await send("casefiles", S.event("casefile.examined", data: S.examination(4, [("AP4", "YES"), ("PP4", "NO"), ("IM1", "NO")])))
        try await send(
            "inspections",
            S.event(
                "inspection.opened",
                data: [
                    "inspectionId": id, "establishment": ["code": "MDI", "name": "HMP Moorland", "type": "TRAINING", "population": "ADULT"],
                    "fieldworkStart": "2026-03-02", "fieldworkEnd": "2026-03-13", "framework": "omi-v1",
                ]))
        // CF-05 first arrives wrong (IM1 NO: allocated on the 5th working day), then is corrected to T.
        try await send(
            "casefiles",
            S.event(
                "casefile.submitted",
                data: S.record(5) { d in d["offenderSupervisor"] = ["allocatedOn": "2025-02-10", "firstContactOn": "2025-02-12"] }))
        let cf01 = S.event("casefile.submitted", id: "cf01-record", data: S.record(1))
        try await send("casefiles", cf01)
        for index in [2, 3, 4, 5] { try await send("casefiles", S.event("casefile.submitted", data: S.record(index))) }
        try await send("casefiles", S.event("casefile.submitted", data: S.record(6) { $0["sentencePlan"] = nil }))  // AP3 NO
        // PP1 NO, PP2 NA, out of scope → IM4 NA
        try await send("casefiles", S.event("casefile.submitted", data: S.record(7) { $0["riskOfSeriousHarm"] = NSNull() }))
        // IM1 NO
        let lateFirstContact: [String: Any] = ["allocatedOn": "2025-02-06", "firstContactOn": "2025-02-12"]
        try await send("casefiles", S.event("casefile.submitted", data: S.record(8) { $0["offenderSupervisor"] = lateFirstContact }))
        try await send("casefiles", S.event("casefile.submitted", data: S.record(9) { $0["riskManagementPlan"] = false }))  // PP2 NO
        try await send("casefiles", S.event("casefile.submitted", data: S.record(10) { $0["mappa"] = ["category": 2, "level": NSNull()] }))  // PP3 NO
        try await send("casefiles", S.event("casefile.submitted", data: S.record(11) { $0["contacts"] = [] }))  // IM3 NO
        try await send(
            "casefiles",
            S.event(
                "casefile.submitted",
                data: S.record(12) { d in  // LIFE, no tariff date, young adult (20)
                    d["sentence"] = ["type": "LIFE", "startDate": "2025-01-10", "tariffDate": NSNull()]
                    d["legalStatus"] = "INDETERMINATE_SENTENCE"
                }))
        let cf02exam = S.event("casefile.examined", id: "cf02-exam", data: S.examination(2, [("AP4", "NO"), ("PP4", "YES")]))
        try await send("casefiles", S.event("casefile.examined", data: S.examination(1, [("AP4", "YES"), ("PP4", "YES"), ("RR3", "YES")])))
        try await send("casefiles", cf02exam)
        try await send("casefiles", S.event("casefile.examined", data: S.examination(3, [("AP4", "YES")])))
        // Exact duplicates: ignored.
        try await send("casefiles", cf01)
        try await send("casefiles", cf02exam)

        // Interviews: EN from PI1–PI3; staff themes; names and identifiers redacted in quotes.
        try await send(
            "interviews",
            S.event(
                "interview.recorded",
                data: S.interview(
                    1, kind: "PRISONER", caseFile: 1, names: ["John Smith"],
                    responses: [("PI1", "YES"), ("PI2", "NO"), ("PI3", "UNSURE")])))
        try await send(
            "interviews",
            S.event(
                "interview.recorded",
                data: S.interview(
                    2, kind: "PRISONER", caseFile: 2, names: ["John Smith"],
                    prisoner: ["Yes, I know my targets, I have to do my maths course.", "I wasn't involved in any of it."])))
        try await send(
            "interviews",
            S.event("interview.recorded", data: S.interview(3, kind: "PRISONER", caseFile: 6, names: ["John Smith"], responses: [("PI1", "NO")])))
        try await send(
            "interviews",
            S.event(
                "interview.recorded",
                data: S.interview(
                    4, kind: "PRISONER", caseFile: 3, names: ["John Smith"],
                    prisoner: ["I don’t know my sentence plan.", "My supervisor is helpful."])))
        try await send(
            "interviews",
            S.event(
                "interview.recorded",
                data: S.interview(
                    5, kind: "OFFENDER_SUPERVISOR", caseFile: nil, names: ["Karen Mills"],
                    staff: ["My caseload is too high.", "Karen Mills here: the offender manager for A1001BC never calls back."])))
        try await send(
            "interviews",
            S.event(
                "interview.recorded",
                data: S.interview(
                    6, kind: "MANAGER", caseFile: nil, names: ["Tom Brown"],
                    staff: ["We are overstretched.", "There is no training for new staff."])))
        try await send(
            "inspections",
            S.event(
                "inspection.judgement-decided",
                data: [
                    "inspectionId": id, "area": "OVERALL", "rating": "REASONABLY_GOOD",
                    "rationale": "Consistent practice, but engagement evidence is thin.", "decidedBy": "lead-inspector",
                ]))

        // One bad event per §5 code (INSPECTION_FINALISED comes after publication).
        var bad: [(topic: String, report: DeliveryReport, code: String, path: String)] = []
        func sendBad(_ topic: String, key: String? = S.inspectionId, value: [UInt8]?, code: String, path: String) async throws {
            bad.append((topic, try await pipeline.send(topic, key: key, value: value), code, path))
        }
        try await sendBad("casefiles", value: Array("{not json".utf8), code: "MALFORMED_JSON", path: "")
        try await sendBad("casefiles", value: nil, code: "MALFORMED_JSON", path: "")
        try await sendBad(
            "casefiles", value: S.bytes(S.event("casefile.submitted", data: S.record(20)) { $0["specversion"] = "2.0" }), code: "INVALID_ENVELOPE",
            path: "specversion")
        try await sendBad("casefiles", value: S.bytes(S.event("interview.recorded", data: S.record(21))), code: "UNKNOWN_EVENT_TYPE", path: "type")
        try await sendBad(
            "casefiles",
            value: S.bytes(
                S.event(
                    "casefile.submitted",
                    data: S.record(22) { d in
                        d["sentence"] = ["type": "DETERMINATE", "startDate": "2025-02-30", "lengthMonths": 36]
                    })), code: "SCHEMA_VIOLATION", path: "data.sentence.startDate")
        try await sendBad(
            "casefiles", value: S.bytes(S.event("casefile.submitted", data: S.record(23) { $0["pncNumber"] = "12/394773A" })),
            code: "INVALID_IDENTIFIER", path: "data.pncNumber")
        try await sendBad(
            "casefiles", key: "INS-2026-E2E-99", value: S.bytes(S.event("casefile.submitted", data: S.record(24)) { $0["subject"] = nil }),
            code: "KEY_MISMATCH", path: "")
        try await sendBad(
            "casefiles", value: S.bytes(S.event("casefile.examined", data: S.examination(1, [("AP4", "YES"), ("AP9", "NO")]))),
            code: "UNKNOWN_CRITERION", path: "data.answers[1].criterionId")
        try await sendBad("interviews", value: [UInt8](repeating: 0x20, count: 1_048_577), code: "PAYLOAD_TOO_LARGE", path: "")

        // All evidence in → close fieldwork and publish the report in one burst → PROVISIONAL, then FINAL.
        let reader = JudgementReader(pipeline: pipeline)
        _ = try await reader.waitFor("all evidence") { j in
            j.int("sample.caseFiles") == 12 && j.interviewsTotal == 6 && j.criterion("AP4")?.int("yes") == 3
                && j.criterion("PP4")?.int("no") == 1 && j.criterion("RR3")?.int("yes") == 1 && j.area("OVERALL")?["decidedRating"] != nil
                && j.criterion("IM1")?.int("no") == 2
        }
        // Both are queued before either is delivered, so the consolidator applies them within one publication round:
        // the PROVISIONAL judgement must still be published as it stood ("always promptly after a status change").
        for event in [
            S.event("inspection.fieldwork-closed", data: ["inspectionId": id, "closedOn": "2026-03-13"]),
            S.event("inspection.report-published", data: ["inspectionId": id, "publishedOn": "2026-06-15"]),
        ] {
            try await pipeline.producer.send(ProducerRecord(topic: pipeline.topic("inspections"), key: Array(id.utf8), value: S.bytes(event))) { _ in
            }
        }
        try await pipeline.producer.flush()
        let final = try await reader.waitFor("FINAL") { $0.string("status") == "FINAL" }
        let judgements = try await reader.all()
        let versions = judgements.compactMap { $0.int("version") }
        #expect(versions == versions.sorted() && Set(versions).count == versions.count, "versions increase on the topic: \(versions)")
        let provisional = try #require(judgements.last { $0.string("status") == "PROVISIONAL" }, "a PROVISIONAL judgement")
        #expect(final.int("version")! > provisional.int("version")!)
        #expect(provisional.int("sample.caseFiles") == 12 && provisional.value("publishedOn") == nil)

        // Late evidence after publication → INSPECTION_FINALISED in the DLQ of the topic the consolidator read.
        try await send("casefiles", S.event("casefile.submitted", data: S.record(13)))
        try await send(
            "interviews",
            S.event("interview.recorded", data: S.interview(7, kind: "MANAGER", caseFile: nil, names: ["Tom Brown"], staff: ["Caseload."])))
        try await send(
            "inspections",
            S.event(
                "inspection.judgement-decided",
                data: [
                    "inspectionId": id, "area": "AP", "rating": "POOR", "rationale": "Too late.", "decidedBy": "lead-inspector",
                ]))

        try checkFinalDocument(final)

        // Dead letters: original bytes, key and headers, the code, a message naming the field, and where it came from.
        let dlq = try await eventuallyRead(
            pipeline, ["casefiles.dlq", "interviews.dlq", "casefiles.assessed.dlq", "interviews.coded.dlq", "inspections.dlq"], atLeast: bad.count + 3
        )
        for entry in bad {
            let match = dlq.first {
                $0.header("dlq.original.topic")?.stringValue == pipeline.topic(entry.topic)
                    && $0.header("dlq.original.offset")?.stringValue == String(entry.report.offset)
                    && $0.header("dlq.original.partition")?.stringValue == String(entry.report.partition)
            }
            try #require(match != nil, "a dead letter for \(entry.code) on \(entry.topic)")
            #expect(match!.topic == pipeline.topic(entry.topic + ".dlq"))
            #expect(match!.header("dlq.error.code")?.stringValue == entry.code)
            #expect(
                match!.header("dlq.error.message")?.stringValue?.hasPrefix(entry.path) == true,
                "\(match!.header("dlq.error.message")?.stringValue ?? "") names \(entry.path)")
            #expect(match!.header("dlq.worker")?.stringValue == (entry.topic == "casefiles" ? "casefile-intake" : "transcript-intake"))
            #expect(match!.header("dlq.failed.at")?.stringValue?.contains("T") == true)
        }
        let finalised = dlq.filter { $0.header("dlq.error.code")?.stringValue == "INSPECTION_FINALISED" }
        #expect(Set(finalised.map(\.topic)) == Set(["casefiles.assessed.dlq", "interviews.coded.dlq", "inspections.dlq"].map(pipeline.topic)))
        #expect(finalised.allSatisfy { $0.header("dlq.worker")?.stringValue == "findings-consolidator" && $0.key == Array(id.utf8) })
        #expect(dlq.count == bad.count + 3, "nothing else was dead-lettered: \(dlq.map { $0.header("dlq.error.code")?.stringValue ?? "?" })")
        let tooLarge = dlq.first { $0.header("dlq.error.code")?.stringValue == "PAYLOAD_TOO_LARGE" }
        #expect(tooLarge?.value?.count == 1_048_577, "the original bytes are kept")

        // The aggregate of FY2026-27 counts the inspection once.
        let aggregates = try await eventuallyRead(pipeline, ["reporting.aggregates"], atLeast: 1)
        let aggregate = try #require(aggregates.compactMap { JSONDocument($0.value) }.last)
        #expect(aggregate.string("period") == "FY2026-27")
        #expect(aggregate.string("from") == "2026-04-01" && aggregate.string("to") == "2027-03-31")
        #expect(aggregate.int("inspections") == 1)
        #expect(aggregate.array("inspectionIds") as? [String] == [id])
        let aggregateAP1 = (aggregate.array("criteria") as? [[String: Any]])?.first { $0["criterionId"] as? String == "AP1" }
        #expect((aggregateAP1?["yes"] as? NSNumber)?.intValue == 12)
        let overallRatings = (aggregate.array("ratings") as? [[String: Any]])?.first { $0["area"] as? String == "OVERALL" }
        #expect((overallRatings?["REASONABLY_GOOD"] as? NSNumber)?.intValue == 1)
        #expect((aggregate.array("byEstablishmentType") as? [[String: Any]])?.map { $0["type"] as? String } == ["TRAINING"])

        // No personal data on any topic after intake.
        let after = try await TestKafka.readAll(
            ["casefiles.assessed", "interviews.coded", "reporting.judgements", "reporting.aggregates"].map(pipeline.topic))
        #expect(after.count > 20)
        // What the real workers wrote, and the dead letters, for the schema check (scripts/check-schemas.sh).
        try SchemaSamples.writeEvents(after)
        try SchemaSamples.writeDeadLetters(dlq)
        for message in after {
            let text = String(decoding: message.value ?? [], as: UTF8.self)
            for item in S.personalData {
                #expect(!text.contains(item), "\(item) leaked to \(message.topic)")
            }
        }
        // …nor in any worker's log.
        for worker in pipeline.workers.values {
            let log = worker.log
            for item in S.personalData { #expect(!log.contains(item), "\(item) leaked to \(worker.name)'s log") }
        }
    }

    /// The FINAL document, field by field.
    func checkFinalDocument(_ j: JSONDocument) throws {
        #expect(j.string("inspectionId") == S.inspectionId)
        #expect(j.string("framework") == "omi-v1")
        #expect(j.string("fieldworkStart") == "2026-03-02" && j.string("fieldworkEnd") == "2026-03-13")
        #expect(j.string("publishedOn") == "2026-06-15")
        #expect(j.string("establishment.code") == "MDI" && j.string("establishment.type") == "TRAINING")
        // CF-07 is out of scope; CF-12 (born 2006-01-01) is 20 on asOf.
        #expect(
            j.int("sample.caseFiles") == 12 && j.int("sample.inScope") == 11 && j.int("sample.outOfScope") == 1 && j.int("sample.youngAdults") == 1)
        #expect(
            j.int("sample.interviews.PRISONER") == 4 && j.int("sample.interviews.OFFENDER_SUPERVISOR") == 1
                && j.int("sample.interviews.OMU_PRACTITIONER_GROUP") == 0 && j.int("sample.interviews.MANAGER") == 1)

        // (yes, no, notApplicable, percentage, sufficient) per criterion, in catalogue order.
        let expected: [(String, Int, Int, Int, Double?, Bool)] = [
            ("AP1", 12, 0, 0, 100.0, true),  // CF-12: LIFE without tariff → due start+112 = 2025-05-02
            ("AP2", 12, 0, 0, 100.0, true),
            ("AP3", 11, 1, 0, 91.7, true),  // CF-06 has no plan and asOf > 2025-03-07
            ("AP4", 3, 1, 8, 75.0, false),  // examined: CF-01 Y, CF-02 N, CF-03 Y, CF-04 Y
            ("IM1", 10, 2, 0, 83.3, true),  // CF-08 late; CF-04 inspector NO (examined before its record)
            ("IM2", 12, 0, 0, 100.0, true),
            ("IM3", 11, 1, 0, 91.7, true),  // CF-11 no contact in the window
            ("IM4", 11, 0, 1, 100.0, true),  // CF-07 out of scope
            ("PP1", 11, 1, 0, 91.7, true),  // CF-07 no ROSH
            ("PP2", 10, 1, 1, 90.9, true),  // CF-09 no plan; CF-07 NA
            ("PP3", 11, 1, 0, 91.7, true),  // CF-10 no level
            ("PP4", 2, 1, 9, 66.7, false),  // CF-01 Y, CF-02 Y, CF-04 N
            ("RR1", 0, 0, 12, nil, false),
            ("RR2", 0, 0, 12, nil, false),
            ("RR3", 1, 0, 11, 100.0, false),
            ("EN1", 2, 2, 0, 50.0, false),  // IV-01 Y, IV-02 Y (transcript), IV-03 N, IV-04 N (negative wins)
            ("EN2", 0, 2, 2, 0.0, false),  // IV-01 N, IV-02 N (transcript)
            ("EN3", 1, 1, 2, 50.0, false),  // IV-01 UNSURE → N, IV-04 Y (transcript)
        ]
        let criteria = try #require(j.array("criteria") as? [[String: Any]])
        #expect(criteria.map { $0["criterionId"] as? String } == expected.map(\.0))
        for (row, want) in zip(criteria, expected) {
            let c = JSONDocument(row)
            #expect(c.int("yes") == want.1 && c.int("no") == want.2 && c.int("notApplicable") == want.3, "\(want.0) counts")
            #expect(c.double("percentage") == want.4, "\(want.0) percentage")
            #expect(c.bool("sufficientEvidence") == want.5, "\(want.0) sufficiency")
        }
        let pp1 = JSONDocument(criteria[8])
        #expect(pp1.int("inScope.yes") == 11 && pp1.int("inScope.no") == 0 && pp1.double("inScope.percentage") == 100.0)
        #expect(pp1.int("outOfScope.yes") == 0 && pp1.int("outOfScope.no") == 1 && pp1.double("outOfScope.percentage") == 0.0)
        #expect(pp1.int("youngAdult.yes") == 1 && pp1.int("youngAdult.no") == 0)
        #expect(pp1.string("title") == "Risk of serious harm level recorded" && pp1.string("area") == "PP")

        // Scores: AP (100+100+91.67)/3 = 97.2; IM (83.33+100+91.67+100)/4 = 93.75 → 93.8; PP (91.67+90.91+91.67)/3 = 91.4;
        // RR and EN have no sufficient criterion; OVERALL mean(97.22, 93.75, 91.41) = 94.1, decided REASONABLY_GOOD.
        let areas = try #require(j.array("areas") as? [[String: Any]]).map(JSONDocument.init)
        #expect(areas.map { $0.string("area") } == ["AP", "IM", "PP", "RR", "EN", "OVERALL"])
        let want: [(Double?, String, String)] = [
            (97.2, "GOOD", "GOOD"), (93.8, "GOOD", "GOOD"), (91.4, "GOOD", "GOOD"),
            (nil, "INSUFFICIENT_EVIDENCE", "INSUFFICIENT_EVIDENCE"),
            (nil, "INSUFFICIENT_EVIDENCE", "INSUFFICIENT_EVIDENCE"),
            (94.1, "GOOD", "REASONABLY_GOOD"),
        ]
        for (area, w) in zip(areas, want) {
            #expect(
                area.double("score") == w.0 && area.string("proposedRating") == w.1 && area.string("rating") == w.2, "\(area.string("area") ?? "")")
        }
        #expect(areas[5].string("decidedRating") == "REASONABLY_GOOD")
        #expect(areas[5].string("rationale") == "Consistent practice, but engagement evidence is thin.")
        #expect(areas[0].raw["decidedRating"] == nil, "absent decisions are omitted")

        #expect((j.array("recommendations") ?? ["x"]).isEmpty, "no sufficient criterion is below 65 %")
        let good = try #require(j.array("goodPractice") as? [[String: Any]]).map(JSONDocument.init)
        #expect(good.map { $0.string("criterionId") } == ["AP1", "AP2", "IM2", "IM4", "AP3", "IM3", "PP1", "PP3", "PP2"])
        #expect(good.map { $0.double("percentage") } == [100, 100, 100, 100, 91.7, 91.7, 91.7, 91.7, 90.9])

        #expect(j.int("divergence") == 1, "IV-04: CF-03 has AP3 YES but PI1 NO")
        let themes = try #require(j.array("staffThemes") as? [[String: Any]]).map(JSONDocument.init)
        #expect(
            themes.map { $0.string("theme") } == [
                "CASELOAD_PRESSURE", "TRAINING_AND_SUPERVISION", "CASE_RECORDS", "COMMUNITY_LINKS", "INTERVENTIONS_AVAILABILITY",
            ])
        #expect(themes.map { $0.int("interviews") } == [2, 1, 0, 1, 0])
        #expect(themes[0].array("quotes") as? [String] == ["My caseload is too high.", "We are overstretched."])
        #expect(themes[1].array("quotes") as? [String] == ["There is no training for new staff."])
        let community = themes[3].array("quotes") as? [String] ?? []
        #expect(community.count == 1 && community[0].contains("[REDACTED]") && community[0].hasSuffix("never calls back."))
        #expect(j.array("evidence.interviewIds") as? [String] == ["IV-01", "IV-02", "IV-03", "IV-04", "IV-05", "IV-06"])
        let caseRefs = j.array("evidence.caseRefs") as? [String] ?? []
        #expect(caseRefs.count == 12 && caseRefs == caseRefs.sorted())
    }

    func eventuallyRead(_ pipeline: TestPipeline, _ topics: [String], atLeast: Int) async throws -> [KafkaMessage] {
        var messages: [KafkaMessage] = []
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            messages = try await TestKafka.readAll(topics.map(pipeline.topic), idle: .seconds(1))
            if messages.count >= atLeast { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        return messages
    }
}
