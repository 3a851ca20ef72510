import Kafka

/// A record a processor asks the runtime to produce. The input that caused it counts as done only once
/// every record it caused is acknowledged by the broker.
public struct OutputRecord: Sendable {
    /// How the record is counted in the metrics.
    public enum Kind: Sendable, Equatable {
        /// A worker output (counted in `inspection_events_produced_total{topic}`).
        case output
        /// A dead letter of an event read from `inputTopic` (counted in `…_dead_lettered_total`).
        case deadLetter(inputTopic: String, code: String)
        /// Internal bookkeeping such as a state changelog (not counted).
        case `internal`
    }

    public var record: ProducerRecord
    public var kind: Kind

    /// `timestampMs` is the record's timestamp: the input's, for records an input caused (§8.6), or nil for now.
    public init(
        topic: String, partition: Int32? = nil, key: [UInt8]?, value: [UInt8]?, headers: [KafkaHeader] = [], kind: Kind = .output,
        timestampMs: Int64? = nil
    ) {
        self.record = ProducerRecord(topic: topic, partition: partition, key: key, value: value, headers: headers, timestampMs: timestampMs)
        self.kind = kind
    }
}
