import CRdKafka
import Logging
import Synchronization

/// The consumer's poll loop and rebalance handling; runs on the consumer's dedicated thread.
final class ConsumerCore: RebalanceTarget, @unchecked Sendable {
    let buffer: EventBuffer<ConsumerEvent>
    private let revokeTimeoutMs: Int
    private let logger: Logger
    private let closing = Atomic<Bool>(false)
    private let handleClosed = Atomic<Bool>(false)
    /// Set while the poll loop runs; lets a blocked push notice a stop request.
    private var isStopping: @Sendable () -> Bool = { false }
    /// Events taken from librdkafka and not yet in the buffer (poll thread only).
    private var pending: [ConsumerEvent] = []
    /// When the poll loop delivers a ``ConsumerEvent/wake`` (see ``KafkaConsumer/wake(at:)``).
    private let wakeDeadline = Mutex<ContinuousClock.Instant?>(nil)

    init(capacity: Int, revokeTimeoutMs: Int, logger: Logger) {
        self.buffer = EventBuffer(capacity: capacity)
        self.revokeTimeoutMs = revokeTimeoutMs
        self.logger = logger
    }

    func markClosing() { closing.store(true, ordering: .releasing) }

    /// Asks the poll loop for a ``ConsumerEvent/wake`` at `instant` (an earlier request stands).
    func wake(at instant: ContinuousClock.Instant) {
        wakeDeadline.withLock { deadline in deadline = min(deadline ?? instant, instant) }
    }

    /// How long the next poll may wait (up to 100 ms, less when a wake-up is due sooner); delivers the wake-up
    /// once its time has come.
    private func pollTimeoutMs() -> Int32 {
        let now = ContinuousClock.now
        let due = wakeDeadline.withLock { deadline -> Duration? in
            guard let instant = deadline else { return nil }
            if instant <= now { deadline = nil }
            return instant - now
        }
        guard let due else { return 100 }
        if due <= .zero {
            buffer.pushIfEmpty(.wake)
            return 0
        }
        let (seconds, attoseconds) = due.components
        return Int32(min(100, seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000))
    }

    /// Messages taken from librdkafka per hand-over to the buffer.
    static let batchSize = 256

    /// Waits (up to 100 ms) for a message, then takes the others already fetched without waiting, and hands them
    /// to the buffer under one lock. One message per `rd_kafka_consumer_poll` call: a rebalance callback served
    /// between two of them hands the pending messages over before its own event, so a revocation still follows
    /// every message fetched before it. (`rd_kafka_consume_batch_queue` could serve the callback while messages it
    /// had already collected sat in its output array, and it waits out its whole timeout for a full batch.)
    func pollLoop(client: RdKafkaClient, isStopping: @escaping @Sendable () -> Bool) {
        self.isStopping = isStopping
        nonisolated(unsafe) let handle = client.handle
        pending.reserveCapacity(Self.batchSize)
        while !isStopping() {
            for error in client.context.drainErrors() {
                buffer.push(.error(error), isStopping: isStopping)
            }
            guard let first = rd_kafka_consumer_poll(handle, pollTimeoutMs()) else { continue }
            take(first)
            var taken = 1
            while taken < Self.batchSize, let message = rd_kafka_consumer_poll(handle, 0) {
                take(message)
                taken += 1
            }
            flushPending()
        }
        closeHandle(client: client)
    }

    /// Converts a message (or its error) to a pending event and destroys it; partition EOFs are skipped.
    private func take(_ message: UnsafeMutablePointer<rd_kafka_message_t>) {
        defer { rd_kafka_message_destroy(message) }
        let m = message.pointee
        if m.err == RD_KAFKA_RESP_ERR_NO_ERROR {
            pending.append(.message(Self.convert(message)))
        } else if m.err != RD_KAFKA_RESP_ERR__PARTITION_EOF {
            pending.append(.error(KafkaError(m.err, context: Self.describe(m))))
        }
    }

    /// Hands the pending events to the buffer. Also called before a rebalance event is pushed, so messages
    /// fetched before a revocation reach the application before it.
    private func flushPending() {
        guard !pending.isEmpty else { return }
        buffer.push(contentsOf: pending, isStopping: isStopping)
        pending.removeAll(keepingCapacity: true)
    }

    /// Commits what was stored and leaves the group. Runs once.
    func closeHandle(client: RdKafkaClient) {
        guard !handleClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        closing.store(true, ordering: .releasing)
        let err = rd_kafka_commit(client.handle, nil, 0)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__NO_OFFSET {
            logger.warning("final commit failed", metadata: ["error": "\(KafkaError(err))"])
        }
        let closeErr = rd_kafka_consumer_close(client.handle)
        if closeErr != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning("consumer close", metadata: ["error": "\(KafkaError(closeErr))"])
        }
        buffer.finish()
    }

    func rebalance(
        _ handle: OpaquePointer, _ err: rd_kafka_resp_err_t,
        _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>
    ) {
        let cooperative = String(cString: rd_kafka_rebalance_protocol(handle)) == "COOPERATIVE"
        let changed = TopicPartitionList.elements(of: partitions).map { TopicPartition(topic: $0.topic, partition: $0.partition) }
        flushPending()
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            if cooperative {
                if let error = rd_kafka_incremental_assign(handle, partitions) {
                    logger.error("incremental assign failed", metadata: ["error": "\(KafkaError(consuming: error))"])
                }
            } else {
                let result = rd_kafka_assign(handle, partitions)
                if result != RD_KAFKA_RESP_ERR_NO_ERROR {
                    logger.error("assign failed", metadata: ["error": "\(KafkaError(result))"])
                }
            }
            logger.info(
                "partitions assigned", metadata: ["partitions": "\(changed.sorted())", "protocol": "\(cooperative ? "cooperative" : "eager")"])
            buffer.push(.assigned(changed), isStopping: isStopping)
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            let lost = rd_kafka_assignment_lost(handle) != 0
            if lost {
                logger.warning("partitions lost", metadata: ["partitions": "\(changed.sorted())"])
                if !changed.isEmpty { buffer.push(.lost(changed), isStopping: isStopping) }
            } else {
                if !closing.load(ordering: .acquiring), !changed.isEmpty {
                    let ack = RevocationAck()
                    if buffer.push(.revoked(changed, ack), isStopping: isStopping) {
                        if !ack.wait(timeoutMs: revokeTimeoutMs) {
                            logger.warning(
                                "application did not finish revoked partitions in time",
                                metadata: ["timeoutMs": "\(revokeTimeoutMs)"])
                        }
                    }
                }
                // Commit what the application stored for the revoked partitions *before* giving them up.
                let result = rd_kafka_commit(handle, nil, 0)
                if result != RD_KAFKA_RESP_ERR_NO_ERROR && result != RD_KAFKA_RESP_ERR__NO_OFFSET {
                    logger.warning("commit on revoke failed", metadata: ["error": "\(KafkaError(result))"])
                }
                logger.info("partitions revoked", metadata: ["partitions": "\(changed.sorted())"])
            }
            if cooperative {
                if let error = rd_kafka_incremental_unassign(handle, partitions) {
                    logger.error("incremental unassign failed", metadata: ["error": "\(KafkaError(consuming: error))"])
                }
            } else {
                _ = rd_kafka_assign(handle, nil)
            }
        default:
            logger.error("rebalance error", metadata: ["error": "\(KafkaError(err))"])
            _ = rd_kafka_assign(handle, nil)
        }
    }

    private static func describe(_ m: rd_kafka_message_t) -> String {
        if let rkt = m.rkt { return "\(String(cString: rd_kafka_topic_name(rkt)))[\(m.partition)]" }
        return "consumer"
    }

    static func convert(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaMessage {
        let m = message.pointee
        let topic = String(cString: rd_kafka_topic_name(m.rkt))
        let key: [UInt8]? = m.key.map { Array(UnsafeRawBufferPointer(start: $0, count: m.key_len)) }
        let value: [UInt8]? = m.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: m.len)) }
        var headers: [KafkaHeader] = []
        var hdrs: OpaquePointer?
        if rd_kafka_message_headers(message, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR, let hdrs {
            var index = 0
            var name: UnsafePointer<CChar>?
            var valuePointer: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(hdrs, index, &name, &valuePointer, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                let headerValue = valuePointer.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }
                headers.append(KafkaHeader(name: name.map { String(cString: $0) } ?? "", value: headerValue))
                index += 1
            }
        }
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)
        return KafkaMessage(
            topic: topic, partition: m.partition, offset: m.offset, key: key, value: value,
            headers: headers, timestampMs: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp)
    }
}
