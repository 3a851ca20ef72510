import Foundation
import Kafka
import Synchronization

/// A consumer-group member for tests: processes every message by recording its value, stores the offset
/// right after, finishes revoked partitions before acknowledging, and tracks its assignment.
public final class GroupMember: Sendable {
    public let consumer: KafkaConsumer
    public let name: String
    private let state = Mutex<(assignment: Set<TopicPartition>, values: [String], firstOffsets: [TopicPartition: Int64])>(([], [], [:]))

    public init(name: String, group: String, topics: [String], extra: [String: String] = [:]) throws {
        self.name = name
        consumer = try KafkaConsumer(configuration: TestKafka.consumerConfiguration(group: group, extra))
        try consumer.subscribe(topics: topics)
    }

    /// Consumes until the consumer is closed. Run it in a child task.
    public func run() async {
        for await event in consumer.events {
            switch event {
            case .message(let message):
                let value = message.value.map { String(decoding: $0, as: UTF8.self) } ?? "<tombstone>"
                state.withLock { state in
                    state.values.append(value)
                    if state.firstOffsets[message.topicPartition] == nil { state.firstOffsets[message.topicPartition] = message.offset }
                }
                consumer.storeOffsets([message.topicPartition: message.offset + 1])
            case .assigned(let partitions):
                state.withLock { $0.assignment.formUnion(partitions) }
            case .revoked(let partitions, let ack):
                state.withLock { $0.assignment.subtract(partitions) }
                ack.done()
            case .lost(let partitions):
                state.withLock { $0.assignment.subtract(partitions) }
            case .error, .wake:
                break
            }
        }
    }

    public var assignment: Set<TopicPartition> { state.withLock { $0.assignment } }
    public var values: [String] { state.withLock { $0.values } }
    public var firstOffsets: [TopicPartition: Int64] { state.withLock { $0.firstOffsets } }

    public func close() async { await consumer.close() }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
public func eventually(timeout: Duration = .seconds(30), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return true
}
