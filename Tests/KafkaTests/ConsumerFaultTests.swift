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

    /// The value produced after the others once they have all been seen.
    static let endMarker = "end"

    /// Runs a group member on `cluster` until it has seen `count` values or 30 s pass; then produces ``endMarker``
    /// after them and runs on until it arrives: a repeated message would arrive before it (one partition, in
    /// order). Returns what it saw, without the marker.
    static func consume(_ cluster: MockKafkaCluster, topic: String, group: String, count: Int) async throws -> [String] {
        let member = try GroupMember(name: "m", group: group, topics: [topic], extra: ["bootstrap.servers": cluster.bootstrapServers])
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await member.run() }
            _ = await eventually(timeout: .seconds(30)) { member.values.count >= count }
            let producer = try KafkaProducer(configuration: KafkaConfiguration.producer(bootstrapServers: cluster.bootstrapServers))
            _ = try await producer.send(ProducerRecord(topic: topic, partition: 0, key: nil, value: Array(endMarker.utf8)))
            await producer.close()
            let ended = await eventually(timeout: .seconds(30)) { member.values.contains(endMarker) }
            #expect(ended, "the end marker produced after the values arrived")
            await member.close()
            try await tasks.waitForAll()
            return member.values.filter { $0 != endMarker }
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
        // 30 values, then the end marker at offset 30: its offset stored too, so 31.
        #expect(committed[partition] == 31, "the stored offsets are committed in the end (by close at the latest)")
        withExtendedLifetime(cluster) {}
    }
}
