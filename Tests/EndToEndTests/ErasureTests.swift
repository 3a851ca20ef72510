import Foundation
import Kafka
import TestSupport
import Testing

/// `inspection erase`: tombstones for one inspection's judgements and consolidator state, after which a restarted
/// consolidator holds nothing of it, and the other inspections are untouched.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ErasureTests {
    @Test func anErasedInspectionIsGoneAfterARestart() async throws {
        try await TestPipeline.with(partitions: 2) { pipeline in
            let scenario = ReprocessingTests()
            let erased = ReprocessingTests.inspections[0]
            for (index, id) in ReprocessingTests.inspections.enumerated() {
                try await scenario.sendInspection(id, index: index, to: pipeline, lateEvidence: false)
            }
            _ = try await scenario.finalJudgements(pipeline, topic: "reporting.judgements")
            let consolidator = try #require(pipeline.workers["findings-consolidator"])
            await consolidator.stop()

            let arguments = ["erase", "--inspection-id", erased, "--state-topic", pipeline.topic("findings-consolidator.state")]
            let plan = try await runInspection(arguments, environment: pipeline.environment(for: "inspection"))
            #expect(plan.status == 0 && plan.output.contains("tombstone →"), "\(plan.output)")
            let run = try await runInspection(arguments + ["--yes"], environment: pipeline.environment(for: "inspection"))
            #expect(run.status == 0, "\(run.output)")

            // The latest record of its key on each compacted topic is a tombstone; the others' are untouched.
            for base in ["reporting.judgements", "findings-consolidator.state"] {
                var latest: [String: KafkaMessage] = [:]
                for message in try await pipeline.readAll(base, idle: .seconds(2)) {
                    if let key = message.key { latest[String(decoding: key, as: UTF8.self)] = message }
                }
                #expect(latest[erased] != nil && latest[erased]?.value == nil, "\(base): \(erased) ends in a tombstone")
                for other in ReprocessingTests.inspections.dropFirst() {
                    #expect(latest[other]?.value != nil, "\(base): \(other) kept")
                }
            }

            // Restarted, the consolidator restores the two others only.
            let restarted = try pipeline.start("findings-consolidator")
            #expect(await restarted.waitReady(timeout: .seconds(60)))
            let metrics = restarted.get("/metrics")?.body ?? ""
            let entries = metrics.split(separator: "\n").first { $0.hasPrefix("inspection_state_entries") }
            #expect(entries?.hasSuffix(" 2") == true || entries?.hasSuffix(" 2.0") == true, "\(entries ?? "no state gauge")")
        }
    }
}
