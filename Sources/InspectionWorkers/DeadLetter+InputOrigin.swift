import InspectionDomain
import Kafka
import WorkerRuntime

extension DeadLetter {
    /// The dead letter of an input known by its origin.
    public static func record(for origin: InputOrigin, rejection: Rejection, worker: String, suffix: String) -> OutputRecord {
        record(
            topic: origin.topic, partition: origin.partition, offset: origin.offset, key: origin.key, value: origin.value,
            headers: origin.headers.map { KafkaHeader(name: $0.name, value: $0.value) },
            code: rejection.code.rawValue, message: rejection.message, worker: worker, suffix: suffix)
    }
}
