import Foundation
import Kafka
import TestSupport
import Testing

/// `inspection dlq replay` (operations.md) through the real CLI executable and the real broker: dead letters go
/// back to the topic they came from with their key, value and own headers, the `dlq.*` headers (SPEC §5)
/// removed; `--code` selects, and `--dry-run` sends nothing.
@Suite(.serialized, .timeLimit(.minutes(3))) struct DeadLetterReplayTests {
    @Test func replaySendsTheSelectedDeadLettersBackWithoutTheirDeadLetterHeaders() async throws {
        let pipeline = try TestPipeline(partitions: 1)
        do {
            try await replay(pipeline)
            await pipeline.producer.close()
        } catch {
            await pipeline.producer.close()
            throw error
        }
    }

    func replay(_ pipeline: TestPipeline) async throws {
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: pipeline.bootstrapServers))
        _ = try await admin.createTopics([
            TopicSpecification(name: pipeline.topic("casefiles"), partitions: 1),
            TopicSpecification(name: pipeline.topic("casefiles.dlq"), partitions: 1),
        ])
        func deadLetterHeaders(code: String) -> [KafkaHeader] {
            [
                KafkaHeader(name: "content-type", string: "application/cloudevents+json"),
                KafkaHeader(name: "dlq.error.code", string: code), KafkaHeader(name: "dlq.error.message", string: "data.x: broken"),
                KafkaHeader(name: "dlq.original.topic", string: pipeline.topic("casefiles")),
                KafkaHeader(name: "dlq.original.partition", string: "0"), KafkaHeader(name: "dlq.original.offset", string: "7"),
                KafkaHeader(name: "dlq.worker", string: "casefile-intake"), KafkaHeader(name: "dlq.failed.at", string: "2026-03-02T09:15:00.000Z"),
            ]
        }
        try await pipeline.send("casefiles.dlq", key: "INS-1", value: Array("first".utf8), headers: deadLetterHeaders(code: "SCHEMA_VIOLATION"))
        try await pipeline.send("casefiles.dlq", key: "INS-2", value: Array("second".utf8), headers: deadLetterHeaders(code: "MALFORMED_JSON"))
        // Kept without its value (too large for its topic): replaying it would send a tombstone, so it is skipped.
        try await pipeline.send(
            "casefiles.dlq", key: "INS-3", value: nil,
            headers: deadLetterHeaders(code: "SCHEMA_VIOLATION") + [KafkaHeader(name: "dlq.value.omitted", string: "2000000")])

        let list = try await runCLI(["dlq", "list", "--topic", pipeline.topic("casefiles.dlq")], pipeline)
        #expect(list.status == 0)
        #expect(list.output.split(separator: "\n").filter { $0.contains("[value of 2000000 bytes not kept]") }.count == 1, "\(list.output)")

        let replay = ["dlq", "replay", "--topic", pipeline.topic("casefiles.dlq"), "--code", "SCHEMA_VIOLATION"]
        #expect(try await runCLI(replay + ["--dry-run"], pipeline).status == 0)
        #expect(try await pipeline.readAll("casefiles", idle: .seconds(1)).isEmpty, "a dry run sends nothing")

        let plan = try await runCLI(replay, pipeline)
        #expect(plan.status == 0 && plan.output.contains("1 dead letters from"), "without --yes: the plan only: \(plan.output)")
        #expect(try await pipeline.readAll("casefiles", idle: .seconds(1)).isEmpty, "without --yes nothing is sent")

        let replayedRun = try await runCLI(replay + ["--yes"], pipeline)
        #expect(replayedRun.status == 0)
        #expect(replayedRun.output.contains("skipped 1 dead letters kept without their value"), "\(replayedRun.output)")
        #expect(replayedRun.output.contains("\(pipeline.topic("casefiles"))[0]@7"), "names where the event is: \(replayedRun.output)")
        let replayed = try await pipeline.readAll("casefiles", idle: .seconds(1))
        #expect(replayed.count == 1, "the dead letter without its value is not replayed as a tombstone")
        let record = try #require(replayed.first)
        #expect(record.key == Array("INS-1".utf8))
        #expect(record.value == Array("first".utf8))
        #expect(record.header("content-type")?.stringValue == "application/cloudevents+json")
        #expect(!record.headers.contains { $0.name.hasPrefix("dlq.") }, "\(record.headers.map(\.name))")
    }

    /// A dead letter's headers cannot steer the replay: a forged `dlq.original.topic` naming the judgements topic
    /// sends nothing there, and neither the judgements nor a state topic can be named as the destination.
    @Test func aForgedOriginalTopicReachesNothing() async throws {
        let pipeline = try TestPipeline(partitions: 1)
        do {
            try await forgedOriginalTopic(pipeline)
            await pipeline.producer.close()
        } catch {
            await pipeline.producer.close()
            throw error
        }
    }

    func forgedOriginalTopic(_ pipeline: TestPipeline) async throws {
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: pipeline.bootstrapServers))
        _ = try await admin.createTopics(
            ["casefiles", "casefiles.dlq", "reporting.judgements"].map { TopicSpecification(name: pipeline.topic($0), partitions: 1) })
        let forged = [
            KafkaHeader(name: "dlq.error.code", string: "SCHEMA_VIOLATION"), KafkaHeader(name: "dlq.error.message", string: "data.x: broken"),
            KafkaHeader(name: "dlq.original.topic", string: pipeline.topic("reporting.judgements")),
            KafkaHeader(name: "dlq.original.partition", string: "0"), KafkaHeader(name: "dlq.original.offset", string: "0"),
        ]
        try await pipeline.send("casefiles.dlq", key: "INS-2026-MDI-01", value: Array(#"{"forged":true}"#.utf8), headers: forged)

        let run = try await runCLI(["dlq", "replay", "--topic", pipeline.topic("casefiles.dlq"), "--yes"], pipeline)
        #expect(run.status == 0)
        #expect(run.output.contains("skipped 1 records whose dlq.original.topic names another topic"), "\(run.output)")
        #expect(try await pipeline.readAll("reporting.judgements", idle: .seconds(1)).isEmpty, "nothing reaches the forged destination")
        #expect(try await pipeline.readAll("casefiles", idle: .seconds(1)).isEmpty)

        for target in [pipeline.topic("reporting.judgements"), pipeline.topic("findings-consolidator.state")] {
            let refused = try await runCLI(["dlq", "replay", "--topic", pipeline.topic("casefiles.dlq"), "--to", target, "--yes"], pipeline)
            #expect(refused.status != 0 && refused.output.contains("refusing to replay into"), "\(target): \(refused.output)")
        }
        #expect(try await pipeline.readAll("reporting.judgements", idle: .seconds(1)).isEmpty)
    }

    /// Runs the `inspection` executable with the pipeline's settings.
    func runCLI(_ arguments: [String], _ pipeline: TestPipeline) async throws -> (status: Int32, output: String) {
        try await runInspection(arguments, environment: pipeline.environment(for: "inspection"))
    }
}
