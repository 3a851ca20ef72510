import CRdKafka
import Synchronization
import TestSupport
import Testing

@testable import Kafka

/// The log lines of the handles made below (librdkafka's log callback is a C function: it cannot capture).
private let librdkafkaLog = Mutex<[String]>([])

/// `KafkaPropertyScope`'s lists checked against the librdkafka this process runs with: every property listed as
/// belonging to one kind of client must be one that librdkafka ignores, with its warning, in the other kind. A
/// librdkafka upgrade that makes a listed property apply to both would otherwise have the wrapper drop an
/// operator's setting without a word.
@Suite(.serialized) struct KafkaPropertyScopeTests {
    /// A value librdkafka accepts for each listed property.
    static let values: [String: String] = [
        "group.id": "g", "group.instance.id": "i", "group.protocol": "classic", "group.protocol.type": "consumer",
        "group.remote.assignor": "uniform", "partition.assignment.strategy": "range", "session.timeout.ms": "10000",
        "heartbeat.interval.ms": "1000", "coordinator.query.interval.ms": "600000", "max.poll.interval.ms": "300000",
        "enable.auto.commit": "true", "auto.commit.enable": "true", "auto.commit.interval.ms": "5000",
        "enable.auto.offset.store": "true", "queued.min.messages": "100000", "queued.max.messages.kbytes": "65536",
        "fetch.wait.max.ms": "500", "fetch.queue.backoff.ms": "1000", "fetch.message.max.bytes": "1048576",
        "max.partition.fetch.bytes": "1048576", "fetch.max.bytes": "52428800", "fetch.min.bytes": "1",
        "fetch.error.backoff.ms": "500", "offset.store.method": "broker", "offset.store.path": ".",
        "offset.store.sync.interval.ms": "-1", "isolation.level": "read_committed", "enable.partition.eof": "false",
        "check.crcs": "false", "auto.offset.reset": "earliest", "consume.callback.max.messages": "0",
        "transactional.id": "t", "transaction.timeout.ms": "60000", "enable.idempotence": "true",
        "enable.gapless.guarantee": "false", "queue.buffering.max.messages": "100000", "queue.buffering.max.kbytes": "1048576",
        "queue.buffering.max.ms": "5", "linger.ms": "5", "message.send.max.retries": "5", "retries": "5",
        "queue.buffering.backpressure.threshold": "1", "compression.codec": "none", "compression.type": "none",
        "compression.level": "-1", "batch.num.messages": "10000", "batch.size": "1000000", "delivery.report.only.error": "false",
        "sticky.partitioning.linger.ms": "10", "request.required.acks": "-1", "acks": "-1", "request.timeout.ms": "30000",
        "message.timeout.ms": "300000", "delivery.timeout.ms": "300000", "queuing.strategy": "fifo",
        "produce.offset.report": "false", "partitioner": "consistent_random",
    ]

    /// The "will be ignored" warnings librdkafka logs when `property` is set, unfiltered, on a handle of `kind`.
    static func warnings(setting property: String, on kind: rd_kafka_type_t) throws -> [String] {
        let value = try #require(values[property], "no test value for \(property)")
        let conf = try #require(rd_kafka_conf_new())
        var errstr = [CChar](repeating: 0, count: 512)
        rd_kafka_conf_set_log_cb(conf) { _, _, _, message in
            let text = message.map { String(cString: $0) } ?? ""
            librdkafkaLog.withLock { $0.append(text) }
        }
        guard rd_kafka_conf_set(conf, property, value, &errstr, errstr.count) == RD_KAFKA_CONF_OK else {
            rd_kafka_conf_destroy(conf)
            throw TestFailure("this librdkafka does not know \(property): \(errstr.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })")
        }
        librdkafkaLog.withLock { $0 = [] }
        guard let handle = rd_kafka_new(kind, conf, &errstr, errstr.count) else {
            rd_kafka_conf_destroy(conf)
            throw TestFailure("rd_kafka_new with \(property): \(errstr.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })")
        }
        rd_kafka_destroy(handle)
        return librdkafkaLog.withLock { $0 }.filter { $0.contains("will be ignored") }
    }

    @Test(arguments: KafkaPropertyScope.consumerOnly.sorted())
    func aConsumerOnlyPropertyIsIgnoredByProducers(_ property: String) throws {
        let warnings = try Self.warnings(setting: property, on: RD_KAFKA_PRODUCER)
        #expect(!warnings.isEmpty, "librdkafka applies \(property) to producers too: it must not be dropped for them")
    }

    @Test(arguments: KafkaPropertyScope.producerOnly.sorted())
    func aProducerOnlyPropertyIsIgnoredByConsumers(_ property: String) throws {
        let warnings = try Self.warnings(setting: property, on: RD_KAFKA_CONSUMER)
        #expect(!warnings.isEmpty, "librdkafka applies \(property) to consumers too: it must not be dropped for them")
    }
}
