import ArgumentParser
import Foundation
import Kafka
import WorkerRuntime

/// Erases one inspection from the topics that keep it indefinitely: its judgements on the compacted
/// `reporting.judgements` and its state in the consolidator's compacted changelog, by tombstones on every
/// partition that holds its key. The input and dead-letter topics age out by retention; the aggregates hold
/// counts only.
struct EraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase", abstract: "Erase one inspection's judgements and consolidator state (tombstones on compacted topics).",
        discussion: """
            Stop findings-consolidator first (scale it to zero): a running one holds the inspection in memory and \
            would write it again. Without --yes (or a yes at a terminal prompt) only the plan is printed. After \
            erasure a restarted consolidator restores nothing of the inspection. See "Personal data" in \
            docs/operations.md.
            """)
    @OptionGroup var connection: ConnectionOptions
    @Option(help: "The inspection to erase.") var inspectionId: String
    @Option(help: "The consolidator's state topic (its STATE_TOPIC).") var stateTopic = "findings-consolidator.state"
    @Flag(help: "Send the tombstones without asking.") var yes = false

    func run() async throws {
        let configuration = try connection.configuration()
        let key = Array(inspectionId.utf8)
        let topics = [configuration.topics.reportingJudgements, stateTopic]
        // Every partition holding the key: a tombstone removes a key only on the partition it is sent to.
        var holders: Set<TopicPartition> = []
        var records = 0
        try await configuration.topicReader.read(topics) { message in
            if message.key == key {
                holders.insert(message.topicPartition)
                if message.value != nil { records += 1 }
            }
            return true
        }
        let plan = holders.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
        print("\(inspectionId): \(records) records on \(plan.count) partitions")
        for partition in plan { print("  tombstone → \(partition.topic)[\(partition.partition)]") }
        guard !plan.isEmpty else { return }
        guard yes || confirm("Erase \(inspectionId) from \(plan.count) partitions? [y/N] ") else {
            note("nothing sent: run again with --yes to erase")
            return
        }
        let producer = try KafkaProducer(configuration: configuration.kafka)
        for partition in plan {
            _ = try await producer.send(ProducerRecord(topic: partition.topic, partition: partition.partition, key: key, value: nil))
        }
        await producer.close()
        note("erased \(inspectionId): \(plan.count) tombstones sent; compaction removes the earlier records")
    }
}
