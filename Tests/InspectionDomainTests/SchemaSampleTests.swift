import Foundation
import Testing

@testable import InspectionDomain

/// Writes real outputs of every worker to `$SCHEMA_SAMPLES_DIR` (when set: `scripts/test.sh` sets it) so
/// `scripts/check-schemas.sh` validates them against `config/schemas`; without the variable it only checks that each
/// output was produced. The end-to-end scenario adds what the real executables wrote (`Tests/EndToEndTests/SchemaSamples`).
@Suite struct SchemaSampleTests {
    @Test func writeOutputSamples() throws {
        let rules = try Fixtures.rules
        var samples: [String: [UInt8]] = [:]
        samples["casefile.assessed-record"] = try CaseFileAssessor(rules: rules, pseudonymKey: [7]).process(
            key: TestEvents.key, value: try Fixtures.example("casefile.submitted")
        ).get().value
        samples["casefile.assessed-examination"] = try CaseFileAssessor(rules: rules, pseudonymKey: [7]).process(
            key: TestEvents.key, value: try Fixtures.example("casefile.examined")
        ).get().value
        samples["interview.coded-prisoner"] = try InterviewCoder(rules: rules).process(
            key: TestEvents.key, value: try Fixtures.example("interview.recorded")
        ).get().value
        let staff = TestEvents.event(
            type: "interview.recorded",
            data: [
                "inspectionId": TestEvents.inspectionId, "interviewId": "IV-0002", "kind": "MANAGER",
                "conductedOn": "2026-03-05", "participants": [["role": "STAFF", "name": "Jo Bloggs"]],
                "segments": [["speaker": "STAFF", "text": "Jo Bloggs here: my caseload is 70 and A1234BC waits for a course."]],
            ])
        samples["interview.coded-staff"] = try InterviewCoder(rules: rules).process(key: TestEvents.key, value: staff).get().value
        var h = try JudgementTests.scenario()
        h.interview(TestEvents.coded("IV-1", caseFileId: "CF-1", answers: ["PI1": "NO"]))
        h.inspection(TestEvents.decided(area: "AP", rating: "GOOD"))
        h.inspection(TestEvents.published())
        let judgement = Consolidator(rules: rules).judgementEvent(for: h.state, version: 4, time: "2026-06-15T09:00:01Z")!
        samples["judgement.updated"] = judgement.value
        let reporter = AggregateReporter(rules: rules)
        var aggregate = PeriodAggregate(period: "FY2026-27")
        _ = reporter.add(try reporter.decode(key: judgement.key, value: judgement.value).get()!, to: &aggregate)
        aggregate.version = 1
        samples["aggregate.updated"] = reporter.aggregateEvent(for: aggregate, time: "2026-06-15T09:00:02Z").value
        for (_, bytes) in samples { #expect(!bytes.isEmpty) }
        guard let directory = ProcessInfo.processInfo.environment["SCHEMA_SAMPLES_DIR"] else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, bytes) in samples {
            try Data(bytes).write(to: URL(fileURLWithPath: directory).appendingPathComponent("\(name).json"))
        }
    }
}
