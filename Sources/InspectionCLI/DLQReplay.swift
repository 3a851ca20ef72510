import ArgumentParser
import Foundation
import Kafka
import WorkerRuntime

extension DLQCommand {
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send dead letters back to the topic their dead-letter topic belongs to (original key, value and headers, dlq.* removed).",
            discussion: """
                The destination is the dead-letter topic's name without DLQ_SUFFIX (casefiles.dlq → casefiles), or the \
                topic named with --to; never a reporting or state topic. A record's own dlq.original.topic header does \
                not choose where it goes: records whose header names another topic are skipped and counted. Without \
                --yes (or a yes at a terminal prompt) nothing is sent: the plan is printed, counts per destination and \
                code. Records are read and sent a window at a time, so memory stays bounded whatever the topic holds.
                """)
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "The dead-letter topic to replay.") var topic: String
        @Option(help: "Send to this topic instead of the one the dead-letter topic belongs to.") var to: String?
        @Option(help: "Only this error code.") var code: String?
        @Option(help: "Only records from this offset on.") var fromOffset: Int64 = 0
        @Flag(help: "Send without asking.") var yes = false
        @Flag(help: "Only print what would be sent (the default without --yes).") var dryRun = false

        /// Records sent together before reading on.
        static let window = 256

        func run() async throws {
            let configuration = try connection.configuration()
            let (origin, destination) = try Self.route(of: topic, to: to, configuration: configuration)
            let reader = configuration.topicReader

            // First pass: the plan, without keeping any record.
            let plan = try await scan(reader, origin: origin, destination: destination, send: nil)
            print(plan.summary(origin: origin, destination: destination, dlq: topic))
            guard plan.toSend > 0 else { return }
            guard !dryRun else { return }
            guard yes || confirm("Send \(plan.toSend) records to \(destination)? [y/N] ") else {
                note("nothing sent: run again with --yes to send")
                return
            }
            let producer = try KafkaProducer(configuration: configuration.kafka)
            let sent = try await scan(reader, origin: origin, destination: destination, send: producer)
            await producer.close()
            note("replayed \(sent.toSend) dead letters from \(topic) to \(destination)")
        }

        /// What a pass found (and, with a producer, sent).
        struct Plan {
            var toSend = 0
            var byCode: [String: Int] = [:]
            var otherOrigin = 0
            var withoutValue: [String] = []

            func summary(origin: String, destination: String, dlq: String) -> String {
                var lines = ["\(toSend) dead letters from \(dlq) to replay to \(destination)"]
                lines += byCode.keys.sorted().map { "  \($0): \(byCode[$0]!)" }
                if otherOrigin > 0 {
                    lines.append("skipped \(otherOrigin) records whose dlq.original.topic names another topic than \(origin)")
                }
                if !withoutValue.isEmpty {
                    lines.append(
                        "skipped \(withoutValue.count) dead letters kept without their value (\(DeadLetterHeaders.valueOmitted)); "
                            + "their events are still on the input topic, at " + withoutValue.prefix(20).joined(separator: ", ")
                            + (withoutValue.count > 20 ? ", …" : "") + " (see \"Reprocessing from an offset\" in docs/operations.md)")
                }
                return lines.joined(separator: "\n")
            }
        }

        /// Reads the dead-letter topic once; with a producer, sends the selected records a window at a time.
        func scan(_ reader: TopicReader, origin: String, destination: String, send producer: KafkaProducer?) async throws -> Plan {
            var plan = Plan()
            var window: [ProducerRecord] = []
            func flush() async throws {
                guard let producer, !window.isEmpty else { return }
                let records = window
                window.removeAll(keepingCapacity: true)
                try await withThrowingTaskGroup(of: DeliveryReport.self) { group in
                    for record in records { group.addTask { try await producer.send(record) } }
                    try await group.waitForAll()
                }
            }
            try await reader.readEach([topic]) { message in
                guard message.offset >= fromOffset else { return true }
                let errorCode = message.header(DeadLetterHeaders.code)?.stringValue ?? "?"
                if let code, errorCode != code { return true }
                guard message.header(DeadLetterHeaders.originalTopic)?.stringValue == origin else {
                    plan.otherOrigin += 1
                    return true
                }
                // Kept without its value (too large for its topic): replaying it would send a tombstone in place of
                // the event, so it is skipped and its original named instead.
                if message.header(DeadLetterHeaders.valueOmitted) != nil {
                    plan.withoutValue.append(DLQCommand.origin(of: message))
                    return true
                }
                plan.toSend += 1
                plan.byCode[errorCode, default: 0] += 1
                if producer != nil {
                    window.append(
                        ProducerRecord(
                            topic: destination, key: message.key, value: message.value,
                            headers: message.headers.filter { !DeadLetterHeaders.all.contains($0.name) }))
                    if window.count >= Self.window { try await flush() }
                }
                return true
            }
            try await flush()
            return plan
        }

        /// The topic the records of `dlq` came from (its name without the dead-letter suffix) and where they go
        /// (`to`, or that topic); never a reporting, state or dead-letter topic.
        static func route(of dlq: String, to: String?, configuration: WorkerConfiguration) throws -> (origin: String, destination: String) {
            let suffix = configuration.dlqSuffix
            guard dlq.hasSuffix(suffix), dlq.count > suffix.count else {
                throw CLIError("\(dlq) is not a dead-letter topic (its name does not end with DLQ_SUFFIX \(suffix))")
            }
            let origin = String(dlq.dropLast(suffix.count))
            let destination = to ?? origin
            let topics = configuration.topics
            let forbidden =
                destination == topics.reportingJudgements || destination == topics.reportingAggregates
                || destination.hasPrefix("reporting.") || destination.contains(".reporting.") || destination.hasSuffix(".state")
                || destination.hasSuffix(suffix)
            guard !forbidden else {
                throw CLIError("refusing to replay into \(destination): reporting, state and dead-letter topics are written by the workers only")
            }
            return (origin, destination)
        }
    }
}
