import Foundation
import Kafka

/// Builds the dead letter of SPEC §5: the original key, value bytes and headers, plus the `dlq.*` headers,
/// to `<input topic><suffix>`.
public enum DeadLetter {
    public static func record(
        topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8]?,
        headers: [KafkaHeader], code: String, message: String, worker: String,
        suffix: String, failedAt: Date = Date(), timestampMs: Int64? = nil
    ) -> OutputRecord {
        var all = headers.filter { !DeadLetterHeaders.all.contains($0.name) }
        all.append(KafkaHeader(name: DeadLetterHeaders.code, string: code))
        all.append(KafkaHeader(name: DeadLetterHeaders.message, string: message))
        all.append(KafkaHeader(name: DeadLetterHeaders.originalTopic, string: topic))
        all.append(KafkaHeader(name: DeadLetterHeaders.originalPartition, string: String(partition)))
        all.append(KafkaHeader(name: DeadLetterHeaders.originalOffset, string: String(offset)))
        all.append(KafkaHeader(name: DeadLetterHeaders.worker, string: worker))
        all.append(KafkaHeader(name: DeadLetterHeaders.failedAt, string: rfc3339(failedAt)))
        return OutputRecord(
            topic: topic + suffix, key: key, value: value, headers: all,
            kind: .deadLetter(inputTopic: topic, code: code), timestampMs: timestampMs)
    }

    /// The dead letter of a consumed message, with the message's timestamp (§8.6).
    public static func record(for message: KafkaMessage, code: String, message text: String, worker: String, suffix: String) -> OutputRecord {
        record(
            topic: message.topic, partition: message.partition, offset: message.offset, key: message.key,
            value: message.value, headers: message.headers, code: code, message: text, worker: worker, suffix: suffix,
            timestampMs: message.timestampMs)
    }

    /// The dead letter without its value, for a dead-letter topic that refuses it as too large: the headers
    /// stay, `dlq.value.omitted` gives the value's size, and the event itself remains readable at
    /// `dlq.original.*`. Nil for a record that is not a dead letter or has no value left to drop.
    public static func withoutValue(_ deadLetter: OutputRecord) -> OutputRecord? {
        guard hasValueToDrop(deadLetter), let value = deadLetter.record.value else { return nil }
        var reduced = deadLetter
        reduced.record.value = nil
        reduced.record.headers.append(KafkaHeader(name: DeadLetterHeaders.valueOmitted, string: String(value.count)))
        return reduced
    }

    /// Whether `record` is a dead letter that still carries its value.
    public static func hasValueToDrop(_ record: OutputRecord) -> Bool {
        guard case .deadLetter = record.kind, record.record.value != nil else { return false }
        return !record.record.headers.contains { $0.name == DeadLetterHeaders.valueOmitted }
    }

    /// RFC 3339 UTC with milliseconds.
    /// (Computed directly: an `ISO8601DateFormatter` per call cost more than building a judgement.)
    public static func rfc3339(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var inSecond = milliseconds % 1000
        var seconds = milliseconds / 1000
        if inSecond < 0 { inSecond += 1000; seconds -= 1 }
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        var out: [UInt8] = []
        out.reserveCapacity(24)
        func digits(_ value: some BinaryInteger, _ width: Int) {
            let value = Int64(value)
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(parts.tm_year + 1900, 4); out.append(UInt8(ascii: "-")); digits(parts.tm_mon + 1, 2); out.append(UInt8(ascii: "-"))
        digits(parts.tm_mday, 2); out.append(UInt8(ascii: "T"))
        digits(parts.tm_hour, 2); out.append(UInt8(ascii: ":")); digits(parts.tm_min, 2); out.append(UInt8(ascii: ":"))
        digits(parts.tm_sec, 2); out.append(UInt8(ascii: ".")); digits(inSecond, 3); out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }
}
