import Foundation
import Kafka
import WorkerRuntime

/// The declarative topic list in `config/topics.json`, with names resolved from the settings.
struct TopicCatalogue: Decodable {
    struct Entry: Decodable {
        var name: String
        var setting: String?
        var deadLetterOf: String?
        var cleanup: String
        var retentionMs: Int64?
        var partitions: Int?
    }

    var partitions: Int
    var topics: [Entry]

    static func load(path: String) throws -> TopicCatalogue {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        return try JSONDecoder().decode(TopicCatalogue.self, from: data)
    }

    /// The specifications with names taken from the configuration (TOPIC_* and DLQ_SUFFIX).
    func specifications(settings: SettingsSource, dlqSuffix: String, partitions override: Int?, replicationFactor: Int = -1) -> [TopicSpecification] {
        topics.map { entry in
            var name = entry.name
            if let setting = entry.setting, let configured = settings.string(setting) { name = configured }
            if let input = entry.deadLetterOf, let configured = settings.string(input) { name = configured + dlqSuffix }
            var configs = ["cleanup.policy": entry.cleanup]
            if let retention = entry.retentionMs { configs["retention.ms"] = String(retention) }
            if entry.deadLetterOf != nil { configs.merge(WorkerConfiguration.deadLetterTopicConfigs) { set, _ in set } }
            return TopicSpecification(
                name: name, partitions: entry.partitions ?? override ?? partitions,
                replicationFactor: replicationFactor, configs: configs)
        }
    }
}

/// A command-line error with a message for the operator.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
