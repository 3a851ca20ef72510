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
}
