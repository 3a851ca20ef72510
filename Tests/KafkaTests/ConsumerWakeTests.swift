import CRdKafka
import TestSupport
import Testing

@testable import Kafka

/// `wake(at:)`: the poll thread delivers a wake event when the time comes, with no message to prompt it.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ConsumerWakeTests {
    @Test func aWakeRequestedForLaterArrivesThenAndNotBefore() async throws {
        let topic = try await TestKafka.createTopic("wake", partitions: 1)
        let consumer = try KafkaConsumer(configuration: TestKafka.consumerConfiguration(group: TestKafka.uniqueName("wake-group")))
        try consumer.subscribe(topics: [topic])
        let clock = ContinuousClock()
        var requestedAt: ContinuousClock.Instant?
        var wokenAfter: Duration?
        for await event in consumer.events {
            switch event {
            case .assigned:
                // Ready: ask for a wake-up 400 ms from now, on an empty topic.
                let now = clock.now
                requestedAt = now
                consumer.wake(at: now + .milliseconds(400))
            case .wake:
                if let requestedAt { wokenAfter = clock.now - requestedAt }
            default:
                continue
            }
            if wokenAfter != nil { break }
        }
        let elapsed = try #require(wokenAfter)
        #expect(elapsed >= .milliseconds(400))
        #expect(elapsed < .seconds(5))
        await consumer.close()
    }

    /// A fatal client error reaches the observers when it is raised, and one registered afterwards at once
    /// (librdkafka's `rd_kafka_test_fatal_error` fabricates it).
    @Test func fatalErrorObserversAreCalledWhenTheErrorIsRaised() async throws {
        let producer = try KafkaProducer(configuration: TestKafka.producerConfiguration(["enable.idempotence": "true"]))
        let first = OneShot<KafkaError>()
        producer.onFatalError { first.fulfill($0) }
        #expect(producer.fatalError == nil)
        _ = rd_kafka_test_fatal_error(producer.client.handle, RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER, "from the test")
        let raised = await first.value
        #expect(raised.isFatal)
        let late = OneShot<KafkaError>()
        producer.onFatalError { late.fulfill($0) }
        #expect(await late.value.isFatal)
        await producer.close()
    }
}
