import Foundation
import Kafka
import Logging

/// A keyed in-memory state store whose every change is written to a compacted changelog topic before the
/// input that caused it is committed, and which is restored from that topic on start or assignment.
///
/// Restoring does not trust high watermarks (the development broker reports wrong ones after batches):
/// it writes a marker record to each partition first and reads until it reaches the marker's offset.
public final class ChangelogStore<Value: Codable & Sendable>: Sendable {
    /// An entry and the changelog partition it lives in.
    public struct Entry: Sendable {
        public var value: Value
        public var partition: Int32
    }

    public let topic: String
    private let entries = LockedValue<[String: Entry]>([:])
    static var markerKey: [UInt8] { Array("__changelog-restore-marker__".utf8) }

    public init(topic: String) {
        self.topic = topic
    }

    /// The compacted changelog topic's specification.
    public func specification(partitions: Int) -> TopicSpecification {
        TopicSpecification(name: topic, partitions: partitions, configs: ["cleanup.policy": "compact"])
    }

    public var count: Int { entries.withLock { $0.count } }

    public func get(_ key: String) -> Value? { entries.withLock { $0[key]?.value } }

    /// Every key in a partition.
    public func keys(in partition: Int32) -> [String] {
        entries.withLock { $0.filter { $0.value.partition == partition }.map(\.key) }
    }

    /// Every key.
    public var keys: [String] { entries.withLock { Array($0.keys) } }

    /// Atomically reads, changes and stores one entry; returns what `body` returns and, when `body` set a
    /// new value (non-nil), the changelog record to produce. Returning `nil` for the new value leaves the
    /// entry unchanged.
    public func update<R: Sendable>(_ key: String, partition: Int32,
                                    _ body: (Value?) throws -> (newValue: Value?, result: R)) rethrows -> (record: OutputRecord?, result: R) {
        try entries.withLock { entries in
            let current = entries[key]
            let (newValue, result) = try body(current?.value)
            guard let newValue else { return (nil, result) }
            let livesIn = current?.partition ?? partition
            entries[key] = Entry(value: newValue, partition: livesIn)
            return (changelogRecord(key: key, value: newValue, partition: livesIn), result)
        }
    }

    /// The partition an entry lives in.
    public func partition(of key: String) -> Int32? { entries.withLock { $0[key]?.partition } }

    /// Forgets the entries of partitions this instance no longer owns (they live on in the changelog).
    public func drop(partitions: Set<Int32>) {
        entries.withLock { entries in entries = entries.filter { !partitions.contains($0.value.partition) } }
    }

    private func changelogRecord(key: String, value: Value, partition: Int32) -> OutputRecord {
        let encoder = JSONEncoder()
        let bytes = (try? encoder.encode(value)).map { Array($0) } ?? []
        return OutputRecord(topic: topic, partition: partition, key: Array(key.utf8), value: bytes, kind: .internal)
    }

    /// Loads the given changelog partitions (entries there replace what is held).
    public func restore(partitions: [Int32], context: ProcessorContext, timeout: Duration = .seconds(120)) async throws {
        guard !partitions.isEmpty else { return }
        let logger = context.logger
        let started = ContinuousClock.now
        // 1. A marker at the end of each partition: everything before it is the state to restore.
        var targets: [TopicPartition: Int64] = [:]
        for partition in partitions {
            let report = try await context.producer.send(ProducerRecord(topic: topic, partition: partition, key: Self.markerKey, value: Array(UUID().uuidString.utf8)))
            targets[TopicPartition(topic: topic, partition: partition)] = report.offset
        }
        // 2. Read each partition from the beginning up to its marker.
        let reader = try context.makeReader(label: "restore")
        try reader.assign(targets.keys.map { ($0, Int64(-2)) })  // -2 = RD_KAFKA_OFFSET_BEGINNING
        var restored: [String: Entry] = [:]
        var deleted: Set<String> = []
        var remaining = Set(targets.keys)
        let decoder = JSONDecoder()
        var records = 0
        let deadline = ContinuousClock.now + timeout
        var failure: Error?
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(until: deadline)
                if !Task.isCancelled { reader.stopDelivering() }
            }
            for await event in reader.events {
                guard case .message(let message) = event else { continue }
                let partition = message.topicPartition
                guard let target = targets[partition], remaining.contains(partition) else { continue }
                if message.key != Self.markerKey, let keyBytes = message.key {
                    let key = String(decoding: keyBytes, as: UTF8.self)
                    if let value = message.value {
                        do {
                            restored[key] = Entry(value: try decoder.decode(Value.self, from: Data(value)), partition: message.partition)
                            deleted.remove(key)
                        } catch {
                            logger.error("unreadable changelog record skipped", metadata: ["topic": "\(topic)", "partition": "\(message.partition)", "offset": "\(message.offset)", "error": "\(error)"])
                        }
                    } else {
                        restored[key] = nil
                        deleted.insert(key)
                    }
                    records += 1
                }
                if message.offset >= target { remaining.remove(partition) }
                if remaining.isEmpty { break }
            }
            group.cancelAll()
        }
        await reader.close()
        if !remaining.isEmpty {
            failure = KafkaError.client("restore of \(topic) did not reach its markers in \(timeout): \(remaining.sorted())")
        }
        if let failure { throw failure }
        let restoredEntries = restored
        let deletedKeys = deleted
        entries.withLock { entries in
            for (key, entry) in restoredEntries { entries[key] = entry }
            for key in deletedKeys { entries[key] = nil }
        }
        logger.info("state restored", metadata: [
            "topic": "\(topic)", "partitions": "\(partitions.sorted())", "records": "\(records)",
            "entries": "\(restoredEntries.count)", "ms": "\((ContinuousClock.now - started).components.seconds * 1000 + (ContinuousClock.now - started).components.attoseconds / 1_000_000_000_000_000)",
        ])
    }
}
