import Foundation
import InspectionDomain
import InspectionWorkers
import Kafka
import TestSupport
import Testing
import WorkerRuntime

/// The fault suite: events through the workers (two instances of each intake worker and of the
/// consolidator) while members are SIGKILLed at random moments and restarted and the broker is frozen.
/// Afterwards every inspection's latest judgement must equal the one a fault-free run computes: nothing lost,
/// nothing counted twice. CI runs a reduced form; `scripts/fault-suite.sh` runs the full one
/// (FAULT_EVENTS=50000 FAULT_KILLS=12 FAULT_FREEZE_SECONDS=20).
@Suite(.serialized, .timeLimit(.minutes(30))) struct FaultSuiteTests {
    static let env = ProcessInfo.processInfo.environment
    let events = Int(env["FAULT_EVENTS"] ?? "") ?? 3_000
    let kills = Int(env["FAULT_KILLS"] ?? "") ?? 3
    let freezeSeconds = Int(env["FAULT_FREEZE_SECONDS"] ?? "") ?? 5
    let inspections = Int(env["FAULT_INSPECTIONS"] ?? "") ?? 30

    @Test func judgementsAfterKillsFreezesAndRebalancesEqualAFaultFreeRun() async throws {
        let broker = try TansuBroker()
        #expect(await broker.waitReady())
        let pipeline = try TestPipeline(partitions: 4, bootstrapServers: broker.bootstrapServers)
        try await pipeline.createTopics()
        let members = ["casefile-intake", "transcript-intake", "findings-consolidator"]
        for name in members { for instance in 0..<2 { try pipeline.start(name, instance: instance) } }
        for worker in pipeline.workers.values { #expect(await worker.waitReady(timeout: .seconds(90)), "\(worker.name) ready") }

        // The inputs, and the fault-free result computed in-process from the same bytes.
        let inputs = FaultInputs(inspections: inspections, events: events)
        let expected = try inputs.expectedJudgements()

        let report = LockedValue(FaultReport())
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // Chaos: SIGKILL random members at random moments and restart them; freeze the broker once.
                var generator = SystemRandomNumberGenerator()
                for round in 0..<kills {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 500...2_500, using: &generator)))
                    let key = pipeline.workers.keys.sorted().randomElement(using: &generator)!
                    let name = String(key.split(separator: "#").first!)
                    let instance = key.contains("#") ? Int(key.split(separator: "#").last!)! : 0
                    pipeline.workers[key]!.signal(SIGKILL)
                    _ = await pipeline.workers[key]!.waitExit()
                    report.withLock { $0.kills += 1 }
                    try await Task.sleep(for: .milliseconds(Int.random(in: 200...1_500, using: &generator)))
                    try pipeline.start(name, instance: instance)
                    if round == kills / 2 {
                        broker.freeze()
                        report.withLock { $0.freezes += 1 }
                        try await Task.sleep(for: .seconds(freezeSeconds))
                        broker.thaw()
                    }
                }
            }
            group.addTask {
                for (topic, key, value) in inputs.messages {
                    try await pipeline.send(topic, key: key, value: value)
                }
            }
            try await group.waitForAll()
        }

        // Quiescence: every inspection's judgement reflects all of its evidence.
        let deadline = ContinuousClock.now + .seconds(240)
        var latest: [String: [String: Any]] = [:]
        while ContinuousClock.now < deadline {
            latest = try await latestJudgements(pipeline)
            let complete = expected.allSatisfy { id, want in
                guard let got = latest[id] else { return false }
                return (got["sample"] as? NSDictionary) == (want["sample"] as? NSDictionary)
                    && (got["criteria"] as? NSArray) == (want["criteria"] as? NSArray)
            }
            if complete { break }
            try await Task.sleep(for: .seconds(1))
        }
        var lost = 0
        var doubled = 0
        for (id, want) in expected {
            guard let got = latest[id] else { lost += 1; continue }
            let gotCases = ((got["sample"] as? [String: Any])?["caseFiles"] as? NSNumber)?.intValue ?? 0
            let wantCases = ((want["sample"] as? [String: Any])?["caseFiles"] as? NSNumber)?.intValue ?? 0
            if gotCases < wantCases { lost += 1 }
            if gotCases > wantCases { doubled += 1 }
            #expect(NSDictionary(dictionary: got) == NSDictionary(dictionary: want), "\(id): the judgement equals the fault-free one")
        }
        let deadLetters = try await TestKafka.readAll(
            ["casefiles.dlq", "interviews.dlq", "inspections.dlq", "casefiles.assessed.dlq", "interviews.coded.dlq"].map(pipeline.topic),
            idle: .seconds(1), bootstrapServers: broker.bootstrapServers)
        let summary = report.value
        print(
            "fault suite: \(inputs.messages.count) events, \(inspections) inspections, \(summary.kills) kills, \(summary.freezes) freeze(s) of \(freezeSeconds) s, 2 instances each; lost = \(lost), double-counted = \(doubled), dead letters = \(deadLetters.count)"
        )
        #expect(lost == 0)
        #expect(doubled == 0)
        #expect(deadLetters.isEmpty, "faults are not the events' fault")
        #expect(summary.kills == kills)
        await pipeline.stopAll()
        await broker.stop()
    }

    /// The latest judgement per inspection (by version), as its `data` without `version`.
    func latestJudgements(_ pipeline: TestPipeline) async throws -> [String: [String: Any]] {
        var best: [String: (Int, [String: Any])] = [:]
        for message in try await pipeline.readAll("reporting.judgements", idle: .seconds(1)) {
            guard var data = SampleEvents.data(of: message.value), let id = data["inspectionId"] as? String else { continue }
            let version = (data["version"] as? NSNumber)?.intValue ?? 0
            data["version"] = nil
            if version >= (best[id]?.0 ?? -1) { best[id] = (version, data) }
        }
        return best.mapValues(\.1)
    }
}

struct FaultReport: Sendable {
    var kills = 0
    var freezes = 0
}

/// The fault suite's inputs: openings, case files (some corrected, some duplicated) and interviews.
struct FaultInputs {
    let inspections: Int
    /// (topic base name, key, value) in send order.
    let messages: [(String, String, [UInt8])]

    init(inspections: Int, events: Int) {
        self.inspections = inspections
        var messages: [(String, String, [UInt8])] = []
        for index in 0..<inspections {
            let id = Self.id(index)
            messages.append(("inspections", id, SampleEvents.opened(inspectionId: id)))
        }
        var number = 0
        while messages.count < events {
            let inspection = number % inspections
            let id = Self.id(inspection)
            let caseFile = number / inspections
            if number % 10 == 9 {
                messages.append(("interviews", id, Self.interview(inspectionId: id, number: caseFile)))
            } else {
                let value = SampleEvents.caseFile(inspectionId: id, index: caseFile, eventId: "fault-\(inspection)-\(caseFile)")
                messages.append(("casefiles", id, value))
                if number % 17 == 0 { messages.append(("casefiles", id, value)) }  // an exact duplicate
            }
            number += 1
        }
        self.messages = messages
    }

    static func id(_ index: Int) -> String { String(format: "INS-FAULT-%03d", index) }

    static func interview(inspectionId: String, number: Int) -> [UInt8] {
        Array(
            """
            {"specversion":"1.0","id":"fault-iv-\(inspectionId)-\(number)","source":"urn:test:fault","type":"interview.recorded","time":"2026-03-04T10:00:00Z","data":{"inspectionId":"\(inspectionId)","interviewId":"IV-\(String(format: "%05d", number))","kind":"PRISONER","caseFileId":"CF-\(String(format: "%05d", number))","conductedOn":"2026-03-04","responses":[{"questionId":"PI1","answer":"\(number % 3 == 0 ? "NO" : "YES")"}],"segments":[{"speaker":"PRISONER","text":"I see my offender supervisor regularly."}]}}
            """.utf8)
    }

    /// The judgements a fault-free pipeline publishes, computed in-process with the same rules and key.
    func expectedJudgements() throws -> [String: [String: Any]] {
        let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config").standardized.path
        let rules = try RuleSet.load(fromDirectory: config)
        let assessor = CaseFileAssessor(rules: rules, pseudonymKey: Array("end-to-end-test-pseudonym-key".utf8))
        let coder = InterviewCoder(rules: rules)
        let consolidator = Consolidator(rules: rules)
        var states: [String: InspectionState] = [:]
        for (offset, (topic, key, value)) in messages.enumerated() {
            let keyBytes = Array(key.utf8)
            let decoded: Result<ConsolidatorEvent, Rejection>
            switch topic {
            case "inspections": decoded = consolidator.decode(kind: .inspections, key: keyBytes, value: value)
            case "casefiles":
                guard case .success(let out) = assessor.process(key: keyBytes, value: value) else { continue }
                decoded = consolidator.decode(kind: .assessedCaseFiles, key: out.key, value: out.value)
            default:
                guard case .success(let out) = coder.process(key: keyBytes, value: value) else { continue }
                decoded = consolidator.decode(kind: .codedInterviews, key: out.key, value: out.value)
            }
            guard case .success(let event) = decoded else { continue }
            var state = states[event.inspectionId] ?? InspectionState(inspectionId: event.inspectionId)
            _ = consolidator.apply(
                event, origin: InputOrigin(topic: topic, partition: 0, offset: Int64(offset), key: keyBytes, value: value), to: &state)
            states[event.inspectionId] = state
        }
        var result: [String: [String: Any]] = [:]
        for (id, state) in states {
            guard let event = consolidator.judgementEvent(for: state, version: 1, time: "2026-01-01T00:00:00Z"),
                var data = SampleEvents.data(of: event.value)
            else { continue }
            data["version"] = nil
            result[id] = data
        }
        return result
    }
}
