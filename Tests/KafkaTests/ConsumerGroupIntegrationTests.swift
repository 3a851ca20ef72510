import Foundation
import Kafka
import TestSupport
import Testing

/// Consumer groups against the real Tansu broker process.
@Suite(.serialized) struct ConsumerGroupIntegrationTests {
    func produce(_ topic: String, count: Int, prefix: String, partitions: Int32? = nil, producer: KafkaProducer) async throws {
        for index in 0..<count {
            _ = try await producer.send(
                ProducerRecord(
                    topic: topic, partition: partitions.map { Int32(index) % $0 },
                    key: Array("k\(index)".utf8), value: Array("\(prefix)-\(index)".utf8)))
        }
    }

    @Test func twoMembersSplitFourPartitionsAndACloseHandsOverPromptly() async throws {
        let topic = try await TestKafka.createTopic("split", partitions: 4)
        let group = TestKafka.uniqueName("split-group")
        let a = try GroupMember(name: "a", group: group, topics: [topic])
        let b = try GroupMember(name: "b", group: group, topics: [topic])
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await a.run() }
            tasks.addTask { await b.run() }
            let split = await eventually { a.assignment.count == 2 && b.assignment.count == 2 }
            #expect(split, "each member holds two of the four partitions (a: \(a.assignment), b: \(b.assignment))")
            #expect(a.assignment.isDisjoint(with: b.assignment))

            let closed = ContinuousClock.now
            await b.close()
            let tookOver = await eventually(timeout: .seconds(20)) { a.assignment.count == 4 }
            let handover = ContinuousClock.now - closed
            #expect(tookOver, "the survivor takes all four partitions")
            #expect(handover < .seconds(6), "a clean close hands over before a 6 s session timeout would (took \(handover))")
            await a.close()
            try await tasks.waitForAll()
        }
    }

    @Test func aRestartedMemberResumesAtTheCommittedOffset() async throws {
        let topic = try await TestKafka.createTopic("resume", partitions: 1)
        let group = TestKafka.uniqueName("resume-group")
        let producer = try KafkaProducer(configuration: TestKafka.producerConfiguration())
        try await produce(topic, count: 10, prefix: "first", producer: producer)

        let first = try GroupMember(name: "first", group: group, topics: [topic])
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await first.run() }
            #expect(await eventually { first.values.count == 10 })
            await first.close()
            try await tasks.waitForAll()
        }
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: TestKafka.bootstrapServers))
        let committed = try await admin.committedOffsets(group: group, partitions: [TopicPartition(topic: topic, partition: 0)])
        #expect(committed[TopicPartition(topic: topic, partition: 0)] == 10, "close commits what was stored")

        try await produce(topic, count: 5, prefix: "second", producer: producer)
        let second = try GroupMember(name: "second", group: group, topics: [topic])
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await second.run() }
            #expect(await eventually { second.values.count >= 5 })
            // A marker after the five: anything read again would arrive before it (one partition, in order).
            _ = try await producer.send(ProducerRecord(topic: topic, key: nil, value: Array("end".utf8)))
            #expect(await eventually { second.values.contains("end") }, "the end marker arrived")
            #expect(
                second.values.filter { $0 != "end" } == (0..<5).map { "second-\($0)" }, "nothing before the committed offset is seen again")
            #expect(second.firstOffsets[TopicPartition(topic: topic, partition: 0)] == 10)
            await second.close()
            try await tasks.waitForAll()
        }
        await producer.close()
    }

    @Test(arguments: ["cooperative-sticky", "range"])
    func underSteadyLoadARebalanceLosesNothingAndRepeatsNothing(strategy: String) async throws {
        let topic = try await TestKafka.createTopic("steady", partitions: 4)
        let group = TestKafka.uniqueName("steady-group")
        let extra = ["partition.assignment.strategy": strategy]
        let producer = try KafkaProducer(configuration: TestKafka.producerConfiguration())
        let total = 3_000
        let a = try GroupMember(name: "a", group: group, topics: [topic], extra: extra)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await a.run() }
            tasks.addTask {
                for index in 0..<total {
                    _ = try await producer.send(ProducerRecord(topic: topic, partition: Int32(index % 4), key: nil, value: Array("m-\(index)".utf8)))
                    if index % 100 == 0 { try await Task.sleep(for: .milliseconds(60)) }
                }
            }
            #expect(await eventually { a.values.count > 300 })
            let b = try GroupMember(name: "b", group: group, topics: [topic], extra: extra)
            tasks.addTask { await b.run() }
            let all = await eventually(timeout: .seconds(60)) { a.values.count + b.values.count >= total }
            // A marker after the messages on each partition: a message processed again would arrive before its
            // partition's marker, so once every marker is in, nothing repeated is still to come.
            let markers = (0..<4).map { "end-\($0)" }
            for (partition, marker) in markers.enumerated() {
                _ = try await producer.send(ProducerRecord(topic: topic, partition: Int32(partition), key: nil, value: Array(marker.utf8)))
            }
            let ended = await eventually(timeout: .seconds(30)) { Set(markers).isSubset(of: a.values + b.values) }
            #expect(ended, "the end markers arrived")
            let seen = (a.values + b.values).filter { !markers.contains($0) }
            #expect(all)
            #expect(Set(seen).count == total, "every message processed (lost: \(total - Set(seen).count))")
            #expect(seen.count == total, "no message processed twice (\(seen.count - Set(seen).count) duplicates)")
            #expect(!b.values.isEmpty, "the second member took over partitions")
            await a.close()
            await b.close()
            try await tasks.waitForAll()
        }
        await producer.close()
    }
}
