import Foundation

/// The end-to-end scenario's input events, written out so the expected results can be worked out by hand
/// from SPEC §6–§9 (see `PipelineScenarioTests`). asOf is 2026-03-02 (a Monday) for every case record.
enum ScenarioEvents {
    static let inspectionId = "INS-2026-E2E-01"
    private static let counter = Counter()

    final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
    }

    /// A CloudEvent around `data`; a fresh id unless one is given.
    static func event(
        _ type: String, source: String = "urn:test:scenario", id: String? = nil, data: [String: Any],
        mutate: (inout [String: Any]) -> Void = { _ in }
    ) -> [String: Any] {
        var envelope: [String: Any] = [
            "specversion": "1.0", "id": id ?? "evt-\(counter.next())", "source": source, "type": type,
            "time": "2026-03-02T09:00:00Z", "subject": inspectionId, "datacontenttype": "application/json", "data": data,
        ]
        mutate(&envelope)
        return envelope
    }

    static func bytes(_ json: [String: Any]) -> [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
    }

    static func prisonNumber(_ index: Int) -> String { "A\(1000 + index)BC" }
    static func crn(_ index: Int) -> String { String(format: "X%06d", 200_000 + index) }
    static func dateOfBirth(_ index: Int) -> String { index == 12 ? "2006-01-01" : String(format: "19%02d-05-14", 60 + index) }
    static let pnc = "12/394773H"

    /// The template case record T (every applicable automatic criterion YES, see the test's table).
    static func record(_ index: Int, _ change: (inout [String: Any]) -> Void = { _ in }) -> [String: Any] {
        var data: [String: Any] = [
            "inspectionId": inspectionId, "caseFileId": String(format: "CF-%02d", index), "extractedAt": "2026-03-02T08:00:00Z",
            "prisonNumber": prisonNumber(index), "crn": crn(index), "pncNumber": pnc, "dateOfBirth": dateOfBirth(index),
            "establishmentCode": "MDI", "legalStatus": "SENTENCED",
            "sentence": [
                "type": "DETERMINATE", "startDate": "2025-01-10", "lengthMonths": 36,
                "conditionalReleaseDate": "2026-07-10", "tariffDate": NSNull(),
                "homeDetentionCurfewEligibilityDate": "2026-05-01",
            ] as [String: Any],
            "receptionDate": "2025-02-03", "riskOfSeriousHarm": "HIGH", "riskManagementPlan": true,
            "mappa": ["category": 2, "level": 1], "prolificPriorityOffender": false,
            "offenderSupervisor": ["allocatedOn": "2025-02-04", "firstContactOn": "2025-02-12"],
            "offenderManager": ["allocatedOn": "2025-02-10", "lastContactOn": "2025-12-01"],
            "oasysAssessments": [["completedOn": "2025-03-01", "kind": "INITIAL"], ["completedOn": "2026-01-20", "kind": "REVIEW"]],
            "sentencePlan": [
                "createdOn": "2025-03-05", "objectives": [["text": "Complete a thinking skills programme", "riskFactor": "THINKING_AND_BEHAVIOUR"]],
            ] as [String: Any],
            "contacts": [["on": "2026-02-01", "with": "OFFENDER_SUPERVISOR"]],
            "resettlement": [
                "ACCOMMODATION": "ASSESSED", "EDUCATION_TRAINING_EMPLOYMENT": "ASSESSED", "HEALTH": "ASSESSED",
                "DRUGS_ALCOHOL": "NOT_ASSESSED", "FINANCE_BENEFIT_DEBT": "ASSESSED", "CHILDREN_FAMILIES": "ASSESSED",
                "ATTITUDES_THINKING_BEHAVIOUR": "ASSESSED",
            ],
            "hdc": ["decision": "PENDING"],
        ]
        change(&data)
        return data
    }

    static func examination(_ index: Int, _ answers: [(String, String)]) -> [String: Any] {
        [
            "inspectionId": inspectionId, "caseFileId": String(format: "CF-%02d", index), "examinedBy": "inspector-1",
            "answers": answers.map { ["criterionId": $0.0, "answer": $0.1, "note": "Mr Smith's file was thorough"] },
        ]
    }

    static func interview(
        _ number: Int, kind: String, caseFile: Int?, names: [String], responses: [(String, String)] = [],
        prisoner: [String] = [], staff: [String] = []
    ) -> [String: Any] {
        var data: [String: Any] = [
            "inspectionId": inspectionId, "interviewId": String(format: "IV-%02d", number), "kind": kind, "conductedOn": "2026-03-04",
            "participants": names.map { ["role": kind == "PRISONER" ? "PRISONER" : "STAFF", "name": $0] } + [
                ["role": "INSPECTOR", "name": "A. Inspector"]
            ],
            "responses": responses.map { ["questionId": $0.0, "answer": $0.1] },
            "segments": [["speaker": "INSPECTOR", "text": "Tell us about offender management here; do you know your sentence plan?"]]
                + prisoner.map { ["speaker": "PRISONER", "text": $0] } + staff.map { ["speaker": "STAFF", "text": $0] },
        ]
        if let caseFile { data["caseFileId"] = String(format: "CF-%02d", caseFile) }
        return data
    }

    /// Personal data of the scenario that must never reach a topic after intake.
    static var personalData: [String] {
        (1...13).flatMap { [prisonNumber($0), crn($0), dateOfBirth($0)] } + [
            pnc, "Karen Mills", "Karen", "Mills", "John Smith", "Tom Brown", "Mr Smith",
        ]
    }
}
