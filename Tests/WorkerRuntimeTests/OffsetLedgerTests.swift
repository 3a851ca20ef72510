import Kafka
import Testing

@testable import WorkerRuntime

private let partition = TopicPartition(topic: "t", partition: 0)

/// Waits on the offset ledger end by the change that satisfies them, by their timeout, by cancellation or by a stop.
@Suite(.timeLimit(.minutes(1))) struct OffsetLedgerTests {

    @Test func aWaitIsResumedByTheCompletionThatSatisfiesIt() async {
        let ledger = OffsetLedger()
        ledger.withLock { $0.begin(partition, offset: 1) }
        ledger.withLock { $0.begin(partition, offset: 2) }
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await ledger.wait(until: { $0.totalInFlight == 0 }) }
            // The waiter is registered or not yet: either way only the last completion may end it.
            ledger.withLock { _ = $0.complete(partition, offset: 1) }
            ledger.withLock { _ = $0.complete(partition, offset: 2) }
            #expect(await group.next() == true)
        }
    }

    @Test func aWaitAlreadySatisfiedReturnsAtOnce() async {
        let ledger = OffsetLedger()
        #expect(await ledger.wait(until: { $0.totalInFlight == 0 }, timeout: .seconds(60)))
    }

    @Test func aWaitEndsFalseAtItsTimeout() async {
        let ledger = OffsetLedger()
        ledger.withLock { $0.begin(partition, offset: 1) }
        let clock = ContinuousClock()
        let start = clock.now
        #expect(await ledger.wait(until: { $0.totalInFlight == 0 }, timeout: .milliseconds(50)) == false)
        #expect(clock.now - start >= .milliseconds(50))
    }

    @Test func cancellationEndsAWait() async {
        let ledger = OffsetLedger()
        ledger.withLock { $0.begin(partition, offset: 1) }
        let waiting = Task { await ledger.wait(until: { $0.totalInFlight == 0 }) }
        waiting.cancel()
        #expect(await waiting.value == false)
    }

    @Test func aStopEndsTheWaitsThatAskedForItAndOnlyThose() async {
        let ledger = OffsetLedger()
        ledger.withLock { $0.begin(partition, offset: 1) }
        let forRoom = Task { await ledger.wait(until: { $0.totalInFlight == 0 }, endsOnStop: true) }
        let drain = Task { await ledger.wait(until: { $0.totalInFlight == 0 }) }
        ledger.stopWaits()
        #expect(await forRoom.value == false)
        #expect(await ledger.wait(until: { $0.totalInFlight == 0 }, endsOnStop: true) == false)  // after a stop, at once
        ledger.withLock { _ = $0.complete(partition, offset: 1) }
        #expect(await drain.value == true)
    }

    @Test func aWaitForUnstoredOffsetsEndsWhenAnOffsetAdvances() async {
        let ledger = OffsetLedger()
        ledger.withLock { $0.begin(partition, offset: 7) }
        let waiting = Task { await ledger.wait(until: { $0.hasUnstored }) }
        ledger.withLock { _ = $0.complete(partition, offset: 7) }
        #expect(await waiting.value == true)
        #expect(ledger.withLock { $0.takeUnstored() } == [partition: 8])
    }
}
