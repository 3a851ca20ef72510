import Foundation
import Kafka

/// Builds the dead letter of SPEC §5: the original key, value bytes and headers, plus the `dlq.*` headers,
/// to `<input topic><suffix>`.
public enum DeadLetter {
    public static func record(topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8]?,
                              headers: [KafkaHeader], code: String, message: String, worker: String,
                              suffix: String, failedAt: Date = Date()) -> OutputRecord {
        var all = headers.filter { !DeadLetterHeaders.all.contains($0.name) }
        all.append(KafkaHeader(name: DeadLetterHeaders.code, string: code))
        all.append(KafkaHeader(name: DeadLetterHeaders.message, string: message))
        all.append(KafkaHeader(name: DeadLetterHeaders.originalTopic, string: topic))
        all.append(KafkaHeader(name: DeadLetterHeaders.originalPartition, string: String(partition)))
        all.append(KafkaHeader(name: DeadLetterHeaders.originalOffset, string: String(offset)))
        all.append(KafkaHeader(name: DeadLetterHeaders.worker, string: worker))
        all.append(KafkaHeader(name: DeadLetterHeaders.failedAt, string: rfc3339(failedAt)))
        return OutputRecord(topic: topic + suffix, key: key, value: value, headers: all,
                            kind: .deadLetter(inputTopic: topic, code: code))
    }

    /// The dead letter of a consumed message.
    public static func record(for message: KafkaMessage, code: String, message text: String, worker: String, suffix: String) -> OutputRecord {
        record(topic: message.topic, partition: message.partition, offset: message.offset, key: message.key,
               value: message.value, headers: message.headers, code: code, message: text, worker: worker, suffix: suffix)
    }

    /// RFC 3339 UTC with milliseconds.
    public static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
