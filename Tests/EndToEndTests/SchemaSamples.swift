import Foundation
import Kafka

/// Writes records the real worker executables produced into `$SCHEMA_SAMPLES_DIR` (when set), for
/// `scripts/check-schemas.sh` to validate against `config/schemas` and `config/asyncapi.yaml`. Events are written
/// with their value bytes unchanged; a dead letter as `{"kind": "dead-letter", "headers": {…}, …}` (its value
/// is the original input, possibly not JSON, so only its size is kept).
enum SchemaSamples {
    /// The directory samples go to, or nil when the run does not collect them.
    static var directory: URL? {
        guard let path = ProcessInfo.processInfo.environment["SCHEMA_SAMPLES_DIR"], !path.isEmpty else { return nil }
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    /// Writes each event as `<topic>-<partition>-<offset>.json`; returns how many were written.
    @discardableResult
    static func writeEvents(_ messages: [KafkaMessage]) throws -> Int {
        guard let directory = try prepared() else { return 0 }
        var written = 0
        for message in messages {
            guard let value = message.value else { continue }  // no tombstone is an event
            try Data(value).write(to: directory.appendingPathComponent(name(of: message)))
            written += 1
        }
        return written
    }

    /// Writes each dead letter's headers (and where it was read from) as `<topic>-<partition>-<offset>.json`;
    /// returns how many were written.
    @discardableResult
    static func writeDeadLetters(_ messages: [KafkaMessage]) throws -> Int {
        guard let directory = try prepared() else { return 0 }
        for message in messages {
            var headers: [String: Any] = [:]
            for header in message.headers where headers[header.name] == nil {
                headers[header.name] = header.stringValue ?? NSNull()
            }
            let sample: [String: Any] = [
                "kind": "dead-letter", "topic": message.topic, "partition": message.partition, "offset": message.offset,
                "key": message.key.map { String(decoding: $0, as: UTF8.self) } ?? NSNull(),
                "valueBytes": message.value.map(\.count) ?? NSNull(), "headers": headers,
            ]
            let data = try JSONSerialization.data(withJSONObject: sample, options: [.sortedKeys, .prettyPrinted])
            try data.write(to: directory.appendingPathComponent(name(of: message)))
        }
        return messages.count
    }

    private static func prepared() throws -> URL? {
        guard let directory else { return nil }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private static func name(of message: KafkaMessage) -> String {
        let topic = message.topic.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }
        return "\(String(topic))-\(message.partition)-\(message.offset).json"
    }
}
