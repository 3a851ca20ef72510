import DequeModule
import Kafka

/// The order in which a processor with co-partitioned inputs sees their records (§8.6): for each partition
/// number, the buffered record with the smallest timestamp among the inputs goes next, ties broken by the
/// inputs' order, and the records of one partition are never reordered. An input with nothing buffered is
/// waited for: not at all when it is known to be at its end, as long as it takes while it is known to have
/// records not yet read, and at most ``Configuration/maxIdle`` while nothing is known.
///
/// A state machine without I/O: the caller adds what the consumer delivers, asks for what may go next with
/// the inputs' current standing, and wakes it up at the time it names.
public struct InputMerge: Sendable {
    /// How to merge.
    public struct Configuration: Sendable {
        /// The input topics in tie order: on equal timestamps the earlier topic goes first.
        public var topics: [String]
        /// The longest wait for an input with nothing buffered whose standing is unknown (`MAX_TASK_IDLE_MS`).
        public var maxIdle: Duration
        /// The longest wait for an input said to have unread records from which none arrives: a broker whose
        /// high watermark counts records never delivered (transaction markers) would otherwise stall the merge.
        public var maxUnreadWait: Duration

        /// How late each input's records may reach the broker after their timestamp: an intake's output carries
        /// its input's timestamp but is written after the intake has read and processed it. A record of an input
        /// with less lateness (lifecycle events, written directly) waits, while such an input is at its end,
        /// until its timestamp plus that lateness has passed, so that evidence produced before it and still in
        /// an intake is applied first, live as on reprocessing. Inputs with equal lateness never wait for
        /// each other this way.
        public var lateness: [String: Duration]

        public init(
            topics: [String], maxIdle: Duration = .milliseconds(2000), maxUnreadWait: Duration = .seconds(30),
            lateness: [String: Duration] = [:]
        ) {
            self.topics = topics
            self.maxIdle = maxIdle
            self.maxUnreadWait = maxUnreadWait
            self.lateness = lateness
        }
    }

    /// What is known of an input partition with nothing buffered.
    public enum Standing: Sendable, Equatable {
        /// Every record it holds has been delivered: nothing to wait for.
        case atEnd
        /// It holds records not yet delivered: wait for them.
        case unread
        /// Nothing is known yet (no fetch response): wait at most ``Configuration/maxIdle``.
        case unknown
    }

    /// What ``release(now:standing:)`` decided.
    public struct Release: Sendable {
        /// The records to process now, in order.
        public var messages: [KafkaMessage] = []
        /// When to ask again if nothing else happens first (an idle bound running out), or nil.
        public var wakeAt: ContinuousClock.Instant?
    }

    /// One partition number: a queue per assigned input partition.
    struct Group: Sendable {
        var queues: [String: Deque<KafkaMessage>] = [:]
        /// Since when the group has been waiting for an input; cleared once every input has records or is at its end.
        var idleSince: ContinuousClock.Instant?
    }

    public let configuration: Configuration
    private let rank: [String: Int]
    private var groups: [Int32: Group] = [:]
    /// The offset after the last record added, per input partition (what the merge has seen of it).
    private var next: [TopicPartition: Int64] = [:]
    /// When a record last arrived, per input partition.
    private var lastArrival: [TopicPartition: ContinuousClock.Instant] = [:]

    public init(configuration: Configuration) {
        self.configuration = configuration
        self.rank = Dictionary(uniqueKeysWithValues: configuration.topics.enumerated().map { ($1, $0) })
    }

    /// Whether `topic` is one of the merged inputs.
    public func merges(_ topic: String) -> Bool { rank[topic] != nil }

    /// Input partitions now assigned here.
    public mutating func assign(_ partitions: [TopicPartition], now: ContinuousClock.Instant) {
        for partition in partitions where merges(partition.topic) {
            groups[partition.partition, default: Group()].queues[partition.topic, default: []] = []
            next[partition] = nil
            lastArrival[partition] = now
        }
    }

    /// Input partitions taken away: their buffered records are dropped (never begun, so redelivered to the
    /// next owner). Returns how many were dropped.
    @discardableResult
    public mutating func revoke(_ partitions: [TopicPartition]) -> Int {
        var dropped = 0
        for partition in partitions where merges(partition.topic) {
            dropped += groups[partition.partition]?.queues.removeValue(forKey: partition.topic)?.count ?? 0
            if groups[partition.partition]?.queues.isEmpty == true { groups[partition.partition] = nil }
            next[partition] = nil
            lastArrival[partition] = nil
        }
        return dropped
    }

    /// Drops everything buffered (shutdown); returns how many records were dropped.
    @discardableResult
    public mutating func removeAll() -> Int {
        let dropped = bufferedCount
        groups.removeAll()
        next.removeAll()
        lastArrival.removeAll()
        return dropped
    }

    /// Adds a record delivered by the consumer, behind the earlier records of its partition. A record of a
    /// partition not assigned (a late delivery) is added too: it belongs to this member until revoked.
    public mutating func add(_ message: KafkaMessage, now: ContinuousClock.Instant) {
        let partition = message.topicPartition
        groups[message.partition, default: Group()].queues[message.topic, default: []].append(message)
        next[partition] = message.offset + 1
        lastArrival[partition] = now
    }

    /// Records buffered for one input partition (for pausing its fetching).
    public func buffered(_ partition: TopicPartition) -> Int { groups[partition.partition]?.queues[partition.topic]?.count ?? 0 }

    /// Records buffered in all.
    public var bufferedCount: Int { groups.values.reduce(0) { $0 + $1.queues.values.reduce(0) { $0 + $1.count } } }

    /// The offsets after the last record added, per input partition (a snapshot for ``standing(seen:position:)``).
    public var nextOffsets: [TopicPartition: Int64] { next }

    /// The standing of an input partition with nothing buffered, from what the consumer knows locally: records
    /// delivered to the application but not yet added here (`seen`, the offset after the last one added) are
    /// unread; beyond them, the high watermark of the last fetch response tells whether more exist.
    public static func standing(seen: Int64?, position: PartitionPosition) -> Standing {
        if let delivered = position.position, seen.map({ $0 < delivered }) ?? true { return .unread }
        guard let end = position.highWatermark else { return .unknown }
        guard let seen else {
            // Nothing read yet: an empty partition is at its end; otherwise where this group starts is not known here.
            if let start = position.lowWatermark, end <= start { return .atEnd }
            return .unknown
        }
        return end > seen ? .unread : .atEnd
    }

    /// Takes every record that may go now, in merged order, and says when to ask again if still waiting.
    /// `wallClockMs` is the time in the records' timestamps' terms (milliseconds since the epoch).
    public mutating func release(
        now: ContinuousClock.Instant, wallClockMs: Int64, standing: (TopicPartition) -> Standing
    ) -> Release {
        var result = Release()
        for number in groups.keys.sorted() {
            guard var group = groups[number] else { continue }
            let wake = drain(&group, number: number, now: now, wallClockMs: wallClockMs, standing: standing, into: &result.messages)
            groups[number] = group
            if let wake { result.wakeAt = min(result.wakeAt ?? wake, wake) }
        }
        return result
    }

    /// Releases the group's records while the rule allows; returns when to wake it if it stopped to wait.
    private func drain(
        _ group: inout Group, number: Int32, now: ContinuousClock.Instant, wallClockMs: Int64,
        standing: (TopicPartition) -> Standing, into released: inout [KafkaMessage]
    ) -> ContinuousClock.Instant? {
        while group.queues.values.contains(where: { !$0.isEmpty }) {
            var head: (topic: String, message: KafkaMessage)?
            var blockedUntil: ContinuousClock.Instant?
            var missing = false
            for (topic, queue) in group.queues {
                if let first = queue.first {
                    if let current = head, !Self.precedes(first, rank[topic] ?? .max, current.message, rank[current.topic] ?? .max) { continue }
                    head = (topic, first)
                    continue
                }
                let partition = TopicPartition(topic: topic, partition: number)
                let deadline: ContinuousClock.Instant
                switch standing(partition) {
                case .atEnd:
                    continue
                case .unread:
                    // Records are on their way: wait for them, unless none has come for far too long.
                    deadline = (lastArrival[partition] ?? now) + configuration.maxUnreadWait
                case .unknown:
                    // The idle bound counts from the group's first wait, so live traffic waits once, not per record.
                    if group.idleSince == nil { group.idleSince = now }
                    deadline = group.idleSince! + configuration.maxIdle
                }
                missing = true
                if deadline > now { blockedUntil = min(blockedUntil ?? deadline, deadline) }
            }
            guard let chosen = head, blockedUntil == nil else { return blockedUntil }
            if let late = lateArrivalDeadline(for: chosen.message, in: group, now: now, wallClockMs: wallClockMs) { return late }
            if !missing { group.idleSince = nil }
            group.queues[chosen.topic]!.removeFirst()
            released.append(chosen.message)
        }
        // Nothing buffered: the idle clock keeps running (an input whose end is unknown is still missing).
        return nil
    }

    /// When `message` may go if an empty input with more lateness could still bring an earlier record, or nil.
    private func lateArrivalDeadline(
        for message: KafkaMessage, in group: Group, now: ContinuousClock.Instant, wallClockMs: Int64
    ) -> ContinuousClock.Instant? {
        guard let timestamp = message.timestampMs else { return nil }
        let own = configuration.lateness[message.topic] ?? .zero
        var deadline: ContinuousClock.Instant?
        for (topic, queue) in group.queues where queue.isEmpty {
            guard let lateness = configuration.lateness[topic], lateness > own else { continue }
            // (Never longer than the lateness itself, whatever the producer's clock said.)
            let remainingMs = min(timestamp + Self.milliseconds(lateness) - wallClockMs, Self.milliseconds(lateness))
            guard remainingMs > 0 else { continue }
            let until = now + .milliseconds(remainingMs)
            deadline = min(deadline ?? until, until)
        }
        return deadline
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    /// Whether record `a` (of the input ranked `rankA`) goes before `b`: smaller timestamp first, then input order.
    static func precedes(_ a: KafkaMessage, _ rankA: Int, _ b: KafkaMessage, _ rankB: Int) -> Bool {
        let ta = a.timestampMs ?? .min
        let tb = b.timestampMs ?? .min
        return ta != tb ? ta < tb : rankA < rankB
    }
}
