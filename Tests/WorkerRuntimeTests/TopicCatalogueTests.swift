import Foundation
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
