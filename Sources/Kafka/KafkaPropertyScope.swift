/// The librdkafka properties that apply to one kind of client only (column C/P of librdkafka's CONFIGURATION.md).
///
/// The workers build their producer, consumer and admin client from one set of properties (`KAFKA_CLIENT_PROPERTIES`
/// included). librdkafka ignores a consumer property on a producer, and a producer property on a consumer, but logs
/// a warning for each at every start; ``RdKafkaClient`` leaves them out instead, so the logs show only real warnings.
enum KafkaPropertyScope {
    /// Properties librdkafka reads only in consumers.
    static let consumerOnly: Set<String> = [
        "group.id", "group.instance.id", "group.protocol", "group.protocol.type", "group.remote.assignor",
        "partition.assignment.strategy", "session.timeout.ms", "heartbeat.interval.ms", "coordinator.query.interval.ms",
        "max.poll.interval.ms", "enable.auto.commit", "auto.commit.enable", "auto.commit.interval.ms",
        "enable.auto.offset.store", "queued.min.messages", "queued.max.messages.kbytes", "fetch.wait.max.ms",
        "fetch.queue.backoff.ms", "fetch.message.max.bytes", "max.partition.fetch.bytes", "fetch.max.bytes",
        "fetch.min.bytes", "fetch.error.backoff.ms", "offset.store.method", "offset.store.path",
        "offset.store.sync.interval.ms", "isolation.level", "enable.partition.eof", "check.crcs", "auto.offset.reset",
        "consume.callback.max.messages",
    ]

    /// Properties librdkafka reads only in producers (an admin client is a producer handle and keeps them).
    static let producerOnly: Set<String> = [
        "transactional.id", "transaction.timeout.ms", "enable.idempotence", "enable.gapless.guarantee",
        "queue.buffering.max.messages", "queue.buffering.max.kbytes", "queue.buffering.max.ms", "linger.ms",
        "message.send.max.retries", "retries", "queue.buffering.backpressure.threshold", "compression.codec",
        "compression.type", "compression.level", "batch.num.messages", "batch.size", "delivery.report.only.error",
        "sticky.partitioning.linger.ms", "request.required.acks", "acks", "request.timeout.ms", "message.timeout.ms",
        "delivery.timeout.ms", "queuing.strategy", "produce.offset.report", "partitioner",
    ]

    /// Whether a client of `kind` reads `property` (everything not listed for the other kind).
    static func applies(_ property: String, to kind: ClientKind) -> Bool {
        switch kind {
        case .producer: !consumerOnly.contains(property)
        case .consumer: !producerOnly.contains(property)
        }
    }
}
