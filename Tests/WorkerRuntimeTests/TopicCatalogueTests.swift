import Foundation
import Kafka
import TestSupport
import Testing

@testable import WorkerRuntime

/// `config/topics.json`, the one catalogue of topic configurations (for `inspection topics create` and for the
/// topics a worker creates).
@Suite struct TopicCatalogueTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func catalogue() throws -> TopicCatalogue {
        try #require(
            try TopicCatalogue.locate(settings: SettingsSource(values: ["INSPECTION_CONFIG_DIR": Self.root.appendingPathComponent("config").path])))
    }

    /// A dead letter is the original event, personal data included: it must not outlive the event it copies.
    @Test func deadLettersAreKeptNoLongerThanTheirInputs() throws {
        let specifications = try catalogue().specifications(settings: SettingsSource(values: [:]), dlqSuffix: ".dlq", partitions: nil)
        let byName = Dictionary(uniqueKeysWithValues: specifications.map { ($0.name, $0) })
        let deadLetterTopics = specifications.filter { $0.name.hasSuffix(".dlq") }
        #expect(deadLetterTopics.count == 6)
        for dlq in deadLetterTopics {
            let input = try #require(byName[String(dlq.name.dropLast(4))], "\(dlq.name)'s input")
            let dlqRetention = try #require(dlq.configs["retention.ms"].flatMap { Int64($0) }, "\(dlq.name) has a retention")
            if let inputRetention = input.configs["retention.ms"].flatMap({ Int64($0) }) {
                #expect(dlqRetention <= inputRetention, "\(dlq.name) keeps records no longer than \(input.name)")
            }
            #expect(dlq.configs["max.message.bytes"] == "4194304")
        }
    }

    @Test func namesFollowTheSettings() throws {
        let settings = SettingsSource(values: ["TOPIC_CASEFILES": "t.casefiles"])
        let names = try catalogue().specifications(settings: settings, dlqSuffix: ".errors", partitions: 3).map(\.name)
        #expect(names.contains("t.casefiles") && names.contains("t.casefiles.errors"))
    }
}

/// On the real broker: a topic a worker creates itself gets the catalogue's configurations, as
/// `inspection topics create` would give it.
@Suite(.serialized, .timeLimit(.minutes(2))) struct WorkerCreatedTopicTests {
    @Test func aWorkerCreatesItsTopicsWithTheCataloguesConfigs() async throws {
        let pipeline = try TestPipeline(partitions: 1)
        try await pipeline.createTopics()
        let worker = try pipeline.start("transcript-intake")
        #expect(await worker.waitReady())
        await worker.stop()
        await pipeline.producer.close()
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: pipeline.bootstrapServers))
        let configs = try await admin.topicConfigs(pipeline.topic("interviews.dlq"))
        #expect(configs["retention.ms"] == "2592000000", "the dead letters are kept as long as the interviews: \(configs)")
        #expect(configs["max.message.bytes"] == "4194304")
        #expect(configs["cleanup.policy"] == "delete")
    }
}
