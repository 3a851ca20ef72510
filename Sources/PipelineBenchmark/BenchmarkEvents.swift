import Foundation
import InspectionDomain

/// Realistic input events for the benchmark (~850-byte case files), and intermediate events produced
/// with the domain code itself so they are exactly what the intake workers would publish.
enum BenchmarkEvents {
    static func inspectionId(_ index: Int) -> String { String(format: "INS-BENCH-%04d", index) }

    static func caseFile(inspection: Int, caseFile: Int, run: String) -> [UInt8] {
        let id = inspectionId(inspection)
        return Array(
            """
            {"specversion":"1.0","id":"\(run)-cf-\(inspection)-\(caseFile)","source":"urn:case-system:nomis","type":"casefile.submitted","time":"2026-03-02T09:15:00Z","subject":"\(id)","datacontenttype":"application/json","data":{"inspectionId":"\(id)","caseFileId":"CF-\(String(format: "%05d", caseFile))","extractedAt":"2026-02-27T17:00:00Z","prisonNumber":"A1234BC","crn":"X123456","pncNumber":"12/394773H","dateOfBirth":"1999-05-14","establishmentCode":"MDI","legalStatus":"SENTENCED","sentence":{"type":"DETERMINATE","startDate":"2025-01-10","lengthMonths":36,"conditionalReleaseDate":"2026-07-10","homeDetentionCurfewEligibilityDate":"2026-05-01"},"receptionDate":"2025-02-03","riskOfSeriousHarm":"HIGH","riskManagementPlan":true,"mappa":{"category":2,"level":1},"prolificPriorityOffender":false,"offenderSupervisor":{"allocatedOn":"2025-02-04","firstContactOn":"2025-02-12"},"offenderManager":{"allocatedOn":"2025-02-10","lastContactOn":"2025-12-01"},"oasysAssessments":[{"completedOn":"2025-03-01","kind":"INITIAL"},{"completedOn":"2026-01-20","kind":"REVIEW"}],"sentencePlan":{"createdOn":"2025-03-05","objectives":[{"text":"Complete a thinking skills programme","riskFactor":"THINKING_AND_BEHAVIOUR"}]},"contacts":[{"on":"2026-02-01","with":"OFFENDER_SUPERVISOR"}],"hdc":{"decision":"PENDING"}}}
            """.utf8)
    }

    static func interview(inspection: Int, number: Int, run: String) -> [UInt8] {
        let id = inspectionId(inspection)
        let prisoner = number % 2 == 0
        let body =
            prisoner
            ? "\"kind\":\"PRISONER\",\"caseFileId\":\"CF-\(String(format: "%05d", number))\",\"segments\":[{\"speaker\":\"INSPECTOR\",\"text\":\"Do you know what is in your sentence plan?\"},{\"speaker\":\"PRISONER\",\"text\":\"Yes, I know my targets, I have to do my maths course. I see my offender supervisor regularly.\"}]"
            : "\"kind\":\"OFFENDER_SUPERVISOR\",\"segments\":[{\"speaker\":\"STAFF\",\"text\":\"My caseload is far too high and there is a waiting list for every programme.\"}]"
        return Array(
            """
            {"specversion":"1.0","id":"\(run)-iv-\(inspection)-\(number)","source":"urn:interview-recording","type":"interview.recorded","time":"2026-03-04T10:00:00Z","subject":"\(id)","data":{"inspectionId":"\(id)","interviewId":"IV-\(String(format: "%05d", number))","conductedOn":"2026-03-04","participants":[{"role":"PRISONER","name":"John Smith"}],\(body)}}
            """.utf8)
    }

    static func opened(inspection: Int, run: String) -> [UInt8] {
        let id = inspectionId(inspection)
        return Array(
            """
            {"specversion":"1.0","id":"\(run)-open-\(inspection)","source":"urn:inspection-management","type":"inspection.opened","time":"2026-03-01T09:00:00Z","data":{"inspectionId":"\(id)","establishment":{"code":"MDI","name":"HMP Moorland","type":"TRAINING","population":"ADULT"},"fieldworkStart":"2026-03-02","fieldworkEnd":"2026-03-13","framework":"omi-v1"}}
            """.utf8)
    }

    static func published(inspection: Int, run: String) -> [UInt8] {
        let id = inspectionId(inspection)
        return Array(
            """
            {"specversion":"1.0","id":"\(run)-pub-\(inspection)","source":"urn:inspection-management","type":"inspection.report-published","time":"2026-06-15T09:00:00Z","data":{"inspectionId":"\(id)","publishedOn":"2026-06-15"}}
            """.utf8)
    }
}
