import Foundation
import Kafka
import TestSupport
import Testing

/// The transactional API against the real broker. (Correctness in this project never rests on it: the
/// development broker does not hide aborted records from read_committed consumers.)
@Suite(.serialized) struct TransactionIntegrationTests {
    @Test func aCommittedTransactionDeliversItsRecordsAndOffsets() async throws {
        let source = try await TestKafka.createTopic("txn-in", partitions: 1)
        let sink = try await TestKafka.createTopic("txn-out", partitions: 1)
        let group = TestKafka.uniqueName("txn-group")
        let plain = try KafkaProducer(configuration: TestKafka.producerConfiguration())
        _ = try await plain.send(ProducerRecord(topic: source, key: nil, value: Array("in".utf8)))
        await plain.close()

        let producer = try KafkaProducer(configuration: TestKafka.producerConfiguration(["transactional.id": TestKafka.uniqueName("txn")]))
        #expect(producer.isTransactional)
        try await producer.initTransactions()
        let consumer = try KafkaConsumer(configuration: TestKafka.consumerConfiguration(group: group))
        try consumer.subscribe(topics: [source])
        try producer.beginTransaction()
        _ = try await producer.send(ProducerRecord(topic: sink, key: Array("k".utf8), value: Array("out".utf8)))
        // Offsets can be sent only once the consumer has joined its group.
        var joined = false
        for await event in consumer.events {
            if case .message = event { joined = true; break }
        }
        #expect(joined)
        try await producer.sendOffsetsToTransaction([TopicPartition(topic: source, partition: 0): 1], consumer: consumer)
        try await producer.commitTransaction()
        let messages = try await TestKafka.readAll([sink], idle: .seconds(1))
        #expect(messages.contains { $0.value == Array("out".utf8) })
        await consumer.close()
        await producer.close()
    }

    @Test func usingATransactionWithoutInitIsAClassifiedError() async throws {
        let producer = try KafkaProducer(configuration: TestKafka.producerConfiguration())
        #expect(!producer.isTransactional)
        #expect { try producer.beginTransaction() } throws: { error in
            guard let error = error as? KafkaError else { return false }
            return !error.isRetriable && !error.message.isEmpty
        }
        await producer.close()
    }
}
