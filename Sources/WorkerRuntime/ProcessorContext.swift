import Foundation
import Kafka
import Logging
import Synchronization

/// What a processor may use: configuration, logging, metrics, and the runtime's producer.
public final class ProcessorContext: Sendable {
    public let configuration: WorkerConfiguration
    public let logger: Logger
    public let metrics: WorkerMetrics
    public let health: HealthState
    let producer: KafkaProducer
    let sender: RecordSender
    private let partitionCounts = Mutex<[String: Int]>([:])

    init(
        configuration: WorkerConfiguration, logger: Logger, metrics: WorkerMetrics, health: HealthState,
        producer: KafkaProducer, sender: RecordSender
    ) {
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
        self.health = health
        self.producer = producer
        self.sender = sender
    }

    /// Produces records and waits until the broker acknowledged all of them (retrying transient failures).
    public func emit(_ records: [OutputRecord]) async throws {
        guard !records.isEmpty else { return }
        let remaining = Countdown(records.count)
        for record in records {
            try await sender.send(record) { remaining.decrement() }
        }
        await remaining.wait()
    }

    /// The partition for an output derived from an input on `inputPartition`: the same number when the
    /// output topic has it (co-partitioning by construction), else `nil` (partition by key).
    public func alignedPartition(topic: String, inputPartition: Int32) -> Int32? {
        guard let count = partitionCounts.withLock({ $0[topic] }) else { return nil }
        return Int(inputPartition) < count ? inputPartition : nil
    }

    /// Partition count of a topic as learned at start, if known.
    public func partitionCount(of topic: String) -> Int? { partitionCounts.withLock { $0[topic] } }

    func setPartitionCount(_ count: Int, for topic: String) {
        partitionCounts.withLock { $0[topic] = count }
    }

    /// A short-lived consumer (no group commits) for reading changelogs.
    public func makeReader(label: String) throws -> KafkaConsumer {
        var kafka = configuration.kafka
        kafka["group.id"] = "\(configuration.groupID)-\(label)-\(UUID().uuidString.prefix(8))"
        kafka["enable.auto.commit"] = "false"
        kafka["auto.offset.reset"] = "earliest"
        return try KafkaConsumer(configuration: kafka, logger: logger)
    }
}
