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
