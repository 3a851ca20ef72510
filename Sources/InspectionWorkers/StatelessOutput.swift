import InspectionDomain
import Kafka
import Logging
import WorkerRuntime

/// Turns a stateless domain result into records: the output on the aligned partition, or a dead letter.
public enum StatelessOutput {
    public static let contentType = KafkaHeader(name: "content-type", string: "application/cloudevents+json")
    /// The headers of every output (one shared array: no allocation per record).
    public static let outputHeaders = [contentType]

    public static func records(
        for result: Result<OutputEvent, Rejection>, message: KafkaMessage, outputTopic: String,
        context: ProcessorContext
    ) -> ProcessingOutput {
        var result = result
        // An output over the 1 MiB limit would be refused by the broker or by the next worker: the input
        // is dead-lettered instead (only an input near the limit with a very long `source`/`id` gets here).
        if case .success(let output) = result, output.value.count > Rejection.maximumValueSize {
            result = .failure(
                Rejection(
                    .payloadTooLarge, path: "value",
                    "the \(output.value.count)-byte output would exceed the 1048576-byte limit"))
        }
        switch result {
        case .success(let output):
            return [
                OutputRecord(
                    topic: outputTopic,
                    partition: context.alignedPartition(topic: outputTopic, inputPartition: message.partition),
                    key: output.key, value: output.value, headers: outputHeaders, timestampMs: message.timestampMs)
            ]
        case .failure(let rejection):
            context.logger.info(
                "event rejected",
                metadata: [
                    "topic": "\(message.topic)", "partition": "\(message.partition)", "offset": "\(message.offset)",
                    "code": "\(rejection.code.rawValue)", "field": "\(rejection.fieldPath)",
                ])
            return [
                DeadLetter.record(
                    for: message, code: rejection.code.rawValue, message: rejection.message,
                    worker: context.configuration.workerName, suffix: context.configuration.dlqSuffix)
            ]
        }
    }
}

extension Rejection {
    /// The field path the message starts with (safe to log: a path, never a value).
    public var fieldPath: Substring { message.prefix { $0 != ":" } }
}
