import Foundation
import Kafka
import WorkerRuntime

/// Reads whole topics from the beginning without joining a consumer group's offsets (a throw-away group).
struct TopicReader {
    let configuration: WorkerConfiguration

    /// Calls `handle` for every message of `topics` until it returns false, the topics are idle for
    /// `idle`, or `timeout` passes (when `follow`, idleness does not stop it).
    func read(_ topics: [String], idle: Duration = .seconds(2), timeout: Duration = .seconds(60), follow: Bool = false,
              handle: (KafkaMessage) throws -> Bool) async throws {
        let admin = try KafkaAdmin(configuration: configuration.kafka)
        var partitions: [(TopicPartition, Int64?)] = []
        for topic in topics {
            guard let description = try await admin.describeTopic(topic) else { continue }
            for partition in 0..<description.partitions {
                partitions.append((TopicPartition(topic: topic, partition: Int32(partition)), -2))
            }
        }
        guard !partitions.isEmpty else { return }
        var kafka = configuration.kafka
        kafka["group.id"] = "inspection-cli-\(UUID().uuidString.prefix(8))"
        kafka["enable.auto.commit"] = "false"
        let consumer = try KafkaConsumer(configuration: kafka)
        try consumer.assign(partitions)
        let lastSeen = LockedValue(ContinuousClock.now)
        let deadline = ContinuousClock.now + timeout
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(100))
                    let quiet = ContinuousClock.now - lastSeen.withLock { $0 } >= idle
                    if ContinuousClock.now >= deadline || (!follow && quiet) {
                        consumer.stopDelivering()
                        return
                    }
                }
            }
            for await event in consumer.events {
                guard case .message(let message) = event else { continue }
                lastSeen.withLock { $0 = .now }
                if try !handle(message) { break }
            }
            group.cancelAll()
        }
        await consumer.close()
    }
}
