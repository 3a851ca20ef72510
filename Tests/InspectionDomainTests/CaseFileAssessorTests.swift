import Crypto
import Foundation
import Testing

@testable import InspectionDomain

@Suite struct CaseFileAssessorTests {
    let assessor: CaseFileAssessor

    init() throws { assessor = CaseFileAssessor(rules: try Fixtures.rules, pseudonymKey: Array("test-key".utf8)) }

    /// The spec's §4.5 example, assessed by hand (asOf 2026-02-27, deadline 2025-03-07, IM1 due 2025-02-05,
    /// IM2 due 2025-02-17, IM3 window from 2025-11-28, IM4 window from 2025-08-28, release 133 days away, HDC 63 days away).
    @Test func assessesTheSpecExample() throws {
        let result = assessor.process(key: TestEvents.key, value: try Fixtures.example("casefile.submitted"))
        let output = try result.get()
        #expect(output.key == TestEvents.key)
        let event = TestEvents.parse(output.value)
        #expect(event["specversion"] as? String == "1.0")
        #expect(event["source"] as? String == "urn:inspection-pipeline:casefile-intake")
        #expect(event["type"] as? String == "casefile.assessed")
        #expect(event["time"] as? String == "2026-03-02T09:15:00Z")
        #expect(event["subject"] as? String == "INS-2026-MDI-01")
        #expect(event["datacontenttype"] as? String == "application/json")
        let data = event["data"] as! [String: Any]
        #expect(data["origin"] as? String == "RECORD")
        #expect(data["asOf"] as? String == "2026-02-27")
        #expect(data["inScope"] as? Bool == true)
        #expect(data["youngAdult"] as? Bool == false)
        #expect(data["sentenceType"] as? String == "DETERMINATE")
        #expect(data["riskOfSeriousHarm"] as? String == "HIGH")
        #expect(data["sourceEventId"] as? String == "urn:case-system:nomis/7f1c9d0e-3b7a-4f0e-8a1d-2c5b6e7f8a90")
        let answers = (data["answers"] as! [[String: Any]]).map { "\($0["criterionId"]!)=\($0["answer"]!)/\($0["provenance"]!)" }
        #expect(
            answers == [
                "AP1=YES/AUTO", "AP2=YES/AUTO", "AP3=YES/AUTO", "AP4=NOT_APPLICABLE/AUTO", "IM1=YES/AUTO", "IM2=YES/AUTO",
                "IM3=YES/AUTO", "IM4=YES/AUTO", "PP1=YES/AUTO", "PP2=YES/AUTO", "PP3=YES/AUTO", "PP4=NOT_APPLICABLE/AUTO",
                "RR1=NOT_APPLICABLE/AUTO", "RR2=NOT_APPLICABLE/AUTO", "RR3=NOT_APPLICABLE/AUTO",
            ])
        let text = String(decoding: output.value, as: UTF8.self)
        for personal in ["A1234BC", "X123456", "394773", "1999-05-14", "HMP Moorland"] {
            #expect(!text.contains(personal), "output leaks \(personal)")
        }
        // Field order of §6.3.
        #expect(text.contains(#""data":{"inspectionId":"INS-2026-MDI-01","caseFileId":"CF-0001","origin":"RECORD","caseRef":"CR-"#))
    }

    @Test func outputIsDeterministic() throws {
        let a = try assessor.process(key: TestEvents.key, value: try Fixtures.example("casefile.submitted")).get()
        let b = try assessor.process(key: TestEvents.key, value: try Fixtures.example("casefile.submitted")).get()
        #expect(a == b)
        let event = TestEvents.parse(a.value)
        let id = event["id"] as! String
        #expect(id.count == 36 && id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
    }

    @Test func assessesAnExamination() throws {
        let output = try assessor.process(key: TestEvents.key, value: try Fixtures.example("casefile.examined")).get()
        let text = String(decoding: output.value, as: UTF8.self)
        #expect(
            text.contains(
                #""data":{"inspectionId":"INS-2026-MDI-01","caseFileId":"CF-0001","origin":"EXAMINATION","answers":[{"criterionId":"AP4","answer":"YES","provenance":"INSPECTOR"},{"criterionId":"IM3","answer":"NO","provenance":"INSPECTOR"}],"sourceEventId":"urn:case-assessment-tool/5d2e8c41-9f3b-4a7c-b1e2-0a9d8c7b6a51"}"#
            ))
        #expect(!text.contains("Thorough analysis"), "inspectors' notes stay with the examination")
        #expect(!text.contains("inspector-17"))
    }

    @Test func laterAnswerInOneExaminationWins() throws {
        let value = TestEvents.event(
            type: "casefile.examined",
            data: [
                "inspectionId": TestEvents.inspectionId, "caseFileId": "CF-0001",
                "answers": [["criterionId": "PP4", "answer": "YES"], ["criterionId": "PP4", "answer": "NO"]],
            ])
        let text = String(decoding: try assessor.process(key: TestEvents.key, value: value).get().value, as: UTF8.self)
        #expect(text.contains(#""answers":[{"criterionId":"PP4","answer":"NO","provenance":"INSPECTOR"}]"#))
    }

    @Test func pseudonymIsKeyedAndStable() {
        let p1 = Pseudonymizer(key: Array("k1".utf8))
        let p2 = Pseudonymizer(key: Array("k2".utf8))
        #expect(p1.caseRef(prisonNumber: "A1234BC") == p1.caseRef(prisonNumber: "A1234BC"))
        #expect(p1.caseRef(prisonNumber: "A1234BC") != p2.caseRef(prisonNumber: "A1234BC"))
        #expect(p1.caseRef(prisonNumber: "A1234BC") != p1.caseRef(prisonNumber: "A1234BD"))
        #expect(p1.caseRef(prisonNumber: "A1234BC").hasPrefix("CR-"))
        #expect(p1.caseRef(prisonNumber: "A1234BC").count == 19)
    }

    /// `CR-` and the first 16 hex digits, upper case, of HMAC-SHA-256(key, prison number), as swift-crypto computes it.
    @Test func pseudonymIsTheHMACsFirstEightBytes() {
        for (key, prisonNumber) in [("k1", "A1234BC"), ("test-key", "Z9999ZZ"), (String(repeating: "long key ", count: 20), "A0000AA")] {
            let mac = HMAC<SHA256>.authenticationCode(for: Array(prisonNumber.utf8), using: SymmetricKey(data: Array(key.utf8)))
            let expected = "CR-" + mac.prefix(8).map { String(format: "%02X", $0) }.joined()
            #expect(Pseudonymizer(key: Array(key.utf8)).caseRef(prisonNumber: prisonNumber) == expected)
        }
    }
}
