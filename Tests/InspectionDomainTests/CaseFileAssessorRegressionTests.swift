import Foundation
import InspectionDomain
import Testing

/// Minimal records (most optional fields absent) through the whole assessor.
@Suite struct CaseFileAssessorRegressionTests {
    @Test func aMinimalRecordIsAssessed() throws {
        let rules = try RuleSet.load(
            fromDirectory: URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(
                "../../config"
            ).standardized.path)
        let assessor = CaseFileAssessor(rules: rules, pseudonymKey: Array("key-key-key-key-key".utf8))
        let json = """
            {"specversion":"1.0","id":"cf-1","source":"urn:test:runtime","type":"casefile.submitted","time":"2026-03-02T09:00:00Z","subject":"INS-RT-1","data":{"inspectionId":"INS-RT-1","caseFileId":"CF-00001","extractedAt":"2026-03-02T08:00:00Z","prisonNumber":"A1234BC","crn":"X123456","pncNumber":"12/394773H","dateOfBirth":"1990-05-14","establishmentCode":"MDI","legalStatus":"SENTENCED","sentence":{"type":"DETERMINATE","startDate":"2025-01-10","lengthMonths":36,"conditionalReleaseDate":"2026-07-10"},"receptionDate":"2025-02-03","riskOfSeriousHarm":"HIGH","riskManagementPlan":true,"offenderSupervisor":{"allocatedOn":"2025-02-04","firstContactOn":"2025-02-12"},"oasysAssessments":[{"completedOn":"2025-03-01","kind":"INITIAL"}]}}
            """
        let result = assessor.process(key: Array("INS-RT-1".utf8), value: Array(json.utf8))
        guard case .success(let output) = result else { Issue.record("refused: \(result)"); return }
        let text = String(decoding: output.value, as: UTF8.self)
        #expect(text.contains("\"sourceEventId\":\"urn:test:runtime/cf-1\""))
        #expect(!text.contains("A1234BC"))
    }
}
