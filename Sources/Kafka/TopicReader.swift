import Foundation
import Synchronization

/// Reads whole topics from the beginning by direct assignment, in a throw-away consumer group that commits nothing,
/// so no group's offsets are touched. Used by the operations CLI and by the tests.
public struct TopicReader: Sendable {
    public let configuration: KafkaConfiguration
    /// The throw-away group's name starts with this (a random suffix follows).
    public let groupPrefix: String

    public init(configuration: KafkaConfiguration, groupPrefix: String = "topic-reader") {
        self.configuration = configuration
        self.groupPrefix = groupPrefix
    }

    /// Calls `handle` for every message of `topics` until it returns false, no message came for `idle`, or `timeout`
    /// passes (when `follow`, idleness does not stop it). Topics that do not exist read as empty.
    public func read(
        _ topics: [String], idle: Duration = .seconds(2), timeout: Duration = .seconds(60), follow: Bool = false,
        handle: (KafkaMessage) throws -> Bool
    ) async throws {
        try await readEach(topics, idle: idle, timeout: timeout, follow: follow) { message in try handle(message) }
    }

    /// The same with an asynchronous handler (which may, for example, send what it reads before reading on).
    public func readEach(
        _ topics: [String], idle: Duration = .seconds(2), timeout: Duration = .seconds(60), follow: Bool = false,
        handle: (KafkaMessage) async throws -> Bool
    ) async throws {
        let admin = try KafkaAdmin(configuration: configuration)
        var partitions: [(TopicPartition, Int64?)] = []
        for topic in topics {
            guard let description = try await admin.describeTopic(topic) else { continue }
            for partition in 0..<description.partitions {
                partitions.append((TopicPartition(topic: topic, partition: Int32(partition)), -2))  // -2: the beginning
            }
        }
        guard !partitions.isEmpty else { return }
        var kafka = configuration
        kafka["group.id"] = "\(groupPrefix)-\(UUID().uuidString.prefix(8).lowercased())"
        kafka["enable.auto.commit"] = "false"
        let consumer = try KafkaConsumer(configuration: kafka)
        try consumer.assign(partitions)
        let lastSeen = LastSeen()
        let deadline = ContinuousClock.now + timeout
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(100))
                    if ContinuousClock.now >= deadline || (!follow && ContinuousClock.now - lastSeen.instant >= idle) {
                        consumer.stopDelivering()
                        return
                    }
                }
            }
            for await event in consumer.events {
                guard case .message(let message) = event else { continue }
                lastSeen.touch()
                if try await !handle(message) { break }
                lastSeen.touch()  // the time the handler took is not idleness
            }
            group.cancelAll()
        }
        await consumer.close()
    }

    /// When the last message came, shared with the task that watches for idleness.
    private final class LastSeen: Sendable {
        private let value = Mutex(ContinuousClock.now)
        var instant: ContinuousClock.Instant { value.withLock { $0 } }
        func touch() { value.withLock { $0 = .now } }
    }
}
