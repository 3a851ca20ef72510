import InspectionDomain
import Kafka

extension InputOrigin {
    /// The origin of a consumed message, kept so that a later refusal can still be dead-lettered unchanged.
    public init(_ message: KafkaMessage) {
        self.init(
            topic: message.topic, partition: message.partition, offset: message.offset, key: message.key,
            value: message.value ?? [], headers: message.headers.map { InputHeader(name: $0.name, value: $0.value) })
    }
}

extension DeadLetter {
    /// The dead letter of an input known by its origin.
    public static func record(for origin: InputOrigin, rejection: Rejection, worker: String, suffix: String) -> OutputRecord {
        record(
            topic: origin.topic, partition: origin.partition, offset: origin.offset, key: origin.key, value: origin.value,
            headers: origin.headers.map { KafkaHeader(name: $0.name, value: $0.value) },
            code: rejection.code.rawValue, message: rejection.message, worker: worker, suffix: suffix)
    }
}
