import ArgumentParser
import Foundation
import Kafka
import WorkerRuntime

struct TopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics", abstract: "Provision and list topics.",
        subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create every topic of the declarative file, idempotently.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "The topic file.") var file = "config/topics.json"
        @Option(help: "Partitions for every co-partitioned topic (default: TOPIC_PARTITIONS when set, else the file's).") var partitions: Int?

        func run() async throws {
            let configuration = try connection.configuration()
            let catalogue = try TopicCatalogue.load(path: file)
            let fromEnvironment = configuration.settings.values["TOPIC_PARTITIONS"].flatMap { Int($0) }
            let specifications = catalogue.specifications(
                settings: configuration.settings, dlqSuffix: configuration.dlqSuffix,
                partitions: partitions ?? fromEnvironment,
                replicationFactor: configuration.replicationFactor)
            let admin = try KafkaAdmin(configuration: configuration.kafka)
            let created = Set(try await admin.createTopics(specifications))
            for spec in specifications {
                let existing = try await admin.describeTopic(spec.name)
                let state = created.contains(spec.name) ? "created" : "exists"
                print("\(spec.name)\t\(existing?.partitions ?? spec.partitions) partitions\t\(spec.configs["cleanup.policy"] ?? "")\t\(state)")
                if let existing, existing.partitions != spec.partitions, !created.contains(spec.name) {
                    note("warning: \(spec.name) has \(existing.partitions) partitions, the file asks for \(spec.partitions)")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the cluster's topics with their partition counts.")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let admin = try KafkaAdmin(configuration: try connection.configuration().kafka)
            for name in try await admin.listTopics() {
                print("\(name)\t\(try await admin.describeTopic(name)?.partitions ?? 0)")
            }
        }
    }
}
