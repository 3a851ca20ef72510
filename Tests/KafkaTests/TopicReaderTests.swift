import Foundation
import Kafka
import TestSupport
import Testing

/// Against the real Tansu broker process (see `scripts/test.sh`).
@Suite(.serialized) struct TopicReaderTests {
    private var reader: TopicReader {
        TopicReader(
            configuration: KafkaConfiguration(bootstrapServers: TestKafka.bootstrapServers, properties: KafkaConfiguration.consumerDefaults),
            groupPrefix: "reader-test")
    }

    @Test func readsEveryPartitionFromTheBeginningAndStopsWhenIdle() async throws {
        let topic = try await TestKafka.createTopic("reader", partitions: 3)
        let producer = try KafkaProducer(configuration: TestKafka.producerConfiguration())
        for index in 0..<30 {
            _ = try await producer.send(ProducerRecord(topic: topic, partition: Int32(index % 3), key: nil, value: Array("m\(index)".utf8)))
        }
        await producer.close()

        var values: [String] = []
        let started = ContinuousClock.now
        try await reader.read([topic], idle: .seconds(2), timeout: .seconds(30)) { message in
            values.append(String(decoding: message.value ?? [], as: UTF8.self))
            return true
        }
        #expect(values.sorted() == (0..<30).map { "m\($0)" }.sorted())
        #expect(ContinuousClock.now - started < .seconds(20), "idleness, not the timeout, ended the read")
    }

    @Test func stopsWhenTheHandlerSaysSoAndReadsAMissingTopicAsEmpty() async throws {
        let topic = try await TestKafka.createTopic("reader-stop", partitions: 1)
        let producer = try KafkaProducer(configuration: TestKafka.producerConfiguration())
        for index in 0..<10 { _ = try await producer.send(ProducerRecord(topic: topic, key: nil, value: Array("m\(index)".utf8))) }
        await producer.close()

        var seen = 0
        try await reader.read([topic], timeout: .seconds(30)) { _ in
            seen += 1
            return seen < 4
        }
        #expect(seen == 4)

        var missing = 0
        try await reader.read([TestKafka.uniqueName("no-such-topic")], timeout: .seconds(5)) { _ in
            missing += 1
            return true
        }
        #expect(missing == 0)
    }
}
