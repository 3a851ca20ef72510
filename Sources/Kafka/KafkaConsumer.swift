import CRdKafka
import Logging
import Synchronization

/// A group consumer whose messages, rebalances and errors arrive in order as an `AsyncSequence`.
///
/// - At-least-once: offsets are stored only through ``storeOffsets(_:)`` (call it with the next offset
///   to consume once work is done; ``OffsetTracker`` computes it) and committed in the background, on
///   revocation and on close.
/// - Revocation waits for the application: `.revoked(partitions, ack)` is delivered and the partitions
///   are committed and unassigned only after `ack.done()` (or `revokeTimeoutMs`).
/// - Eager and cooperative-sticky assignment (`partition.assignment.strategy`).
/// - One dedicated thread polls librdkafka; a bounded buffer gives back-pressure.
public final class KafkaConsumer: Sendable {
    let client: RdKafkaClient
    private let core: ConsumerCore
    private let poller: Mutex<PollThread?> = Mutex(nil)
    private let logger: Logger
    private let closed = Atomic<Bool>(false)

    /// Creates a consumer. Call ``subscribe(topics:)`` or ``assign(_:)`` then iterate ``events``.
    /// `bufferCapacity` bounds the events waiting for the application (the poll thread waits when it is reached; a
    /// batch of up to 256 messages taken together may go past it once).
    public init(
        configuration: KafkaConfiguration, bufferCapacity: Int = 2_000, revokeTimeoutMs: Int = 30_000,
        logger: Logger = Logger(label: "kafka.consumer")
    ) throws(KafkaError) {
        var effective = KafkaConfiguration.consumer(
            bootstrapServers: configuration["bootstrap.servers"] ?? "localhost:9092",
            groupID: configuration["group.id"] ?? "inspection-pipeline")
        for (key, value) in configuration.properties { effective[key] = value }
        self.logger = logger
        let core = ConsumerCore(capacity: bufferCapacity, revokeTimeoutMs: revokeTimeoutMs, logger: logger)
        self.core = core
        self.client = try RdKafkaClient(kind: .consumer, configuration: effective, logger: logger) { conf in
            rd_kafka_conf_set_rebalance_cb(conf) { rk, err, partitions, opaque in
                guard let rk, let partitions, let opaque else { return }
                let context = Unmanaged<ClientContext>.fromOpaque(opaque).takeUnretainedValue()
                context.rebalanceTarget.withLock { $0 }?.rebalance(rk, err, partitions)
            }
        }
        client.context.rebalanceTarget.withLock { $0 = core }
        rd_kafka_poll_set_consumer(client.handle)
    }

    deinit {
        poller.withLock { $0 }?.stopAndJoin()
        client.destroy()
    }

    /// Subscribes to topics (group-managed assignment) and starts fetching.
    public func subscribe(topics: [String]) throws(KafkaError) {
        let list = TopicPartitionList(topics.map { TopicPartition(topic: $0, partition: RD_KAFKA_PARTITION_UA) })
        defer { list.destroy() }
        let err = rd_kafka_subscribe(client.handle, list.pointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, context: "subscribe \(topics)") }
        startPolling()
    }

    /// Assigns partitions directly, without a group, each from the given offset (or the committed /
    /// reset offset when `nil`), and starts fetching. Used for restoring state from changelogs.
    public func assign(_ partitions: [(TopicPartition, Int64?)]) throws(KafkaError) {
        let list = TopicPartitionList(partitions.map { $0.0 })
        defer { list.destroy() }
        for (index, item) in partitions.enumerated() {
            ik_partition_at(list.pointer, Int32(index)).pointee.offset = item.1 ?? Int64(RD_KAFKA_OFFSET_INVALID)
        }
        let err = rd_kafka_assign(client.handle, list.pointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, context: "assign") }
        startPolling()
    }

    private func startPolling() {
        poller.withLock { poller in
            guard poller == nil else { return }
            let client = self.client
            let core = self.core
            poller = PollThread(name: "poll-consumer") { isStopping in
                core.pollLoop(client: client, isStopping: isStopping)
            }
        }
    }

    /// Everything the consumer delivers, in order. Iterate it from one task only.
    public var events: Events { Events(buffer: core.buffer) }

    /// The same events as ``events``, in order, as the batches that were buffered together (at most 512):
    /// one hand-over per batch for callers that fan messages out. Iterate one of the two, from one task only.
    public var eventBatches: EventBatches { EventBatches(buffer: core.buffer) }

    /// Stores offsets (the *next* offset to consume per partition) for the background commit.
    public func storeOffsets(_ offsets: [TopicPartition: Int64]) {
        guard !offsets.isEmpty else { return }
        let list = TopicPartitionList(Array(offsets.keys))
        defer { list.destroy() }
        for (index, partition) in offsets.keys.enumerated() {
            ik_partition_at(list.pointer, Int32(index)).pointee.offset = offsets[partition]!
        }
        // Partitions no longer assigned are refused per partition; that is expected after a rebalance.
        _ = rd_kafka_offsets_store(client.handle, list.pointer)
    }

    /// Commits stored offsets now and waits for the broker's answer.
    public func commit() async throws(KafkaError) {
        nonisolated(unsafe) let handle = client.handle
        let err = await runBlocking { () throws(Never) in rd_kafka_commit(handle, nil, 0) }
        if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__NO_OFFSET {
            throw KafkaError(err, context: "commit")
        }
    }

    /// Committed offsets of the group for these partitions (`nil` where none).
    public func committed(_ partitions: [TopicPartition], timeoutMs: Int32 = 10_000) async throws(KafkaError) -> [TopicPartition: Int64?] {
        nonisolated(unsafe) let handle = client.handle
        return try await runBlocking { () throws(KafkaError) -> [TopicPartition: Int64?] in
            let list = TopicPartitionList(partitions)
            defer { list.destroy() }
            let err = rd_kafka_committed(handle, list.pointer, timeoutMs)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, context: "committed") }
            var result: [TopicPartition: Int64?] = [:]
            for element in list.elements {
                result[TopicPartition(topic: element.topic, partition: element.partition)] = element.offset >= 0 ? element.offset : nil
            }
            return result
        }
    }

    /// The current assignment.
    public func assignment() throws(KafkaError) -> [TopicPartition] {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        let err = rd_kafka_assignment(client.handle, &list)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { throw KafkaError(err, context: "assignment") }
        let wrapped = TopicPartitionList(adopting: list)
        defer { wrapped.destroy() }
        return wrapped.elements.map { TopicPartition(topic: $0.topic, partition: $0.partition) }
    }

    /// Stops fetching from these partitions (their buffered messages still arrive).
    public func pause(_ partitions: [TopicPartition]) throws(KafkaError) {
        let list = TopicPartitionList(partitions)
        defer { list.destroy() }
        let err = rd_kafka_pause_partitions(client.handle, list.pointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, context: "pause") }
    }

    /// Resumes fetching from these partitions.
    public func resume(_ partitions: [TopicPartition]) throws(KafkaError) {
        let list = TopicPartitionList(partitions)
        defer { list.destroy() }
        let err = rd_kafka_resume_partitions(client.handle, list.pointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, context: "resume") }
    }

    /// Moves the fetch position of assigned partitions.
    public func seek(_ positions: [TopicPartition: Int64], timeoutMs: Int32 = 10_000) async throws(KafkaError) {
        nonisolated(unsafe) let handle = client.handle
        try await runBlocking { () throws(KafkaError) in
            let list = TopicPartitionList(Array(positions.keys))
            defer { list.destroy() }
            for (index, partition) in positions.keys.enumerated() {
                ik_partition_at(list.pointer, Int32(index)).pointee.offset = positions[partition]!
            }
            if let error = rd_kafka_seek_partitions(handle, list.pointer, timeoutMs) {
                throw KafkaError(consuming: error)
            }
        }
    }

    /// Consumer lag per assigned partition: the cached high watermark minus the position (the low watermark
    /// before the first message).
    public func lag() -> [TopicPartition: Int64] {
        guard let partitions = try? assignment(), !partitions.isEmpty else { return [:] }
        var result: [TopicPartition: Int64] = [:]
        for (partition, standing) in positions(partitions) {
            guard let high = standing.highWatermark else { continue }
            result[partition] = max(0, high - (standing.position ?? standing.lowWatermark ?? high))
        }
        return result
    }

    /// Delivers a ``ConsumerEvent/wake`` event unless events are already waiting to be read: for a consumer loop
    /// with a decision to take that no message would prompt.
    public func wake() { core.buffer.pushIfEmpty(.wake) }

    /// Delivers a ``ConsumerEvent/wake`` at `instant` (unless events are waiting then), from the poll thread,
    /// which waits no longer than that for messages: for a time-based decision such as an idle bound. A pending
    /// earlier request stands.
    public func wake(at instant: ContinuousClock.Instant) { core.wake(at: instant) }

    /// Where each partition stands for the application: the position (the offset after the last message
    /// delivered, nil before the first) and the high watermark of the last fetch response (nil before one).
    /// Local calls: no broker request.
    public func positions(_ partitions: [TopicPartition]) -> [TopicPartition: PartitionPosition] {
        guard !partitions.isEmpty else { return [:] }
        let list = TopicPartitionList(partitions)
        defer { list.destroy() }
        _ = rd_kafka_position(client.handle, list.pointer)
        var result: [TopicPartition: PartitionPosition] = [:]
        for element in list.elements {
            var low: Int64 = 0
            var high: Int64 = 0
            let err = rd_kafka_get_watermark_offsets(client.handle, element.topic, element.partition, &low, &high)
            let known = err == RD_KAFKA_RESP_ERR_NO_ERROR && high >= 0
            result[TopicPartition(topic: element.topic, partition: element.partition)] = PartitionPosition(
                position: element.offset >= 0 ? element.offset : nil, highWatermark: known ? high : nil,
                lowWatermark: known && low >= 0 ? low : nil)
        }
        return result
    }

    /// Ends ``events`` now (buffered, unprocessed messages are dropped and will be redelivered to the
    /// next owner); fetching stops being handed to the application. Use at the start of a graceful shutdown.
    public func stopDelivering() { core.buffer.finish(discardingBuffered: true) }

    /// The first fatal error the client raised, if any.
    public var fatalError: KafkaError? { client.context.fatalError }

    /// Calls `body` with the client's first fatal error when it is raised (at once if it already was).
    public func onFatalError(_ body: @escaping @Sendable (KafkaError) -> Void) { client.context.onFatalError(body) }

    /// Commits stored offsets, leaves the group (revoking without waiting for the application, which
    /// must have finished its work before calling this) and stops the poll thread. Idempotent.
    public func close() async {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        core.markClosing()
        let thread = poller.withLock { $0 }
        let client = self.client
        let core = self.core
        if let thread {
            await thread.stop()  // the loop commits and closes on its way out, on the handle's own thread
        } else {
            await runBlocking { () throws(Never) in core.closeHandle(client: client) }
        }
        core.buffer.finish()
    }

    /// The ordered events of a consumer.
    public struct Events: AsyncSequence, Sendable {
        public typealias Element = ConsumerEvent
        let buffer: EventBuffer<ConsumerEvent>

        public func makeAsyncIterator() -> Iterator { Iterator(buffer: buffer) }

        public struct Iterator: AsyncIteratorProtocol {
            let buffer: EventBuffer<ConsumerEvent>
            private var batch: [ConsumerEvent] = []
            private var index = 0

            init(buffer: EventBuffer<ConsumerEvent>) { self.buffer = buffer }

            public mutating func next() async -> ConsumerEvent? {
                if index == batch.count {
                    batch = await buffer.nextBatch()
                    index = 0
                    if batch.isEmpty { return nil }
                }
                defer { index += 1 }
                return batch[index]
            }
        }
    }

    /// The ordered events of a consumer, a buffered batch at a time (never empty).
    public struct EventBatches: AsyncSequence, Sendable {
        public typealias Element = [ConsumerEvent]
        let buffer: EventBuffer<ConsumerEvent>

        public func makeAsyncIterator() -> Iterator { Iterator(buffer: buffer) }

        public struct Iterator: AsyncIteratorProtocol {
            let buffer: EventBuffer<ConsumerEvent>

            public mutating func next() async -> [ConsumerEvent]? {
                let batch = await buffer.nextBatch()
                return batch.isEmpty ? nil : batch
            }
        }
    }
}
