import Foundation
import Kafka
import TestSupport
import Testing

/// Against the real Tansu broker process (see `scripts/test.sh`).
@Suite(.serialized) struct ProducerConsumerIntegrationTests {
    @Test func keysHeadersAndTombstonesRoundTrip() async throws {
        let topic = try await TestKafka.createTopic("roundtrip", partitions: 1)
        let producer = try KafkaProducer(configuration: TestKafka.producerConfiguration())
        let headers = [
            KafkaHeader(name: "content-type", string: "application/cloudevents+json"),
            KafkaHeader(name: "null-header", value: nil),
        ]
        let first = try await producer.send(ProducerRecord(topic: topic, key: Array("INS-1".utf8), value: Array("{\"a\":1}".utf8), headers: headers))
        let tombstone = try await producer.send(ProducerRecord(topic: topic, key: Array("INS-1".utf8), value: nil))
        let keyless = try await producer.send(ProducerRecord(topic: topic, key: nil, value: Array("v".utf8)))
        #expect(first.topic == topic)
        #expect(tombstone.offset == first.offset + 1)
        #expect(keyless.offset == first.offset + 2)
        await producer.close()

        let messages = try await TestKafka.read([topic], count: 3)
        try #require(messages.count == 3)
        #expect(messages[0].key == Array("INS-1".utf8))
        #expect(messages[0].value == Array("{\"a\":1}".utf8))
        #expect(messages[0].header("content-type")?.stringValue == "application/cloudevents+json")
        #expect(messages[0].headers.contains { $0.name == "null-header" && $0.value == nil })
        #expect(messages[1].value == nil, "a tombstone arrives as a nil value, not a crash")
        #expect(messages[1].key == Array("INS-1".utf8))
        #expect(messages[2].key == nil)
        #expect(messages.map(\.offset) == [first.offset, tombstone.offset, keyless.offset])
    }

    @Test func aTinyQueueMakesSendersWaitAndEverythingIsDelivered() async throws {
        let topic = try await TestKafka.createTopic("backpressure", partitions: 2)
        let producer = try KafkaProducer(
            configuration: TestKafka.producerConfiguration([
                "queue.buffering.max.messages": "5", "linger.ms": "20",
            ]))
        let total = 500
        let delivered = try await withThrowingTaskGroup(of: DeliveryReport.self) { group in
            for index in 0..<total {
                group.addTask {
                    try await producer.send(ProducerRecord(topic: topic, key: Array("k\(index % 7)".utf8), value: Array("m\(index)".utf8)))
                }
            }
            var reports: [DeliveryReport] = []
            for try await report in group { reports.append(report) }
            return reports
        }
        #expect(delivered.count == total)
        #expect(Set(delivered.map { "\($0.partition)/\($0.offset)" }).count == total)
        await producer.close()
        let messages = try await TestKafka.read([topic], count: total)
        #expect(Set(messages.compactMap { $0.value.map { String(decoding: $0, as: UTF8.self) } }) == Set((0..<total).map { "m\($0)" }))
    }

    @Test func adminCreatesIdempotentlyDescribesAndDeletes() async throws {
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: TestKafka.bootstrapServers))
        let name = TestKafka.uniqueName("admin")
        let spec = TopicSpecification(name: name, partitions: 3, configs: ["cleanup.policy": "compact"])
        #expect(try await admin.createTopics([spec]) == [name])
        #expect(try await admin.createTopics([spec]) == [], "creating again is not an error")
        #expect(try await admin.describeTopic(name)?.partitions == 3)
        #expect(try await admin.listTopics().contains(name))
        let producer = try KafkaProducer(configuration: TestKafka.producerConfiguration())
        _ = try await producer.send(ProducerRecord(topic: name, partition: 1, key: nil, value: Array("x".utf8)))
        await producer.close()
        let marks = try await admin.watermarks([TopicPartition(topic: name, partition: 1)])
        #expect(marks[TopicPartition(topic: name, partition: 1)]?.high == 1)
        try await admin.deleteTopics([name])
    }
}
