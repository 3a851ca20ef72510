/// librdkafka properties for one client, with the defaults this project relies on.
///
/// Any librdkafka property can be set through ``properties``; the typed helpers cover the ones the
/// workers configure from their environment.
public struct KafkaConfiguration: Sendable {
    /// Raw librdkafka properties (`bootstrap.servers`, `security.protocol`, …).
    public var properties: [String: String]

    public init(bootstrapServers: String = "localhost:9092", properties: [String: String] = [:]) {
        self.properties = ["bootstrap.servers": bootstrapServers]
        for (key, value) in properties { self.properties[key] = value }
    }

    public subscript(key: String) -> String? {
        get { properties[key] }
        set { properties[key] = newValue }
    }

    /// Settings for a producer: idempotent, `acks=all`, no delivery timeout (a frozen broker is waited
    /// for, never turned into a lost message), and a short linger for low latency.
    public static func producer(bootstrapServers: String) -> KafkaConfiguration {
        KafkaConfiguration(bootstrapServers: bootstrapServers, properties: producerDefaults)
    }

    /// Settings for a group consumer storing offsets only when the application says a message is done.
    public static func consumer(bootstrapServers: String, groupID: String) -> KafkaConfiguration {
        var configuration = KafkaConfiguration(bootstrapServers: bootstrapServers, properties: consumerDefaults)
        configuration["group.id"] = groupID
        return configuration
    }

    /// Producer defaults, each with its reason.
    public static let producerDefaults: [String: String] = [
        "enable.idempotence": "true",  // no duplicates or reordering from internal retries
        "acks": "all",  // a delivery report means the record is replicated
        "message.timeout.ms": "0",  // retry forever: an unavailable broker is waited for, not an error
        "linger.ms": "2",  // small batches without adding visible latency
        "batch.num.messages": "10000",
        "queue.buffering.max.messages": "100000",  // local queue bound: a full queue makes senders wait
        "message.max.bytes": "4194304",  // room for a 1 MiB event plus dead-letter headers
        "compression.type": "none",
        "socket.keepalive.enable": "true",
    ]

    /// Consumer defaults, each with its reason.
    public static let consumerDefaults: [String: String] = [
        "enable.auto.commit": "true",  // commit in the background what the application stored…
        "enable.auto.offset.store": "false",  // …which is only what it finished (at-least-once)
        "auto.commit.interval.ms": "1000",
        "auto.offset.reset": "earliest",  // a new group starts at the beginning: nothing is skipped
        "session.timeout.ms": "10000",
        "heartbeat.interval.ms": "1000",
        "max.poll.interval.ms": "300000",
        "partition.assignment.strategy": "range",  // co-partitioned inputs: partition p of every topic together
        "fetch.wait.max.ms": "100",
        "fetch.error.backoff.ms": "100",
        "queued.max.messages.kbytes": "65536",
        "socket.keepalive.enable": "true",
        "allow.auto.create.topics": "false",
    ]
}
