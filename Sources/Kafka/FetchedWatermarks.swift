import CRdKafka
import Foundation

/// Partition watermarks as fetch responses report them, for brokers whose ListOffsets answer cannot be trusted.
///
/// ``KafkaAdmin/watermarks(_:timeoutMs:)`` asks ListOffsets. Tansu 0.6 answers it with the base offset of the
/// partition's last record batch plus one, so after a batch of several records the end it gives is too low; the
/// high watermark in a fetch response is right on every broker. This assigns a throw-away consumer (its own
/// group name, nothing committed, no group joined) to the partitions at their end, waits until each has had a
/// fetch response, and reads the watermarks librdkafka kept from them.
public struct FetchedWatermarks: Sendable {
    public let configuration: KafkaConfiguration
    /// The throw-away group's name starts with this (a random suffix follows); it commits nothing.
    public let groupPrefix: String

    public init(configuration: KafkaConfiguration, groupPrefix: String = "watermarks") {
        self.configuration = configuration
        self.groupPrefix = groupPrefix
    }

    /// Low and high watermark of each partition that had a fetch response within `timeout`; partitions without one
    /// (the leader did not answer in time, the topic is gone) are left out. Once all have answered, it watches
    /// `settle` longer and keeps the highest end seen.
    public func query(
        _ partitions: [TopicPartition], timeout: Duration = .seconds(5), settle: Duration = .milliseconds(300)
    ) async throws(KafkaError) -> [TopicPartition: (low: Int64, high: Int64)] {
        let unique = Array(Set(partitions)).sorted()
        guard !unique.isEmpty else { return [:] }
        var kafka = configuration
        kafka["group.id"] = "\(groupPrefix)-\(UUID().uuidString.prefix(8).lowercased())"
        kafka["enable.auto.commit"] = "false"
        // Only the response's watermark is wanted: keep what a fetch brings back per partition small.
        kafka["max.partition.fetch.bytes"] = "1024"
        let consumer = try KafkaConsumer(configuration: kafka, bufferCapacity: 64)
        do throws(KafkaError) {
            try consumer.assign(unique.map { ($0, Int64(RD_KAFKA_OFFSET_END)) })
        } catch {
            await consumer.close()
            throw error
        }
        // Until every partition has had a response, then a few more fetch rounds (`settle`), keeping the highest
        // end seen: a watermark only grows, and one response must not decide alone.
        let deadline = ContinuousClock.now + timeout
        var settled: ContinuousClock.Instant?
        var known: [TopicPartition: (low: Int64, high: Int64)] = [:]
        while true {
            for (partition, position) in consumer.positions(unique) {
                guard let high = position.highWatermark else { continue }
                let low = position.lowWatermark ?? 0
                known[partition] = known[partition].map { (min($0.low, low), max($0.high, high)) } ?? (low, high)
            }
            let now = ContinuousClock.now
            if known.count == unique.count && settled == nil { settled = now + settle }
            if let settled, now >= settled { break }
            if now >= deadline { break }
            try? await Task.sleep(for: .milliseconds(50))
        }
        consumer.stopDelivering()
        await consumer.close()
        return known
    }
}
