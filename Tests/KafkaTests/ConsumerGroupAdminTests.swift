import Foundation
import Kafka
import TestSupport
import Testing

/// ``KafkaAdmin``'s consumer-group look-ups and ``FetchedWatermarks`` against the real broker, and the decoding of
/// the consumer protocol's assignment (which Apache Kafka reports and Tansu 0.6 leaves empty).
@Suite(.serialized, .timeLimit(.minutes(2))) struct ConsumerGroupAdminTests {
    private func int32(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }
    private func string(_ text: String) -> [UInt8] { withUnsafeBytes(of: Int16(text.utf8.count).bigEndian) { Array($0) } + Array(text.utf8) }

    @Test func decodesAConsumerProtocolAssignment() {
        var bytes: [UInt8] = [0, 1]  // version 1
        bytes += int32(2)
        bytes += string("interviews") + int32(1) + int32(2)
        bytes += string("casefiles") + int32(2) + int32(3) + int32(0)
        bytes += int32(-1)  // no user data
        #expect(
            ConsumerGroupDescription.decodeAssignment(bytes) == [
                TopicPartition(topic: "casefiles", partition: 0), TopicPartition(topic: "casefiles", partition: 3),
                TopicPartition(topic: "interviews", partition: 2),
            ])
        #expect(ConsumerGroupDescription.decodeAssignment([0, 0] + int32(0)) == [], "an empty assignment")
        #expect(ConsumerGroupDescription.decodeAssignment(Array(bytes.prefix(12))) == nil, "cut short")
        #expect(ConsumerGroupDescription.decodeAssignment([]) == nil)
        #expect(ConsumerGroupDescription.decodeAssignment([0, 0] + int32(-1)) == nil, "a negative count")
    }

    @Test func describesAGroupItsCommittedOffsetsAndThePartitionsEnds() async throws {
        let topic = try await TestKafka.createTopic("group-admin", partitions: 2)
        let group = TestKafka.uniqueName("group-admin")
        let p0 = TopicPartition(topic: topic, partition: 0)
        let p1 = TopicPartition(topic: topic, partition: 1)
        // Sent together, so the producer batches them: several records per batch is where ListOffsets goes wrong on
        // Tansu, and where the fetch responses' watermarks must still be right.
        let producer = try KafkaProducer(configuration: TestKafka.producerConfiguration(["linger.ms": "50"]))
        try await withThrowingTaskGroup(of: Void.self) { sends in
            for index in 0..<8 {
                sends.addTask {
                    _ = try await producer.send(
                        ProducerRecord(topic: topic, partition: index < 5 ? 0 : 1, key: Array("k\(index)".utf8), value: Array("v\(index)".utf8)))
                }
            }
            try await sends.waitForAll()
        }
        await producer.close()

        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: TestKafka.bootstrapServers))
        let ends = try await FetchedWatermarks(configuration: KafkaConfiguration(bootstrapServers: TestKafka.bootstrapServers)).query([p0, p1])
        #expect(ends[p0]?.high == 5 && ends[p1]?.high == 3, "ends from fetch responses: \(ends)")
        #expect(ends[p0]?.low == 0 && ends[p1]?.low == 0)

        let member = try GroupMember(name: "a", group: group, topics: [topic], extra: ["client.id": "group-admin-test"])
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await member.run() }
            // Wait for the assignment before anything else (a member leaving before it would leave the group stuck).
            #expect(await eventually(timeout: .seconds(60)) { member.assignment.count == 2 && member.values.count == 8 }, "\(member.values)")
            try await member.consumer.commit()

            #expect(try await admin.groupOffsets(group) == [p0: 5, p1: 3])
            let description = try #require(try await admin.describeConsumerGroup(group))
            #expect(description.groupID == group)
            #expect(description.state == "Stable")
            #expect(description.protocolType == "consumer")
            #expect(description.members.count == 1)
            let reported = try #require(description.members.first)
            #expect(reported.memberID.hasPrefix("group-admin-test"), "librdkafka's member ids start with the client id: \(reported.memberID)")
            // Apache Kafka reports the client id and the assignment; Tansu 0.6 sends them empty. Whatever is
            // reported must be right.
            #expect(reported.clientID.isEmpty || reported.clientID == "group-admin-test")
            if let assignment = reported.assignment { #expect(assignment == [p0, p1]) }
            #expect(try await admin.listConsumerGroups().contains { $0.groupID == group })

            let nobody = TestKafka.uniqueName("no-such-group")
            #expect(try await admin.describeConsumerGroup(nobody)?.members.isEmpty ?? true)
            #expect(try await admin.groupOffsets(nobody).isEmpty)

            await member.close()
            try await tasks.waitForAll()
        }
    }
}
