import Kafka
import TestSupport
import Testing
import WorkerRuntime

/// One set of properties serves a worker's producer, consumer and admin client: each takes only what applies to it,
/// so librdkafka has no "will be ignored" warning to log at start-up.
@Suite struct ClientPropertyScopeTests {
    static let mixed: [String: String] = [
        "session.timeout.ms": "6000", "heartbeat.interval.ms": "500", "auto.offset.reset": "earliest",
        "linger.ms": "5", "enable.idempotence": "true", "compression.type": "none",
    ]

    static func ignoredWarnings(_ messages: LockedValue<[String]>) -> [String] {
        messages.value.filter { $0.contains("will be ignored") }
    }

    @Test func aProducerAndAnAdminClientLeaveOutConsumerProperties() async throws {
        let messages = LockedValue<[String]>([])
        var configuration = TestKafka.producerConfiguration(Self.mixed)
        configuration["group.id"] = "scope-test"
        let producer = try KafkaProducer(configuration: configuration, logger: CapturingLogHandler.logger(label: "p", into: messages))
        let admin = try KafkaAdmin(configuration: configuration, logger: CapturingLogHandler.logger(label: "a", into: messages))
        withExtendedLifetime(admin) {}
        await producer.close()
        #expect(Self.ignoredWarnings(messages) == [])
    }

    @Test func aConsumerLeavesOutProducerProperties() async throws {
        let messages = LockedValue<[String]>([])
        let configuration = TestKafka.consumerConfiguration(group: TestKafka.uniqueName("scope"), Self.mixed)
        let consumer = try KafkaConsumer(configuration: configuration, logger: CapturingLogHandler.logger(label: "c", into: messages))
        await consumer.close()
        #expect(Self.ignoredWarnings(messages) == [])
    }
}
