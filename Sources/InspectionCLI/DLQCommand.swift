import ArgumentParser
import Foundation
import Kafka
import WorkerRuntime

struct DLQCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq", abstract: "Inspect and replay dead letters.", subcommands: [List.self, Replay.self])

    static func deadLetterTopics(_ configuration: WorkerConfiguration) -> [String] {
        let t = configuration.topics
        return [t.inspections, t.casefiles, t.interviews, t.casefilesAssessed, t.interviewsCoded, t.reportingJudgements]
            .map { configuration.deadLetterTopic(for: $0) }
    }

    /// `topic[partition]@offset` of the event a dead letter was made from.
    static func origin(of message: KafkaMessage) -> String {
        let topic = message.header(DeadLetterHeaders.originalTopic)?.stringValue ?? "?"
        let partition = message.header(DeadLetterHeaders.originalPartition)?.stringValue ?? "?"
        return "\(topic)[\(partition)]@\(message.header(DeadLetterHeaders.originalOffset)?.stringValue ?? "?")"
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List dead letters with their reasons (never their content).")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "One dead-letter topic (default: all).") var topic: String?
        @Option(help: "Only this error code.") var code: String?
        @Option(help: "Seconds without new records before stopping.") var idle = 2

        func run() async throws {
            let configuration = try connection.configuration()
            let topics = topic.map { [$0] } ?? DLQCommand.deadLetterTopics(configuration)
            var counts: [String: Int] = [:]
            print(["DLQ TOPIC", "OFFSET", "CODE", "FROM", "FAILED AT", "REASON"].joined(separator: "\t"))
            try await configuration.topicReader.read(topics, idle: .seconds(idle)) { message in
                let errorCode = message.header(DeadLetterHeaders.code)?.stringValue ?? "?"
                if let code, code != errorCode { return true }
                counts[errorCode, default: 0] += 1
                let omitted = message.header(DeadLetterHeaders.valueOmitted)?.stringValue.map { " [value of \($0) bytes not kept]" } ?? ""
                print(
                    [
                        message.topic, "\(message.partition):\(message.offset)", errorCode, DLQCommand.origin(of: message),
                        message.header(DeadLetterHeaders.failedAt)?.stringValue ?? "?",
                        (message.header(DeadLetterHeaders.message)?.stringValue ?? "") + omitted,
                    ].joined(separator: "\t"))
                return true
            }
            note("total: \(counts.values.reduce(0, +))" + counts.keys.sorted().map { ", \($0) \(counts[$0]!)" }.joined())
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send dead letters back to the topic they came from (original key, value and headers, dlq.* removed).")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "The dead-letter topic to replay.") var topic: String
        @Option(help: "Only this error code.") var code: String?
        @Option(help: "Only records from this offset on.") var fromOffset: Int64 = 0
        @Flag(help: "Show what would be replayed without sending.") var dryRun = false

        func run() async throws {
            let configuration = try connection.configuration()
            let producer = try KafkaProducer(configuration: configuration.kafka)
            var pending: [ProducerRecord] = []
            // Dead letters kept without their value (too large for their topic): replaying one would send a
            // tombstone in place of the event, so they are skipped and their originals named instead.
            var withoutValue: [String] = []
            try await configuration.topicReader.read([topic]) { message in
                guard message.offset >= fromOffset else { return true }
                if let code, message.header(DeadLetterHeaders.code)?.stringValue != code { return true }
                guard let original = message.header(DeadLetterHeaders.originalTopic)?.stringValue else { return true }
                if message.header(DeadLetterHeaders.valueOmitted) != nil {
                    withoutValue.append(DLQCommand.origin(of: message))
                    return true
                }
                pending.append(
                    ProducerRecord(
                        topic: original, key: message.key, value: message.value,
                        headers: message.headers.filter { !DeadLetterHeaders.all.contains($0.name) }))
                return true
            }
            for record in pending {
                if dryRun { print("would replay to \(record.topic)"); continue }
                _ = try await producer.send(record)
            }
            await producer.close()
            note("\(dryRun ? "would replay" : "replayed") \(pending.count) dead letters from \(topic)")
            if !withoutValue.isEmpty {
                note(
                    "skipped \(withoutValue.count) dead letters kept without their value (\(DeadLetterHeaders.valueOmitted)); "
                        + "their events are still on the input topic, at " + withoutValue.prefix(20).joined(separator: ", ")
                        + (withoutValue.count > 20 ? ", …" : "") + " (see \"Reprocessing from an offset\" in docs/operations.md)")
            }
        }
    }
}
