import CRdKafka
import Logging
import Synchronization

/// An idempotent producer with delivery results and back-pressure.
///
/// - `send` returns when the broker has acknowledged the record, with its partition and offset. There is
///   no polling-interval floor: a dedicated thread blocks in `rd_kafka_poll`, which returns as soon as a
///   delivery report is ready.
/// - When librdkafka's local queue is full the sender waits for room; it never sees `QUEUE_FULL`.
/// - `value: nil` produces a tombstone; keys and headers are carried as given.
public final class KafkaProducer: Sendable {
    let client: RdKafkaClient
    private let poller: PollThread
    private let logger: Logger
    private let closed = Atomic<Bool>(false)
    /// Wakes senders waiting for room in the local queue.
    private let room = QueueRoom()
    /// Configured to use transactions (`transactional.id` set).
    public let isTransactional: Bool

    /// Creates the producer and starts its poll thread.
    public init(configuration: KafkaConfiguration, logger: Logger = Logger(label: "kafka.producer")) throws(KafkaError) {
        var effective = KafkaConfiguration.producer(bootstrapServers: configuration["bootstrap.servers"] ?? "localhost:9092")
        for (key, value) in configuration.properties { effective[key] = value }
        self.logger = logger
        self.isTransactional = effective["transactional.id"] != nil
        let client = try RdKafkaClient(kind: .producer, configuration: effective, logger: logger) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf) { _, message, _ in
                guard let message, let opaque = message.pointee._private else { return }
                let box = Unmanaged<DeliveryBox>.fromOpaque(opaque).takeRetainedValue()
                let m = message.pointee
                if m.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                    // The topic is the one sent to: no name string is built per delivery.
                    box.complete(.success(DeliveryReport(topic: box.topic, partition: m.partition, offset: m.offset)))
                } else {
                    box.complete(.failure(KafkaError(m.err, context: "delivery to \(box.topic)")))
                }
                box.room.signal()  // the record left the local queue
            }
        }
        self.client = client
        self.poller = PollThread(name: "poll-producer") { isStopping in
            while !isStopping() {
                rd_kafka_poll(client.handle, 100)
            }
        }
    }

    deinit {
        poller.stopAndJoin()
        client.destroy()
    }

    /// The first fatal error the client raised, if any (the producer is unusable after it).
    public var fatalError: KafkaError? { client.context.fatalError }

    /// Calls `body` with the client's first fatal error when it is raised (at once if it already was).
    public func onFatalError(_ body: @escaping @Sendable (KafkaError) -> Void) { client.context.onFatalError(body) }

    /// Sends a record and returns once the broker has acknowledged it.
    public func send(_ record: ProducerRecord) async throws(KafkaError) -> DeliveryReport {
        let result = OneShot<Result<DeliveryReport, KafkaError>>()
        try await send(record) { result.fulfill($0) }
        return try await result.value.get()
    }

    /// Enqueues a record and calls `completion` (on the producer's poll thread) with its delivery result.
    /// Waits asynchronously while the local queue is full.
    public func send(_ record: ProducerRecord, completion: @escaping @Sendable (Result<DeliveryReport, KafkaError>) -> Void) async throws(KafkaError)
    {
        let box = DeliveryBox(topic: record.topic, room: room, completion: completion)
        while true {
            let deliveries = room.generation
            let err = produce(record, box: box)
            if err == RD_KAFKA_RESP_ERR_NO_ERROR { return }
            if err == RD_KAFKA_RESP_ERR__QUEUE_FULL {
                // Back-pressure: wait until a delivery report makes room. Never an error to the caller.
                await room.wait(after: deliveries)
                continue
            }
            throw KafkaError(err, context: "produce to \(record.topic)")
        }
    }

    private func produce(_ record: ProducerRecord, box: DeliveryBox) -> rd_kafka_resp_err_t {
        if closed.load(ordering: .acquiring) { return RD_KAFKA_RESP_ERR__DESTROY }
        var headers: OpaquePointer? = nil
        if !record.headers.isEmpty {
            headers = rd_kafka_headers_new(record.headers.count)
            for header in record.headers {
                if let value = header.value {
                    _ = value.withUnsafeBytes { rd_kafka_header_add(headers, header.name, -1, $0.baseAddress, $0.count) }
                } else {
                    _ = rd_kafka_header_add(headers, header.name, -1, nil, 0)
                }
            }
        }
        let opaque = Unmanaged.passRetained(box).toOpaque()
        let partition = record.partition ?? RD_KAFKA_PARTITION_UA
        let err = withOptionalBytes(record.key) { key, keyCount in
            withOptionalBytes(record.value) { value, valueCount in
                ik_produce(client.handle, record.topic, partition, key, keyCount, value, valueCount, headers, record.timestampMs ?? 0, opaque)
            }
        }
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            Unmanaged<DeliveryBox>.fromOpaque(opaque).release()
            if let headers { rd_kafka_headers_destroy(headers) }
        }
        return err
    }

    /// Waits until every queued record is delivered or failed, or the timeout passes.
    public func flush(timeoutMs: Int32 = 10_000) async throws(KafkaError) {
        nonisolated(unsafe) let handle = client.handle
        let err = await runBlocking { () throws(Never) -> rd_kafka_resp_err_t in rd_kafka_flush(handle, timeoutMs) }
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, context: "flush") }
    }

    /// Records still in the local queue or in flight.
    public var outstanding: Int { Int(rd_kafka_outq_len(client.handle)) }

    /// Number of partitions of a topic, from cached or fetched metadata.
    public func partitionCount(topic: String, timeoutMs: Int32 = 5_000) async throws(KafkaError) -> Int {
        try await Metadata.partitionCount(client: client, topic: topic, timeoutMs: timeoutMs)
    }

    /// Flushes (bounded by `timeoutMs`) and stops the poll thread; later sends fail.
    public func close(timeoutMs: Int32 = 10_000) async {
        try? await flush(timeoutMs: timeoutMs)
        closed.store(true, ordering: .releasing)
        room.signal()  // senders waiting for room try again, and find the producer closed
        let poller = self.poller
        await poller.stop()
    }
}

/// Holds a delivery completion across the C boundary (retained while the record is in flight).
final class DeliveryBox: Sendable {
    let topic: String
    /// The producer's queue room, signalled when the record's report arrives.
    let room: QueueRoom
    let completion: @Sendable (Result<DeliveryReport, KafkaError>) -> Void

    init(topic: String, room: QueueRoom, completion: @escaping @Sendable (Result<DeliveryReport, KafkaError>) -> Void) {
        self.topic = topic
        self.room = room
        self.completion = completion
    }

    func complete(_ result: Result<DeliveryReport, KafkaError>) { completion(result) }
}

/// Calls `body` with a pointer and count for optional bytes (`nil` pointer for `nil`).
func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawPointer?, Int) -> R) -> R {
    guard let bytes else { return body(nil, 0) }
    if bytes.isEmpty {
        // A present but empty value: librdkafka needs a non-null pointer to tell it from a tombstone.
        var zero: UInt8 = 0
        return withUnsafePointer(to: &zero) { body(UnsafeRawPointer($0), 0) }
    }
    return bytes.withUnsafeBytes { body($0.baseAddress, $0.count) }
}
