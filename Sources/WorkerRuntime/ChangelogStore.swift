import Foundation
import Kafka
import Logging

/// A keyed in-memory state store whose every change is written to a compacted changelog topic before the
/// input that caused it is committed, and which is restored from that topic on start or assignment.
///
/// Restoring does not trust high watermarks (the development broker reports wrong ones after batches):
/// it writes a marker record to each partition first and reads until it reaches the marker's offset.
public final class ChangelogStore<Value: Sendable>: Sendable {
    /// An entry and the changelog partition it lives in.
    public struct Entry: Sendable {
        public var value: Value
        public var partition: Int32

        @usableFromInline init(value: Value, partition: Int32) {
            self.value = value
            self.partition = partition
        }
    }

    public let topic: String
    /// The entries in shards by key hash, each behind its own lock: lanes working on different partitions
    /// (and so different keys) apply their events in parallel instead of queueing on one lock.
    @usableFromInline let shards: [LockedValue<[String: Entry]>]
    @usableFromInline static var shardCount: Int { 64 }
    /// Keys changed since their last changelog write, with the inputs waiting for that write.
    @usableFromInline let dirty = LockedValue<[String: [Completion]]>([:])
    private let encode: @Sendable (Value) -> [UInt8]
    private let decode: @Sendable ([UInt8]) -> Value?
    static var markerKey: [UInt8] { Array("__changelog-restore-marker__".utf8) }

    /// A store whose values are written with `encode` and read with `decode` (nil for a record it cannot read,
    /// which restoring logs and skips).
    public init(topic: String, encode: @escaping @Sendable (Value) -> [UInt8], decode: @escaping @Sendable ([UInt8]) -> Value?) {
        self.topic = topic
        self.shards = (0..<Self.shardCount).map { _ in LockedValue<[String: Entry]>([:]) }
        self.encode = encode
        self.decode = decode
    }

    /// The compacted changelog topic's specification.
    public func specification(partitions: Int) -> TopicSpecification {
        TopicSpecification(name: topic, partitions: partitions, configs: ["cleanup.policy": "compact"])
    }

    /// The shard holding `key`.
    @inlinable func shard(_ key: String) -> LockedValue<[String: Entry]> {
        shards[Int(UInt(bitPattern: key.hashValue) % UInt(Self.shardCount))]
    }

    public var count: Int { shards.reduce(0) { total, shard in total + shard.withLock { $0.count } } }

    public func get(_ key: String) -> Value? { shard(key).withLock { $0[key]?.value } }

    /// Every key in a partition.
    public func keys(in partition: Int32) -> [String] {
        shards.flatMap { shard in shard.withLock { $0.filter { $0.value.partition == partition }.map(\.key) } }
    }

    /// Every key.
    public var keys: [String] { shards.flatMap { shard in shard.withLock { Array($0.keys) } } }

    /// Atomically reads, changes and stores one entry; returns what `body` returns and, when `body` set a
    /// new value (non-nil), the changelog record to produce. Returning `nil` for the new value leaves the
    /// entry unchanged.
    public func update<R: Sendable>(
        _ key: String, partition: Int32,
        _ body: (Value?) throws -> (newValue: Value?, result: R)
    ) rethrows -> (record: OutputRecord?, result: R) {
        try shard(key).withLock { entries in
            let current = entries[key]
            let (newValue, result) = try body(current?.value)
            guard let newValue else { return (nil, result) }
            let livesIn = current?.partition ?? partition
            entries[key] = Entry(value: newValue, partition: livesIn)
            return (changelogRecord(key: key, value: newValue, partition: livesIn), result)
        }
    }

    /// The partition an entry lives in.
    public func partition(of key: String) -> Int32? { shard(key).withLock { $0[key]?.partition } }

    /// Forgets the entries of partitions this instance no longer owns (they live on in the changelog).
    public func drop(partitions: Set<Int32>) {
        for shard in shards {
            shard.withLock { entries in entries = entries.filter { !partitions.contains($0.value.partition) } }
        }
    }

    private func changelogRecord(key: String, value: Value, partition: Int32) -> OutputRecord {
        OutputRecord(topic: topic, partition: partition, key: Array(key.utf8), value: encode(value), kind: .internal)
    }

    /// Write-behind: changes one entry in memory only; the next ``flush(context:partitions:)`` writes it
    /// to the changelog and then resolves `completion` (the input that caused it counts as done only then).
    /// `body` mutates the value in place and says whether it changed; when it did not, `completion` is resolved
    /// at once. Setting the value to nil removes the entry. Inlinable: the consolidator calls it for every event,
    /// and specialised for its types it needs no generic metadata at run time.
    @inlinable
    public func modify<R: Sendable>(
        _ key: String, partition: Int32, completion: Completion?,
        _ body: (inout Value?) -> (changed: Bool, result: R)
    ) -> R {
        let (changed, result) = shard(key).withLock { entries -> (Bool, R) in
            // The entry leaves the table before `body` sees it, so `body` holds the only reference to the state's
            // collections and changes them in place: were the table still holding them, copy-on-write would
            // copy an inspection's whole case-file and interview tables on every event.
            let removed = entries.removeValue(forKey: key)
            let livesIn = removed?.partition ?? partition
            var value = (consume removed)?.value
            let (changed, result) = body(&value)
            if let value { entries[key] = Entry(value: value, partition: livesIn) }
            return (changed && value != nil, result)
        }
        if changed {
            dirty.withLock { $0[key, default: []].append(contentsOf: completion.map { [$0] } ?? []) }
        } else {
            completion?.resolve()
        }
        return result
    }

    /// Entries changed and not yet written.
    public var dirtyCount: Int { dirty.withLock { $0.count } }

    /// Writes every dirty entry (of `partitions`, or all) to the changelog, waits for the broker's
    /// acknowledgements, and resolves the completions waiting for them.
    public func flush(context: ProcessorContext, partitions: Set<Int32>? = nil) async throws {
        let taken = dirty.withLock { dirty -> [(String, [Completion])] in
            var result: [(String, [Completion])] = []
            for key in Array(dirty.keys) {
                if let partitions {
                    guard let partition = self.partition(of: key), partitions.contains(partition) else { continue }
                }
                result.append((key, dirty.removeValue(forKey: key) ?? []))
            }
            return result
        }
        guard !taken.isEmpty else { return }
        var records: [OutputRecord] = []
        var waiting: [[Completion]] = []
        for (key, completions) in taken {
            guard let entry = shard(key).withLock({ $0[key] }) else {
                for completion in completions { completion.resolve() }
                continue
            }
            records.append(changelogRecord(key: key, value: entry.value, partition: entry.partition))
            waiting.append(completions)
        }
        let done = Countdown(records.count)
        for (record, completions) in zip(records, waiting) {
            try await context.sender.send(record) {
                for completion in completions { completion.resolve() }
                done.decrement()
            }
        }
        await done.wait()
    }

    /// Loads the given changelog partitions (entries there replace what is held).
    public func restore(partitions: [Int32], context: ProcessorContext, timeout: Duration = .seconds(120)) async throws {
        guard !partitions.isEmpty else { return }
        let logger = context.logger
        let started = ContinuousClock.now
        // 1. A marker at the end of each partition: everything before it is the state to restore.
        var targets: [TopicPartition: Int64] = [:]
        for partition in partitions {
            let report = try await context.producer.send(
                ProducerRecord(topic: topic, partition: partition, key: Self.markerKey, value: Array(UUID().uuidString.utf8)))
            targets[TopicPartition(topic: topic, partition: partition)] = report.offset
        }
        // 2. Read each partition from the beginning up to its marker.
        let reader = try context.makeReader(label: "restore")
        try reader.assign(targets.keys.map { ($0, Int64(-2)) })  // -2 = RD_KAFKA_OFFSET_BEGINNING
        var restored: [String: Entry] = [:]
        var deleted: Set<String> = []
        var remaining = Set(targets.keys)
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
                        if let decoded = decode(value) {
                            restored[key] = Entry(value: decoded, partition: message.partition)
                            deleted.remove(key)
                        } else {
                            logger.error(
                                "unreadable changelog record skipped",
                                metadata: ["topic": "\(topic)", "partition": "\(message.partition)", "offset": "\(message.offset)"])
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
        for (key, entry) in restoredEntries { shard(key).withLock { $0[key] = entry } }
        for key in deletedKeys { shard(key).withLock { $0[key] = nil } }
        logger.info(
            "state restored",
            metadata: [
                "topic": "\(topic)", "partitions": "\(partitions.sorted())", "records": "\(records)",
                "entries": "\(restoredEntries.count)",
                "ms":
                    "\((ContinuousClock.now - started).components.seconds * 1000 + (ContinuousClock.now - started).components.attoseconds / 1_000_000_000_000_000)",
            ])
    }
}
