import Foundation
import Kafka
import TestSupport
import Testing

/// §8.6: each intake gives its output record and its dead letters the timestamp of the input record they came
/// from, so the consolidator can order its inputs by when the events happened, not by when they were processed.
@Suite(.serialized, .timeLimit(.minutes(3))) struct TimestampTests {
    typealias S = ScenarioEvents

    @Test func intakeOutputsAndDeadLettersCarryTheirInputsTimestamp() async throws {
        let pipeline = try TestPipeline(partitions: 1)
        try await pipeline.createTopics()
        do {
            for name in ["casefile-intake", "transcript-intake"] {
                let worker = try pipeline.start(name)
                #expect(await worker.waitReady())
            }
            // Timestamps a day in the past, so the time of processing cannot be mistaken for them.
            let base = Int64(Date().timeIntervalSince1970 * 1000) - 86_400_000
            func send(_ topic: String, _ value: [UInt8], at timestamp: Int64) async throws {
                _ = try await pipeline.producer.send(
                    ProducerRecord(topic: pipeline.topic(topic), key: Array(S.inspectionId.utf8), value: value, timestampMs: timestamp))
            }
            try await send("casefiles", S.bytes(S.event("casefile.submitted", data: S.record(1))), at: base + 1)
            try await send("casefiles", Array("{not json".utf8), at: base + 2)
            try await send(
                "interviews", S.bytes(S.event("interview.recorded", data: S.interview(1, kind: "MANAGER", caseFile: nil, names: []))), at: base + 3)
            try await send("interviews", S.bytes(S.event("interview.recorded", data: ["inspectionId": S.inspectionId])), at: base + 4)

            func timestamps(_ topic: String) async throws -> [Int64?] {
                let deadline = ContinuousClock.now + .seconds(60)
                while ContinuousClock.now < deadline {
                    let messages = try await pipeline.readAll(topic, idle: .seconds(2))
                    if !messages.isEmpty { return messages.map(\.timestampMs) }
                    try await Task.sleep(for: .milliseconds(300))
                }
                throw TestFailure("nothing on \(topic)")
            }
            #expect(try await timestamps("casefiles.assessed") == [base + 1])
            #expect(try await timestamps("casefiles.dlq") == [base + 2])
            #expect(try await timestamps("interviews.coded") == [base + 3])
            #expect(try await timestamps("interviews.dlq") == [base + 4])
        } catch {
            await pipeline.stopAll()
            throw error
        }
        await pipeline.stopAll()
    }
}
