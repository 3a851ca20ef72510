import CRdKafka
import Kafka
import TestSupport
import Testing

/// The consumer under broker request errors, injected with librdkafka's mock cluster: errors are retried, and no
/// message is lost, repeated or reordered, and no stored offset is lost.
@Suite(.serialized) struct ConsumerFaultTests {
    /// A mock cluster with one single-partition topic holding `count` values `v-0`, `v-1`, ….
    static func filledCluster(topic: String, count: Int) async throws -> MockKafkaCluster {
        let cluster = try MockKafkaCluster()
        try cluster.createTopic(topic)
        let producer = try KafkaProducer(configuration: KafkaConfiguration.producer(bootstrapServers: cluster.bootstrapServers))
        for index in 0..<count {
            _ = try await producer.send(ProducerRecord(topic: topic, partition: 0, key: nil, value: Array("v-\(index)".utf8)))
        }
        await producer.close()
        return cluster
    }

    /// Runs a group member on `cluster` until it has seen `count` values or 30 s pass; returns what it saw.
    static func consume(_ cluster: MockKafkaCluster, topic: String, group: String, count: Int) async throws -> [String] {
        let member = try GroupMember(name: "m", group: group, topics: [topic], extra: ["bootstrap.servers": cluster.bootstrapServers])
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await member.run() }
            _ = await eventually(timeout: .seconds(30)) { member.values.count >= count }
            try await Task.sleep(for: .milliseconds(300))  // room for a repeated message to show
            await member.close()
            try await tasks.waitForAll()
            return member.values
        }
    }

    @Test func fetchErrorsAreRetriedWithNothingLostRepeatedOrReordered() async throws {
        let cluster = try await Self.filledCluster(topic: "fetch-faults", count: 50)
        cluster.failNext(
            .fetch,
            with: [
                RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
            ])
        let values = try await Self.consume(cluster, topic: "fetch-faults", group: "fetch-faults-group", count: 50)
        #expect(values == (0..<50).map { "v-\($0)" })
        withExtendedLifetime(cluster) {}
    }

    @Test func offsetCommitErrorsDelayTheCommitWithoutLosingIt() async throws {
        let cluster = try await Self.filledCluster(topic: "commit-faults", count: 30)
        cluster.failNext(
            .offsetCommit,
            with: [
                RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS, RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
                RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
            ])
        let values = try await Self.consume(cluster, topic: "commit-faults", group: "commit-faults-group", count: 30)
        #expect(values.count == 30)
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: cluster.bootstrapServers))
        let partition = TopicPartition(topic: "commit-faults", partition: 0)
        let committed = try await admin.committedOffsets(group: "commit-faults-group", partitions: [partition])
        #expect(committed[partition] == 30, "the stored offsets are committed in the end (by close at the latest)")
        withExtendedLifetime(cluster) {}
    }
}
