import InspectionDomain
import Kafka

/// Turns a stateless domain result into records: the output on the aligned partition, or a dead letter.
public enum StatelessOutput {
    public static let contentType = KafkaHeader(name: "content-type", string: "application/cloudevents+json")

    public static func records(for result: Result<OutputEvent, Rejection>, message: KafkaMessage, outputTopic: String,
                               context: ProcessorContext) -> ProcessingOutput {
        switch result {
        case .success(let output):
            return [OutputRecord(topic: outputTopic,
                                 partition: context.alignedPartition(topic: outputTopic, inputPartition: message.partition),
                                 key: output.key, value: output.value, headers: [contentType])]
        case .failure(let rejection):
            context.logger.info("event rejected", metadata: [
                "topic": "\(message.topic)", "partition": "\(message.partition)", "offset": "\(message.offset)",
                "code": "\(rejection.code.rawValue)", "field": "\(rejection.fieldPath)",
            ])
            return [DeadLetter.record(for: message, code: rejection.code.rawValue, message: rejection.message,
                                      worker: context.configuration.workerName, suffix: context.configuration.dlqSuffix)]
        }
    }
}

extension Rejection {
    /// The field path the message starts with (safe to log: a path, never a value).
    public var fieldPath: Substring { message.prefix { $0 != ":" } }
}
