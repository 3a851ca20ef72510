import Kafka
import Testing

@testable import WorkerRuntime

/// §8.6's merge of the consolidator's co-partitioned inputs, without Kafka.
@Suite struct InputMergeTests {
    static let topics = ["casefiles.assessed", "interviews.coded", "inspections"]
    let start = ContinuousClock.now

    func merge(maxIdle: Duration = .seconds(2)) -> InputMerge {
        var merge = InputMerge(configuration: .init(topics: Self.topics, maxIdle: maxIdle, maxUnreadWait: .seconds(30)))
        merge.assign(Self.topics.flatMap { topic in (0..<2).map { TopicPartition(topic: topic, partition: $0) } }, now: start)
        return merge
    }

    func message(_ topic: String, _ offset: Int64, at timestamp: Int64, partition: Int32 = 0) -> KafkaMessage {
        KafkaMessage(topic: topic, partition: partition, offset: offset, key: nil, value: Array("\(topic)@\(offset)".utf8), timestampMs: timestamp)
    }

    func names(_ messages: [KafkaMessage]) -> [String] { messages.map { "\($0.topic)@\($0.offset)" } }

    @Test func theSmallestTimestampGoesFirstWhenEveryInputHasRecords() {
        var merge = merge()
        merge.add(message("inspections", 0, at: 100), now: start)
        merge.add(message("inspections", 1, at: 400), now: start)
        merge.add(message("casefiles.assessed", 0, at: 200), now: start)
        merge.add(message("interviews.coded", 0, at: 300), now: start)
        merge.add(message("interviews.coded", 1, at: 500), now: start)
        let release = merge.release(now: start, wallClockMs: 0) { _ in .atEnd }
        #expect(names(release.messages) == ["inspections@0", "casefiles.assessed@0", "interviews.coded@0", "inspections@1", "interviews.coded@1"])
        #expect(release.wakeAt == nil)
    }

    @Test func equalTimestampsGoCaseFilesThenInterviewsThenLifecycle() {
        var merge = merge()
        merge.add(message("inspections", 0, at: 100), now: start)
        merge.add(message("interviews.coded", 0, at: 100), now: start)
        merge.add(message("casefiles.assessed", 0, at: 100), now: start)
        #expect(
            names(merge.release(now: start, wallClockMs: 0) { _ in .atEnd }.messages) == [
                "casefiles.assessed@0", "interviews.coded@0", "inspections@0",
            ])
    }

    @Test func recordsOfOnePartitionAreNeverReordered() {
        var merge = merge()
        // Out of timestamp order within the partition (a producer's own clock): arrival order is kept.
        merge.add(message("casefiles.assessed", 0, at: 500), now: start)
        merge.add(message("casefiles.assessed", 1, at: 100), now: start)
        merge.add(message("inspections", 0, at: 300), now: start)
        #expect(
            names(merge.release(now: start, wallClockMs: 0) { _ in .atEnd }.messages) == [
                "inspections@0", "casefiles.assessed@0", "casefiles.assessed@1",
            ])
    }

    @Test func anInputKnownToHaveUnreadRecordsIsWaitedFor() {
        var merge = merge()
        merge.add(message("casefiles.assessed", 0, at: 200), now: start)
        merge.add(message("interviews.coded", 0, at: 300), now: start)
        // The lifecycle partition has records not yet delivered: nothing goes, however long (within the safety bound).
        #expect(merge.release(now: start + .seconds(10), wallClockMs: 0) { $0.topic == "inspections" ? .unread : .atEnd }.messages.isEmpty)
        // The lifecycle event arrives, and was the last: it was the earliest, and the rest follows.
        merge.add(message("inspections", 0, at: 100), now: start + .seconds(10))
        let release = merge.release(now: start + .seconds(10), wallClockMs: 0) { _ in .atEnd }
        #expect(names(release.messages) == ["inspections@0", "casefiles.assessed@0", "interviews.coded@0"])
    }

    @Test func anInputWhoseEndIsUnknownIsWaitedForAtMostTheIdleBound() {
        var merge = merge(maxIdle: .seconds(2))
        merge.add(message("casefiles.assessed", 0, at: 200), now: start)
        let standing: (TopicPartition) -> InputMerge.Standing = { $0.topic == "inspections" ? .unknown : .atEnd }
        let first = merge.release(now: start, wallClockMs: 0) { standing($0) }
        #expect(first.messages.isEmpty)
        #expect(first.wakeAt == start + .seconds(2))
        #expect(merge.release(now: start + .milliseconds(1999), wallClockMs: 0) { standing($0) }.messages.isEmpty)
        let later = merge.release(now: start + .seconds(2), wallClockMs: 0) { standing($0) }
        #expect(names(later.messages) == ["casefiles.assessed@0"])
        // Live traffic: once the bound has passed, the next record does not wait another full bound.
        merge.add(message("casefiles.assessed", 1, at: 300), now: start + .seconds(3))
        #expect(names(merge.release(now: start + .seconds(3), wallClockMs: 0) { standing($0) }.messages) == ["casefiles.assessed@1"])
    }

    @Test func aPartitionAtItsEndIsNotWaitedFor() {
        var merge = merge()
        merge.add(message("interviews.coded", 0, at: 900), now: start)
        #expect(names(merge.release(now: start, wallClockMs: 0) { _ in .atEnd }.messages) == ["interviews.coded@0"])
    }

    @Test func partitionNumbersAreMergedApart() {
        var merge = merge()
        merge.add(message("casefiles.assessed", 0, at: 200, partition: 1), now: start)
        merge.add(message("casefiles.assessed", 0, at: 900, partition: 0), now: start)
        // Partition 1's lifecycle input has unread records; partition 0 is free to go.
        let release = merge.release(now: start, wallClockMs: 0) { $0.partition == 1 && $0.topic == "inspections" ? .unread : .atEnd }
        #expect(release.messages.map(\.partition) == [0])
    }

    @Test func aRebalanceInTheMiddleDropsTheRevokedRecordsAndKeepsTheRest() {
        var merge = merge()
        merge.add(message("casefiles.assessed", 0, at: 200, partition: 0), now: start)
        merge.add(message("casefiles.assessed", 0, at: 200, partition: 1), now: start)
        merge.add(message("interviews.coded", 0, at: 100, partition: 1), now: start)
        let waiting: (TopicPartition) -> InputMerge.Standing = { $0.topic == "inspections" ? .unread : .atEnd }
        #expect(merge.release(now: start, wallClockMs: 0) { waiting($0) }.messages.isEmpty)
        // Partition 1 is revoked while it waits: its two records are dropped (the next owner reads them again).
        let dropped = merge.revoke(Self.topics.map { TopicPartition(topic: $0, partition: 1) })
        #expect(dropped == 2)
        #expect(merge.bufferedCount == 1)
        // Partition 0's lifecycle input turns out to be at its end: its record goes.
        #expect(names(merge.release(now: start, wallClockMs: 0) { _ in .atEnd }.messages) == ["casefiles.assessed@0"])
        // Assigned again later: it starts empty and waits as before.
        merge.assign(Self.topics.map { TopicPartition(topic: $0, partition: 1) }, now: start)
        merge.add(message("casefiles.assessed", 0, at: 200, partition: 1), now: start)
        #expect(merge.release(now: start, wallClockMs: 0) { waiting($0) }.messages.isEmpty)
    }

    @Test func anUnreadInputFromWhichNothingComesIsGivenUpAfterTheSafetyBound() {
        var merge = InputMerge(configuration: .init(topics: Self.topics, maxIdle: .seconds(2), maxUnreadWait: .seconds(30)))
        merge.assign(Self.topics.map { TopicPartition(topic: $0, partition: 0) }, now: start)
        merge.add(message("casefiles.assessed", 0, at: 200), now: start)
        let standing: (TopicPartition) -> InputMerge.Standing = { $0.topic == "inspections" ? .unread : .atEnd }
        let waiting = merge.release(now: start + .seconds(29), wallClockMs: 0) { standing($0) }
        #expect(waiting.messages.isEmpty && waiting.wakeAt == start + .seconds(30))
        #expect(merge.release(now: start + .seconds(30), wallClockMs: 0) { standing($0) }.messages.count == 1)
    }

    /// A lifecycle event waits, while an intake-fed input is at its end, until its timestamp plus that input's
    /// lateness: evidence produced just before it and still in the intake is applied first. Evidence never waits
    /// for lifecycle events this way, nor for the other intake-fed input.
    @Test func lifecycleEventsWaitForEvidenceStillInAnIntake() {
        var merge = InputMerge(
            configuration: .init(
                topics: Self.topics, lateness: ["casefiles.assessed": .seconds(1), "interviews.coded": .seconds(1)]))
        merge.assign(Self.topics.map { TopicPartition(topic: $0, partition: 0) }, now: start)
        merge.add(message("inspections", 0, at: 10_000), now: start)
        let waiting = merge.release(now: start, wallClockMs: 10_050) { _ in .atEnd }
        #expect(waiting.messages.isEmpty)
        #expect(waiting.wakeAt == start + .milliseconds(950))
        // The intake's output of a case file produced at 9,990 arrives 200 ms late: it goes first.
        merge.add(message("casefiles.assessed", 0, at: 9_990), now: start + .milliseconds(200))
        #expect(names(merge.release(now: start + .milliseconds(200), wallClockMs: 10_250) { _ in .atEnd }.messages) == ["casefiles.assessed@0"])
        #expect(merge.release(now: start + .milliseconds(200), wallClockMs: 10_250) { _ in .atEnd }.messages.isEmpty)
        #expect(names(merge.release(now: start + .seconds(1), wallClockMs: 11_000) { _ in .atEnd }.messages) == ["inspections@0"])
        // Evidence alone goes at once.
        merge.add(message("casefiles.assessed", 1, at: 20_000), now: start + .seconds(2))
        #expect(names(merge.release(now: start + .seconds(2), wallClockMs: 20_001) { _ in .atEnd }.messages) == ["casefiles.assessed@1"])
    }

    @Test(arguments: [
        // (offset after the last record added, the application's position, the fetch response's end) → standing
        (Int64?.none, Int64?.none, Int64?.none, InputMerge.Standing.unknown),
        (nil, nil, 10, .unknown),
        (nil, 5, 10, .unread),  // delivered to the application, not yet added
        (5, 5, 10, .unread),  // more beyond what was fetched
        (10, 10, 10, .atEnd),
        (8, 10, 10, .unread),  // two records on their way
        (10, nil, nil, .unknown),
    ])
    func standingFromThePositions(seen: Int64?, position: Int64?, end: Int64?, expected: InputMerge.Standing) {
        #expect(InputMerge.standing(seen: seen, position: PartitionPosition(position: position, highWatermark: end)) == expected)
    }

    /// An input partition that has never held a record is at its end at once: no idle wait for it.
    @Test func anEmptyPartitionIsAtItsEnd() {
        #expect(InputMerge.standing(seen: nil, position: PartitionPosition(position: nil, highWatermark: 0, lowWatermark: 0)) == .atEnd)
        #expect(InputMerge.standing(seen: nil, position: PartitionPosition(position: nil, highWatermark: 7, lowWatermark: 7)) == .atEnd)
        #expect(InputMerge.standing(seen: nil, position: PartitionPosition(position: nil, highWatermark: 7, lowWatermark: 0)) == .unknown)
    }
}
