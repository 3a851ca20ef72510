import Kafka
import Testing

@Suite struct OffsetTrackerTests {
    let p0 = TopicPartition(topic: "t", partition: 0)
    let p1 = TopicPartition(topic: "t", partition: 1)

    @Test func outOfOrderCompletionCommitsOnlyTheContiguousPrefix() {
        var tracker = OffsetTracker()
        for offset in [10, 11, 12, 13] as [Int64] { tracker.begin(p0, offset: offset) }
        #expect(tracker.complete(p0, offset: 12) == nil)
        #expect(tracker.complete(p0, offset: 11) == nil)
        #expect(tracker.committable(p0) == nil)
        #expect(tracker.complete(p0, offset: 10) == 13)
        #expect(tracker.committable(p0) == 13)
        #expect(tracker.inFlight(p0) == 1)
        #expect(tracker.complete(p0, offset: 13) == 14)
        #expect(tracker.inFlight(p0) == 0)
    }

    @Test func gapsInOffsetsAreNotWaitedFor() {
        // Compacted topics and transaction markers leave holes: only begun offsets count.
        var tracker = OffsetTracker()
        tracker.begin(p0, offset: 5)
        tracker.begin(p0, offset: 9)
        #expect(tracker.complete(p0, offset: 9) == nil)
        #expect(tracker.complete(p0, offset: 5) == 10)
    }

    @Test func partitionsAreIndependentAndCanBeForgotten() {
        var tracker = OffsetTracker()
        tracker.begin(p0, offset: 0)
        tracker.begin(p1, offset: 0)
        #expect(tracker.complete(p1, offset: 0) == 1)
        #expect(tracker.committable(p0) == nil)
        #expect(tracker.totalInFlight == 1)
        tracker.remove([p0])
        #expect(tracker.totalInFlight == 0)
        #expect(tracker.complete(p0, offset: 0) == nil)
    }

    @Test func unknownOffsetsAreIgnored() {
        var tracker = OffsetTracker()
        tracker.begin(p0, offset: 3)
        #expect(tracker.complete(p0, offset: 4) == nil)
        #expect(tracker.inFlight(p0) == 1)
    }

    @Test func manyCompletionsInReverseStillCommitEverything() {
        var tracker = OffsetTracker()
        for offset in 0..<5_000 as Range<Int64> { tracker.begin(p0, offset: offset) }
        for offset in (1..<5_000 as Range<Int64>).reversed() { #expect(tracker.complete(p0, offset: offset) == nil) }
        #expect(tracker.complete(p0, offset: 0) == 5_000)
    }

    @Test func advancedOffsetsAreCollectedForOneBatchedStore() {
        var tracker = OffsetTracker()
        for offset in 0..<4 as Range<Int64> { tracker.begin(p0, offset: offset) }
        tracker.begin(p1, offset: 7)
        tracker.complete(p0, offset: 0)
        tracker.complete(p0, offset: 2)
        #expect(tracker.takeUnstored() == [p0: 1], "only the contiguous prefix, once")
        #expect(tracker.takeUnstored().isEmpty)
        tracker.complete(p0, offset: 1)
        tracker.complete(p1, offset: 7)
        tracker.complete(p0, offset: 3)
        #expect(tracker.takeUnstored() == [p0: 4, p1: 8], "the latest offset per partition")
        tracker.begin(p1, offset: 8)
        tracker.complete(p1, offset: 8)
        tracker.remove([p1])
        #expect(tracker.takeUnstored().isEmpty, "a revoked partition's offsets are no longer stored")
    }
}
