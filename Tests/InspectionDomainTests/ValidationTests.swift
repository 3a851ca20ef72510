import Foundation
import Testing

@testable import InspectionDomain

/// Error codes, field paths and the validation order of §11.
@Suite struct ValidationTests {
    let assessor: CaseFileAssessor
    let coder: InterviewCoder

    init() throws {
        let rules = try Fixtures.rules
        assessor = CaseFileAssessor(rules: rules, pseudonymKey: [1, 2, 3])
        coder = InterviewCoder(rules: rules)
    }

    func reject(_ value: [UInt8]?, key: [UInt8]? = TestEvents.key) -> Rejection? {
        if case .failure(let rejection) = assessor.process(key: key, value: value) { return rejection }
        return nil
    }

    func submitted(_ mutate: (inout [String: Any]) -> Void) -> [UInt8] {
        var data = TestEvents.caseFileData()
        mutate(&data)
        return TestEvents.event(type: "casefile.submitted", data: data)
    }

    @Test func acceptsTheMinimalRecord() {
        #expect(reject(submitted { _ in }) == nil)
    }

    /// Escaped JSON strings are decoded before enumerations and timestamps are matched: the output is the same as
    /// for the plain spelling.
    @Test func escapedEnumerationsAndTimestampsAreDecodedFirst() throws {
        let plain = submitted {
            $0["legalStatus"] = "SENTENCED"; $0["extractedAt"] = "2026-02-27T17:00:00Z"
        }
        let text = String(decoding: plain, as: UTF8.self)
        let escaped = text.replacingOccurrences(of: "\"SENTENCED\"", with: "\"SENT\\u0045NCED\"")
            .replacingOccurrences(of: "\"2026-02-27T17:00:00Z\"", with: "\"2026-02-27T17:00:00\\u005A\"")
            // The envelope's specversion and type are matched on their bytes when plain; escaped, they are decoded.
            .replacingOccurrences(of: "\"1.0\"", with: "\"1\\u002e0\"")
            .replacingOccurrences(of: "\"casefile.submitted\"", with: "\"casefile\\u002esubmitted\"")
        #expect(escaped.contains("1\\u002e0") && escaped.contains("casefile\\u002esubmitted"))
        let a = assessor.process(key: TestEvents.key, value: plain)
        let b = assessor.process(key: TestEvents.key, value: Array(escaped.utf8))
        guard case .success(let expected) = a, case .success(let actual) = b else {
            Issue.record("rejected: \(a) / \(b)")
            return
        }
        #expect(actual.value == expected.value)
    }

    /// The output's `id`, `time` and `sourceEventId` come straight from the input's bytes when its `source`, `id`
    /// and `time` have no escapes, and from their decoded text when they have: the same output either way, and the
    /// id the one `EventIdentifier.output` derives from the decoded strings.
    @Test func envelopeAttributesGiveTheSameOutputEscapedOrNot() throws {
        // No "/" in `source`: JSONSerialization writes it as "\/", which would make the plain input escaped too.
        let source = "urn:case-system:nomis:é", id = "3f1c-évènement"
        let plain = TestEvents.json(TestEvents.envelope(type: "casefile.submitted", data: TestEvents.caseFileData(), id: id, source: source))
        let text = String(decoding: plain, as: UTF8.self)
        #expect(
            text.contains("\"" + source + "\"") && text.contains("\"" + id + "\"") && text.contains("\"2026-03-02T09:15:00Z\""),
            "the plain input's attributes must have no escapes: \(text)")
        let escaped = text.replacingOccurrences(of: "\"urn:case", with: "\"urn\\u003acase")
            .replacingOccurrences(of: "\"3f1c-", with: "\"3f1c\\u002d")
            .replacingOccurrences(of: "09:15:00Z\"", with: "09:15:00\\u005A\"")
        #expect(escaped.contains("urn\\u003acase") && escaped.contains("3f1c\\u002d") && escaped.contains("00\\u005A"))
        var outputs: [[UInt8]] = []
        for value in [plain, Array(escaped.utf8)] {
            guard case .success(let output) = assessor.process(key: TestEvents.key, value: value) else {
                Issue.record("rejected: \(String(decoding: value, as: UTF8.self))")
                continue
            }
            outputs.append(output.value)
            let event = try JSONParser.parse(String(decoding: output.value, as: UTF8.self))
            guard case .object(let envelope) = event, case .object(let data)? = envelope["data"] else {
                Issue.record("not an object")
                continue
            }
            #expect(envelope["id"] == .string(EventIdentifier.output(worker: "casefile-intake", inputSource: source, inputId: id)))
            #expect(envelope["time"] == .string("2026-03-02T09:15:00Z"))
            #expect(data["sourceEventId"] == .string(source + "/" + id))
        }
        #expect(outputs.count == 2 && outputs[0] == outputs[1], "the escaped input's output differs in its bytes")
    }

    @Test func emptyAndTombstoneValuesAreMalformed() {
        #expect(reject(nil)?.code == .malformedJSON)
        #expect(reject([])?.code == .malformedJSON)
        #expect(reject(Array("not json".utf8))?.code == .malformedJSON)
        #expect(reject([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D])?.code == .malformedJSON)
    }

    @Test func sizeIsCheckedFirst() {
        let big = [UInt8](repeating: 0x20, count: 1_048_577)
        #expect(reject(big)?.code == .payloadTooLarge)
        // Exactly 1 MiB is not too large (here it is whitespace, so malformed).
        #expect(reject([UInt8](repeating: 0x20, count: 1_048_576))?.code == .malformedJSON)
        // A 1 MiB+ valid JSON is still too large.
        var huge = TestEvents.caseFileData()
        huge["padding"] = String(repeating: "x", count: 1_048_576)
        #expect(reject(TestEvents.event(type: "casefile.submitted", data: huge))?.code == .payloadTooLarge)
    }

    @Test(arguments: [
        (#"[]"#, "event"),
        (#"{"id":"1","source":"s","type":"casefile.submitted","time":"2026-03-02T09:15:00Z","data":{}}"#, "specversion"),
        (#"{"specversion":"0.3","id":"1","source":"s","type":"casefile.submitted","time":"2026-03-02T09:15:00Z","data":{}}"#, "specversion"),
        (#"{"specversion":"1.00","id":"1","source":"s","type":"casefile.submitted","time":"2026-03-02T09:15:00Z","data":{}}"#, "specversion"),
        (#"{"specversion":1.0,"id":"1","source":"s","type":"casefile.submitted","time":"2026-03-02T09:15:00Z","data":{}}"#, "specversion"),
        (#"{"specversion":null,"id":"1","source":"s","type":"casefile.submitted","time":"2026-03-02T09:15:00Z","data":{}}"#, "specversion"),
        (#"{"specversion":"1.0","id":"1","source":"s","type":5,"time":"2026-03-02T09:15:00Z","data":{}}"#, "type"),
        (#"{"specversion":"1.0","id":"1","source":"s","type":"","time":"2026-03-02T09:15:00Z","data":{}}"#, "type"),
        (#"{"specversion":"1.0","id":"","source":"s","type":"casefile.submitted","time":"2026-03-02T09:15:00Z","data":{}}"#, "id"),
        (#"{"specversion":"1.0","id":1,"source":"s","type":"casefile.submitted","time":"2026-03-02T09:15:00Z","data":{}}"#, "id"),
        (#"{"specversion":"1.0","id":"1","type":"casefile.submitted","time":"2026-03-02T09:15:00Z","data":{}}"#, "source"),
        (#"{"specversion":"1.0","id":"1","source":"s","time":"2026-03-02T09:15:00Z","data":{}}"#, "type"),
        (#"{"specversion":"1.0","id":"1","source":"s","type":"casefile.submitted","data":{}}"#, "time"),
        (#"{"specversion":"1.0","id":"1","source":"s","type":"casefile.submitted","time":"2026-03-02 09:15","data":{}}"#, "time"),
        (#"{"specversion":"1.0","id":"1","source":"s","type":"casefile.submitted","time":"2026-03-02T09:15:00Z"}"#, "data"),
        (#"{"specversion":"1.0","id":"1","source":"s","type":"casefile.submitted","time":"2026-03-02T09:15:00Z","data":[]}"#, "data"),
        (#"{"specversion":"1.0","id":"1","source":"s","type":"casefile.submitted","time":"2026-03-02T09:15:00Z","data":"x"}"#, "data"),
        (#"{"specversion":"1.0","id":"1","source":"s","type":"casefile.submitted","time":"2026-03-02T09:15:00Z","subject":5,"data":{}}"#, "subject"),
    ])
    func invalidEnvelopes(_ text: String, _ path: String) {
        let rejection = reject(Array(text.utf8))
        #expect(rejection?.code == .invalidEnvelope)
        #expect(rejection?.message.hasPrefix(path + ": ") == true, "\(rejection?.message ?? "nil")")
    }

    @Test func unknownEventTypeBeforeData() {
        let value = TestEvents.event(type: "interview.recorded", data: [:])
        #expect(reject(value)?.code == .unknownEventType)
        #expect(reject(value)?.path == "type")
        if case .failure(let r) = coder.process(key: TestEvents.key, value: TestEvents.event(type: "casefile.submitted", data: [:])) {
            #expect(r.code == .unknownEventType)
        } else {
            Issue.record("accepted")
        }
    }

    /// (mutation, code, message)
    static let fieldCases: [(String, @Sendable (inout [String: Any]) -> Void, DeadLetterCode, String)] = [
        ("missing inspectionId", { $0["inspectionId"] = nil }, .schemaViolation, "data.inspectionId: required field missing"),
        ("null inspectionId", { $0["inspectionId"] = NSNullValue.null }, .schemaViolation, "data.inspectionId: required field missing"),
        ("inspectionId number", { $0["inspectionId"] = 5 }, .schemaViolation, "data.inspectionId: expected a string, found a number"),
        ("inspectionId pattern", { $0["inspectionId"] = "ins-1" }, .invalidIdentifier, "data.inspectionId: "),
        ("caseFileId pattern", { $0["caseFileId"] = "C" }, .invalidIdentifier, "data.caseFileId: "),
        ("extractedAt leap second", { $0["extractedAt"] = "2026-02-27T23:59:60Z" }, .schemaViolation, "data.extractedAt: not an RFC 3339 date-time"),
        ("prisonNumber", { $0["prisonNumber"] = "A12345C" }, .invalidIdentifier, "data.prisonNumber: "),
        ("crn", { $0["crn"] = "X12345" }, .invalidIdentifier, "data.crn: "),
        ("pnc check letter", { $0["pncNumber"] = "12/394773A" }, .invalidIdentifier, "data.pncNumber: PNC check letter is wrong"),
        ("pnc wrong type", { $0["pncNumber"] = 12 }, .schemaViolation, "data.pncNumber: expected a string"),
        ("dateOfBirth impossible", { $0["dateOfBirth"] = "1999-02-29" }, .schemaViolation, "data.dateOfBirth: not a date"),
        ("establishmentCode", { $0["establishmentCode"] = "MD1" }, .schemaViolation, "data.establishmentCode: "),
        ("legalStatus", { $0["legalStatus"] = "FREE" }, .schemaViolation, "data.legalStatus: \"FREE\" is not one of"),
        ("sentence missing", { $0["sentence"] = nil }, .schemaViolation, "data.sentence: required field missing"),
        ("sentence.type", { $0["sentence"] = ["type": "LONG", "startDate": "2025-01-10"] }, .schemaViolation, "data.sentence.type: "),
        (
            "sentence.startDate", { $0["sentence"] = ["type": "LIFE", "startDate": "2026-02-30"] }, .schemaViolation,
            "data.sentence.startDate: not a date"
        ),
        (
            "lengthMonths required", { $0["sentence"] = ["type": "EXTENDED", "startDate": "2025-01-10"] }, .schemaViolation,
            "data.sentence.lengthMonths: required field missing"
        ),
        (
            "lengthMonths zero", { $0["sentence"] = ["type": "DETERMINATE", "startDate": "2025-01-10", "lengthMonths": 0] }, .schemaViolation,
            "data.sentence.lengthMonths: must be an integer"
        ),
        (
            "lengthMonths fraction", { $0["sentence"] = ["type": "DETERMINATE", "startDate": "2025-01-10", "lengthMonths": 6.5] }, .schemaViolation,
            "data.sentence.lengthMonths: must be an integer"
        ),
        (
            "lengthMonths string", { $0["sentence"] = ["type": "DETERMINATE", "startDate": "2025-01-10", "lengthMonths": "6"] }, .schemaViolation,
            "data.sentence.lengthMonths: expected an integer, found a string"
        ),
        ("receptionDate", { $0["receptionDate"] = nil }, .schemaViolation, "data.receptionDate: required field missing"),
        ("riskOfSeriousHarm", { $0["riskOfSeriousHarm"] = "EXTREME" }, .schemaViolation, "data.riskOfSeriousHarm: "),
        ("riskManagementPlan", { $0["riskManagementPlan"] = "yes" }, .schemaViolation, "data.riskManagementPlan: expected a boolean"),
        ("mappa.category", { $0["mappa"] = ["category": 4] }, .schemaViolation, "data.mappa.category: must be an integer in 1..3"),
        ("mappa.level", { $0["mappa"] = ["category": 1, "level": 0] }, .schemaViolation, "data.mappa.level: must be an integer in 1..3"),
        (
            "oasys kind",
            { $0["oasysAssessments"] = [["completedOn": "2025-03-01", "kind": "INITIAL"], ["completedOn": "2025-03-01", "kind": "FULL"]] },
            .schemaViolation, "data.oasysAssessments[1].kind: "
        ),
        ("oasys not object", { $0["oasysAssessments"] = ["2025-03-01"] }, .schemaViolation, "data.oasysAssessments[0]: expected an object"),
        (
            "objective text", { $0["sentencePlan"] = ["createdOn": "2025-03-05", "objectives": [["riskFactor": "X"]]] }, .schemaViolation,
            "data.sentencePlan.objectives[0].text: required field missing"
        ),
        ("contact with", { $0["contacts"] = [["on": "2026-02-01", "with": "FRIEND"]] }, .schemaViolation, "data.contacts[0].with: "),
        ("contact on", { $0["contacts"] = [["on": "2026-02-31", "with": "KEY_WORKER"]] }, .schemaViolation, "data.contacts[0].on: not a date"),
        // Canonically equivalent to "KEY_WORKER" (U+212A KELVIN SIGN decomposes to K) but not the same bytes.
        (
            "contact with, lookalike", { $0["contacts"] = [["on": "2026-02-01", "with": "\u{212A}EY_WORKER"]] }, .schemaViolation,
            "data.contacts[0].with: "
        ),
        ("legalStatus, lookalike", { $0["legalStatus"] = "SENTENCED\u{301}" }, .schemaViolation, "data.legalStatus: "),
        ("pathway", { $0["resettlement"] = ["HEALTH": "DONE"] }, .schemaViolation, "data.resettlement.HEALTH: "),
        ("hdc", { $0["hdc"] = ["decision": "MAYBE"] }, .schemaViolation, "data.hdc.decision: "),
        ("contacts not array", { $0["contacts"] = "none" }, .schemaViolation, "data.contacts: expected an array"),
    ]

    @Test(arguments: 0..<fieldCases.count)
    func fieldErrors(_ index: Int) {
        let (name, mutate, code, prefix) = Self.fieldCases[index]
        let rejection = reject(submitted(mutate))
        #expect(rejection?.code == code, "\(name): \(rejection?.message ?? "accepted")")
        #expect(rejection?.message.hasPrefix(prefix) == true, "\(name): \(rejection?.message ?? "accepted")")
    }

    @Test func unknownFieldsAndPathwaysAreIgnoredAndNullMeansAbsent() {
        #expect(
            reject(
                submitted {
                    $0["futureField"] = ["anything": [1, 2]]
                    $0["resettlement"] = ["SPACE_TRAVEL": "MAYBE", "HEALTH": "ASSESSED"]
                    $0["crn"] = NSNullValue.null
                    $0["mappa"] = NSNullValue.null
                    $0["sentence"] = ["type": "DETERMINATE", "startDate": "2025-01-10", "lengthMonths": 36.0, "tariffDate": NSNullValue.null]
                }) == nil)
    }

    @Test func firstFailingFieldInListedOrderWins() {
        // prisonNumber (listed 4th) fails before legalStatus (9th) and the bad date of birth (7th).
        let r = reject(
            submitted {
                $0["legalStatus"] = "X"; $0["prisonNumber"] = "bad"; $0["dateOfBirth"] = "1999-13-01"
            })
        #expect(r?.code == .invalidIdentifier)
        #expect(r?.path == "data.prisonNumber")
        // sentence (nested, depth-first) before receptionDate.
        let s = reject(
            submitted {
                $0["receptionDate"] = nil; $0["sentence"] = ["type": "DETERMINATE", "startDate": "x", "lengthMonths": 3]
            })
        #expect(s?.path == "data.sentence.startDate")
    }

    @Test func schemaErrorsComeBeforeKeyMismatch() {
        let r = reject(submitted { $0["dateOfBirth"] = "x" }, key: Array("OTHER".utf8))
        #expect(r?.code == .schemaViolation)
    }

    @Test func keyAndSubjectMismatch() {
        let value = submitted { _ in }
        #expect(reject(value, key: Array("INS-2026-MDI-02".utf8))?.code == .keyMismatch)
        #expect(reject(value, key: nil)?.code == .keyMismatch)
        #expect(reject(value, key: nil)?.path == "key")
        for near in ["", "INS-2026-MDI-0", "INS-2026-MDI-011", "ins-2026-mdi-01"] {
            #expect(reject(value, key: Array(near.utf8))?.code == .keyMismatch, "\(near)")
        }
        let withSubject = TestEvents.json(TestEvents.envelope(type: "casefile.submitted", data: TestEvents.caseFileData(), subject: "INS-OTHER"))
        #expect(reject(withSubject)?.code == .keyMismatch)
        #expect(reject(withSubject)?.path == "subject")
        let goodSubject = TestEvents.json(
            TestEvents.envelope(type: "casefile.submitted", data: TestEvents.caseFileData(), subject: TestEvents.inspectionId))
        #expect(reject(goodSubject) == nil)
        // The subject is compared byte for byte, as the key is: a KELVIN SIGN is canonically equivalent to K (so
        // Swift's String equality would accept it), yet it spells another id.
        var kelvinData = TestEvents.caseFileData()
        kelvinData["inspectionId"] = "INS-2026-KMI-01"
        let kelvin = TestEvents.json(TestEvents.envelope(type: "casefile.submitted", data: kelvinData, subject: "INS-2026-\u{212A}MI-01"))
        #expect(reject(kelvin, key: Array("INS-2026-KMI-01".utf8))?.path == "subject")
        let plainK = TestEvents.json(TestEvents.envelope(type: "casefile.submitted", data: kelvinData, subject: "INS-2026-KMI-01"))
        #expect(reject(plainK, key: Array("INS-2026-KMI-01".utf8)) == nil)
    }

    @Test func examinationErrors() {
        func examined(_ answers: Any) -> [UInt8] {
            TestEvents.event(type: "casefile.examined", data: ["inspectionId": TestEvents.inspectionId, "caseFileId": "CF-0001", "answers": answers])
        }
        let unknown = reject(
            examined([["criterionId": "AP1", "answer": "YES"], ["criterionId": "AP2", "answer": "NO"], ["criterionId": "AP9", "answer": "YES"]]))
        #expect(unknown?.code == .unknownCriterion)
        #expect(unknown?.message == "data.answers[2].criterionId: unknown criterion AP9")
        #expect(reject(examined([["criterionId": "EN1", "answer": "YES"]]))?.code == .unknownCriterion)
        #expect(reject(examined([["criterionId": "AP1", "answer": "MAYBE"]]))?.message.hasPrefix("data.answers[0].answer: ") == true)
        #expect(reject(examined([["answer": "YES"]]))?.message == "data.answers[0].criterionId: required field missing")
        #expect(reject(examined([])) == nil)
        let missing = TestEvents.event(type: "casefile.examined", data: ["inspectionId": TestEvents.inspectionId, "caseFileId": "CF-0001"])
        #expect(reject(missing)?.message == "data.answers: required field missing")
    }

    @Test func interviewErrors() {
        func code(_ data: [String: Any]) -> Rejection? {
            if case .failure(let r) = coder.process(key: TestEvents.key, value: TestEvents.event(type: "interview.recorded", data: data)) { return r }
            return nil
        }
        let base: [String: Any] = ["inspectionId": TestEvents.inspectionId, "interviewId": "IV-0001", "kind": "MANAGER", "conductedOn": "2026-03-04"]
        #expect(code(base) == nil)
        var prisoner = base
        prisoner["kind"] = "PRISONER"
        #expect(code(prisoner)?.message == "data.caseFileId: required field missing")
        var badId = base
        badId["interviewId"] = "iv"
        #expect(code(badId)?.code == .invalidIdentifier)
        var badQuestion = base
        badQuestion["responses"] = [["questionId": "PI4", "answer": "YES"]]
        #expect(code(badQuestion)?.code == .schemaViolation)
        #expect(code(badQuestion)?.path == "data.responses[0].questionId")
        var badSpeaker = base
        badSpeaker["segments"] = [["speaker": "STAFF", "text": "ok"], ["speaker": "JUDGE", "text": "x"]]
        #expect(code(badSpeaker)?.path == "data.segments[1].speaker")
        var badName = base
        badName["participants"] = [["role": "STAFF", "name": 7]]
        #expect(code(badName)?.path == "data.participants[0].name")
    }

    @Test func everyCodeIsProducible() {
        // INSPECTION_FINALISED is the consolidator's (see ConsolidatorTests); the rest are covered above.
        #expect(DeadLetterCode.allCases.count == 9)
    }
}

/// §10 and §11: error texts quote an input value only when it matches `[A-Z0-9_-]{1,40}`; the participant cap.
@Suite struct ErrorTextTests {
    let assessor: CaseFileAssessor
    let coder: InterviewCoder

    init() throws {
        let rules = try Fixtures.rules
        assessor = CaseFileAssessor(rules: rules, pseudonymKey: [1, 2, 3])
        coder = InterviewCoder(rules: rules)
    }

    func casefileRejection(legalStatus: String) -> Rejection? {
        var data = TestEvents.caseFileData()
        data["legalStatus"] = legalStatus
        if case .failure(let r) = assessor.process(key: TestEvents.key, value: TestEvents.event(type: "casefile.submitted", data: data)) { return r }
        return nil
    }

    func interviewRejection(_ change: (inout [String: Any]) -> Void) -> Rejection?? {
        var data: [String: Any] = ["inspectionId": TestEvents.inspectionId, "interviewId": "IV-0001", "kind": "MANAGER", "conductedOn": "2026-03-04"]
        change(&data)
        switch coder.process(key: TestEvents.key, value: TestEvents.event(type: "interview.recorded", data: data)) {
        case .failure(let r): return .some(r)
        case .success: return .some(nil)
        }
    }

    @Test(arguments: [
        ("FREE", "data.legalStatus: \"FREE\" is not one of"),
        ("John Smith", "data.legalStatus: a string of 10 characters is not one of"),
        ("free", "data.legalStatus: a string of 4 characters is not one of"),
        (String(repeating: "X", count: 41), "data.legalStatus: a string of 41 characters is not one of"),
        ("", "data.legalStatus: an empty string is not one of"),
    ])
    func valuesAreQuotedOnlyWhenTheyMatchThePattern(value: String, expected: String) throws {
        let rejection = try #require(casefileRejection(legalStatus: value))
        #expect(rejection.code == .schemaViolation)
        #expect(rejection.message.hasPrefix(expected), "\(rejection.message)")
        if value.count > 4 && value != "FREE" { #expect(!rejection.message.contains(value)) }
    }

    @Test func aSpeakerNameIsDescribedNotEchoed() throws {
        let rejection = try #require(interviewRejection { $0["segments"] = [["speaker": "Mary Jones", "text": "hello"]] } ?? nil)
        #expect(rejection.message == "data.segments[0].speaker: a string of 10 characters is not one of INSPECTOR, PRISONER, STAFF")
    }

    @Test(arguments: [200, 201])
    func atMostTwoHundredParticipants(count: Int) throws {
        let result = interviewRejection { $0["participants"] = (0..<count).map { ["role": "STAFF", "name": "Person \($0)"] } }
        if count <= InterviewRecorded.maximumParticipants {
            #expect(result == .some(nil), "accepted")
        } else {
            let rejection = try #require(result ?? nil)
            #expect(rejection.code == .schemaViolation)
            #expect(rejection.message == "data.participants: more than 200 participants")
        }
    }
}
