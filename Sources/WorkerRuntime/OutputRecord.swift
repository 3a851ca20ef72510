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
    /// The spans of the inputs a record built from many of them comes from (``TraceLinks``): its `send` span starts
    /// a trace of its own linked to them. Empty for a record caused by one input, which continues that input's trace.
    public var links: [TraceContext] = []
    /// How many inputs went into it (``links`` holds at most ``TraceLinks/limit`` of them).
    public var linkedInputs = 0

    /// `timestampMs` is the record's timestamp: the input's, for records an input caused (§8.6), or nil for now.
    public init(
        topic: String, partition: Int32? = nil, key: [UInt8]?, value: [UInt8]?, headers: [KafkaHeader] = [], kind: Kind = .output,
        timestampMs: Int64? = nil
    ) {
        self.record = ProducerRecord(topic: topic, partition: partition, key: key, value: value, headers: headers, timestampMs: timestampMs)
        self.kind = kind
    }
}

extension OutputRecord {
    /// The record linked to the spans of the inputs it was built from (``TraceLinks/take(_:)``).
    public func linking(_ inputs: (contexts: [TraceContext], count: Int)) -> OutputRecord {
        var record = self
        record.links = inputs.contexts
        record.linkedInputs = inputs.count
        return record
    }
}
