import CRdKafka
import Kafka
import Logging
import TestSupport
import Testing

@testable import WorkerRuntime

/// The sender's delivery guarantees under broker faults, injected with librdkafka's mock cluster (the real broker
/// cannot be made to refuse one request or to drop its connections on cue).
@Suite(.serialized) struct RecordSenderTests {
    /// A sender on a fresh mock cluster with `topics`, its retry loop running while `body` runs.
    /// `producerLog`, when given, receives the producer's log (librdkafka's included).
    static func withSender(
        topics: [String], producerProperties: [String: String] = [:], producerLog: LockedValue<[String]>? = nil,
        _ body: (MockKafkaCluster, RecordSender, WorkerMetrics) async throws -> Void
    ) async throws {
        let cluster = try MockKafkaCluster()
        for topic in topics { try cluster.createTopic(topic) }
        var configuration = KafkaConfiguration.producer(bootstrapServers: cluster.bootstrapServers)
        for (key, value) in producerProperties { configuration[key] = value }
        let producer = try KafkaProducer(
            configuration: configuration,
            logger: producerLog.map { CapturingLogHandler.logger(label: "test.producer", into: $0) } ?? Logger(label: "kafka.producer"))
        let metrics = WorkerMetrics()
        let sender = RecordSender(
            producer: producer, metrics: metrics, logger: Logger(label: "test.sender"),
            policy: RetryPolicy(initial: .milliseconds(10), maximum: .milliseconds(50)))
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await sender.runRetries() }
                defer { sender.finishRetries() }
                try await body(cluster, sender, metrics)
            }
        } catch {
            await producer.close()
            throw error
        }
        await producer.close()
        withExtendedLifetime(cluster) {}  // the mock brokers outlive the producer's close
    }

    /// Sends `record` and waits (up to `timeout`) for its delivery; false when it was not acknowledged in time.
    static func sendAndWait(_ sender: RecordSender, _ record: OutputRecord, timeout: Duration = .seconds(20)) async throws -> Bool {
        let delivered = LockedValue(0)
        try await sender.send(record) { delivered.withLock { $0 += 1 } }
        return await eventually(timeout: timeout) { delivered.value > 0 } && delivered.value == 1
    }

    static func messages(of topic: String, on cluster: MockKafkaCluster) async throws -> [KafkaMessage] {
        try await TestKafka.readAll([topic], idle: .seconds(1), timeout: .seconds(20), bootstrapServers: cluster.bootstrapServers)
    }

    static func deadLetter(size: Int) -> OutputRecord {
        let message = KafkaMessage(
            topic: "casefiles", partition: 0, offset: 3, key: Array("INS-1".utf8),
            value: Array(repeating: 0x78, count: size), headers: [])
        return DeadLetter.record(
            for: message, code: "PAYLOAD_TOO_LARGE", message: ": value over 1 MiB",
            worker: "casefile-intake", suffix: ".dlq")
    }

    @Test func aDeadLetterTheBrokerRefusesAsTooLargeIsSentAgainWithoutItsValue() async throws {
        try await Self.withSender(topics: ["casefiles.dlq"]) { cluster, sender, metrics in
            cluster.failNext(.produce, with: [RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE])
            #expect(try await Self.sendAndWait(sender, Self.deadLetter(size: 2_000)), "delivered once, without its value")
            #expect(sender.fatalError == nil)
            let stored = try await Self.messages(of: "casefiles.dlq", on: cluster)
            try #require(stored.count == 1, "the refused copy is not stored, the reduced one is")
            #expect(stored[0].value == nil)
            #expect(stored[0].key == Array("INS-1".utf8))
            #expect(stored[0].header(DeadLetterHeaders.valueOmitted)?.stringValue == "2000")
            let text = PrometheusText(String(decoding: metrics.exposition(), as: UTF8.self))
            #expect(text.value("inspection_events_dead_lettered_total", ["topic": "casefiles", "code": "PAYLOAD_TOO_LARGE"]) == 1)
            #expect(text.value("inspection_dead_letter_values_omitted_total") == 1)
        }
    }

    @Test func anOutputTheBrokerRefusesAsTooLargeStopsTheWorkerWithoutAcknowledgingIt() async throws {
        try await Self.withSender(topics: ["casefiles.assessed"]) { cluster, sender, _ in
            cluster.failNext(.produce, with: [RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE])
            let output = OutputRecord(topic: "casefiles.assessed", key: Array("INS-1".utf8), value: Array(repeating: 0x78, count: 2_000))
            let acknowledged = try await Self.sendAndWait(sender, output, timeout: .seconds(3))
            #expect(!acknowledged, "never acknowledged: its input is not committed")
            #expect(await eventually(timeout: .seconds(10)) { sender.fatalError != nil }, "a permanent failure ends the process")
            let stored = try await Self.messages(of: "casefiles.assessed", on: cluster)
            #expect(stored.isEmpty)
        }
    }

    @Test func transientProduceErrorsAreRetriedToExactlyOneCopyInOrder() async throws {
        try await Self.withSender(topics: ["casefiles.assessed"]) { cluster, sender, metrics in
            cluster.failNext(
                .produce,
                with: [
                    RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                    RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
                ])
            let delivered = LockedValue(0)
            for index in 0..<20 {
                try await sender.send(
                    OutputRecord(
                        topic: "casefiles.assessed", partition: 0, key: Array("INS-1".utf8),
                        value: Array("\(index)".utf8))
                ) { delivered.withLock { $0 += 1 } }
            }
            #expect(await eventually(timeout: .seconds(20)) { delivered.value == 20 })
            #expect(sender.fatalError == nil)
            let stored = try await Self.messages(of: "casefiles.assessed", on: cluster)
            #expect(
                stored.compactMap { $0.value.map { String(decoding: $0, as: UTF8.self) } } == (0..<20).map { "\($0)" },
                "no record lost, none twice, none out of order")
            let text = PrometheusText(String(decoding: metrics.exposition(), as: UTF8.self))
            #expect(text.value("inspection_events_produced_total", ["topic": "casefiles.assessed"]) == 20)
            #expect(text.value("inspection_retries_total") == 0, "retried inside librdkafka, never surfaced to the sender")
        }
    }

    @Test func recordsSentWhileTheBrokerIsDownAreDeliveredWhenItReturns() async throws {
        let log = LockedValue<[String]>([])
        try await Self.withSender(topics: ["casefiles.assessed"], producerProperties: ["debug": "broker"], producerLog: log) { cluster, sender, _ in
            #expect(
                try await Self.sendAndWait(sender, OutputRecord(topic: "casefiles.assessed", partition: 0, key: nil, value: Array("before".utf8))))
            cluster.setDown(broker: 1)
            let delivered = LockedValue(0)
            for index in 0..<5 {
                try await sender.send(OutputRecord(topic: "casefiles.assessed", partition: 0, key: nil, value: Array("down \(index)".utf8))) {
                    delivered.withLock { $0 += 1 }
                }
            }
            // The window ends on the producer's own attempts (librdkafka's broker debug log), not on a clock: once a
            // second connection attempt to the partition's leader has begun after the records were queued, the first
            // was refused with them waiting.
            let queued = log.value.count
            let attempts = { log.value[queued...].count { $0.contains("/1: Connecting to ") } }
            #expect(await eventually(timeout: .seconds(30)) { attempts() >= 2 }, "the producer tried the broker again")
            #expect(delivered.value == 0, "nothing is acknowledged while the broker is down")
            #expect(sender.fatalError == nil, "a broker that is down is waited for, not an error")
            cluster.setUp(broker: 1)
            #expect(await eventually(timeout: .seconds(30)) { delivered.value == 5 })
            let stored = try await Self.messages(of: "casefiles.assessed", on: cluster)
            #expect(stored.compactMap { $0.value.map { String(decoding: $0, as: UTF8.self) } } == ["before"] + (0..<5).map { "down \($0)" })
        }
    }

    @Test func withADeliveryTimeoutRecordsThatTimeOutWhileTheBrokerIsDownAreSentAgain() async throws {
        // An operator may set message.timeout.ms (the default waits for ever): then the sender's own retries take over.
        try await Self.withSender(topics: ["casefiles.assessed"], producerProperties: ["message.timeout.ms": "1000"]) { cluster, sender, metrics in
            cluster.setDown(broker: 1)
            let delivered = LockedValue(0)
            for index in 0..<5 {
                try await sender.send(OutputRecord(topic: "casefiles.assessed", partition: 0, key: nil, value: Array("\(index)".utf8))) {
                    delivered.withLock { $0 += 1 }
                }
            }
            let text = { PrometheusText(String(decoding: metrics.exposition(), as: UTF8.self)) }
            #expect(
                await eventually(timeout: .seconds(20)) { (text().value("inspection_retries_total") ?? 0) >= 5 },
                "timed-out deliveries are retried by the sender")
            #expect(delivered.value == 0)
            cluster.setUp(broker: 1)
            #expect(await eventually(timeout: .seconds(30)) { delivered.value == 5 })
            #expect(sender.fatalError == nil)
            let stored = try await Self.messages(of: "casefiles.assessed", on: cluster)
            // A response later than the timeout could store a record twice (harmless: event ids); none may be missing.
            #expect(
                Set(stored.compactMap { $0.value.map { String(decoding: $0, as: UTF8.self) } }) == Set((0..<5).map { "\($0)" }),
                "every record stored")
        }
    }
}
