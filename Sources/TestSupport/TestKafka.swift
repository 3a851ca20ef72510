import Foundation
import Kafka
import Synchronization

/// The broker the integration tests use, and helpers for unique names.
///
/// The address comes from `KAFKA_TEST_BOOTSTRAP` (default `127.0.0.1:19092`, the port
/// `scripts/broker.sh` starts Tansu on; `scripts/test.sh` starts it before `swift test`).
public enum TestKafka {
    public static var bootstrapServers: String {
        ProcessInfo.processInfo.environment["KAFKA_TEST_BOOTSTRAP"] ?? "127.0.0.1:19092"
    }

    /// A name unique to this run and call, for topics and groups.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Producer configuration for tests.
    public static func producerConfiguration(_ extra: [String: String] = [:]) -> KafkaConfiguration {
        var configuration = KafkaConfiguration.producer(bootstrapServers: bootstrapServers)
        for (key, value) in extra { configuration[key] = value }
        return configuration
    }

    /// Consumer configuration for tests: short session timeout so group changes are quick.
    public static func consumerConfiguration(group: String, _ extra: [String: String] = [:]) -> KafkaConfiguration {
        var configuration = KafkaConfiguration.consumer(bootstrapServers: bootstrapServers, groupID: group)
        configuration["session.timeout.ms"] = "6000"
        configuration["heartbeat.interval.ms"] = "500"
        for (key, value) in extra { configuration[key] = value }
        return configuration
    }

    /// Creates a topic and returns its name.
    public static func createTopic(_ prefix: String, partitions: Int = 1, configs: [String: String] = [:]) async throws -> String {
        let name = uniqueName(prefix)
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: bootstrapServers))
        try await admin.createTopics([TopicSpecification(name: name, partitions: partitions, configs: configs)])
        return name
    }

    /// Reads `count` messages from the start of `topics` with a fresh group, or fewer if `timeout` passes.
    public static func read(_ topics: [String], count: Int, timeout: Duration = .seconds(20)) async throws -> [KafkaMessage] {
        let consumer = try KafkaConsumer(configuration: consumerConfiguration(group: uniqueName("reader")))
        try consumer.subscribe(topics: topics)
        var messages: [KafkaMessage] = []
        let deadline = ContinuousClock.now + timeout
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(until: deadline)
                if Task.isCancelled { return }
                await consumer.close()
            }
            for await event in consumer.events {
                if case .message(let message) = event {
                    messages.append(message)
                    if messages.count >= count { break }
                }
            }
            group.cancelAll()
        }
        await consumer.close()
        return messages
    }

    /// Every message of `topics` from the beginning, read by direct assignment until no message came for
    /// `idle` (or `timeout`). Topics that do not exist read as empty.
    public static func readAll(
        _ topics: [String], idle: Duration = .seconds(2), timeout: Duration = .seconds(30),
        bootstrapServers: String = TestKafka.bootstrapServers
    ) async throws -> [KafkaMessage] {
        var messages: [KafkaMessage] = []
        let reader = TopicReader(
            configuration: KafkaConfiguration(bootstrapServers: bootstrapServers, properties: KafkaConfiguration.consumerDefaults),
            groupPrefix: "read-all")
        try await reader.read(topics, idle: idle, timeout: timeout) { message in
            messages.append(message)
            return true
        }
        return messages
    }
}
