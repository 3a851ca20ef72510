import Testing

@testable import Kafka

/// The hand-over between the consumer's poll thread and the async consume loop.
@Suite struct EventBufferTests {
    @Test func batchesArriveInOrderAndTakeTheBufferPastCapacityOnlyOnce() async {
        let buffer = EventBuffer<Int>(capacity: 4)
        #expect(buffer.push(contentsOf: [1, 2, 3]))
        #expect(buffer.push(contentsOf: [4, 5, 6]))  // under capacity when it starts: the whole batch goes in
        #expect(buffer.push(contentsOf: []))
        #expect(await buffer.nextBatch() == [1, 2, 3, 4, 5, 6])
        #expect(buffer.push(7))
        #expect(await buffer.nextBatch() == [7])
    }

    @Test func aWaitingConsumerGetsTheFirstElementAndTheRestStayInOrder() async {
        let buffer = EventBuffer<Int>(capacity: 10)
        async let first = buffer.nextBatch()
        // Let the consumer start waiting before the batch arrives (either order must give the same sequence).
        try? await Task.sleep(for: .milliseconds(50))
        #expect(buffer.push(contentsOf: [1, 2, 3]))
        var received = await first
        while received.count < 3 { received += await buffer.nextBatch() }
        #expect(received == [1, 2, 3])
    }

    @Test func aFullBufferRefusesOnStopAndAFinishedOneAlways() async {
        let buffer = EventBuffer<Int>(capacity: 2)
        #expect(buffer.push(contentsOf: [1, 2]))
        #expect(!buffer.push(contentsOf: [3, 4], isStopping: { true }))  // full and stopping: dropped, no wait
        buffer.finish()
        #expect(!buffer.push(5))
        #expect(await buffer.nextBatch() == [1, 2])
        #expect(await buffer.nextBatch() == [])
    }
}
