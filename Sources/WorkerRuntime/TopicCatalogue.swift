import Foundation
import Kafka

/// The declarative topic list in `config/topics.json`, with names resolved from the settings: the one place the
/// topics' configurations (cleanup, retention, message size) are set, for `inspection topics create` and for the
/// topics a worker creates itself alike.
public struct TopicCatalogue: Decodable, Sendable {
    public struct Entry: Decodable, Sendable {
        public var name: String
        public var setting: String?
        public var deadLetterOf: String?
        public var cleanup: String
        public var retentionMs: Int64?
        public var partitions: Int?
    }

    public var partitions: Int
    public var topics: [Entry]

    /// The file's name, in the configuration folder.
    public static let fileName = "topics.json"

    public static func load(path: String) throws(ConfigurationError) -> TopicCatalogue {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(setting: "INSPECTION_CONFIG_DIR", reason: "cannot read \(path)")
        }
        do {
            return try JSONDecoder().decode(TopicCatalogue.self, from: data)
        } catch {
            throw ConfigurationError(setting: "INSPECTION_CONFIG_DIR", reason: "\(path): \(error)")
        }
    }

    /// The catalogue in the configuration folder (see ``ConfigurationDirectory``), or nil where there is none.
    public static func locate(settings: SettingsSource) throws(ConfigurationError) -> TopicCatalogue? {
        let paths = ConfigurationDirectory.candidates(settings: settings).map { $0 + "/" + fileName }
        guard let path = paths.first(where: { FileManager.default.fileExists(atPath: $0) }) else { return nil }
        return try load(path: path)
    }

    /// The specifications with names taken from the configuration (TOPIC_* and DLQ_SUFFIX).
    public func specifications(
        settings: SettingsSource, dlqSuffix: String, partitions override: Int?, replicationFactor: Int = -1
    ) -> [TopicSpecification] {
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
