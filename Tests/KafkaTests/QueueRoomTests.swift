import Synchronization
import Testing

@testable import Kafka

/// Senders waiting for room in the producer's local queue: woken by the next delivery, never by a timer.
@Suite struct QueueRoomTests {
    @Test func aDeliveryBeforeTheWaitReturnsAtOnce() async {
        let room = QueueRoom()
        let seen = room.generation
        room.signal()
        await room.wait(after: seen)  // would hang if the delivery were missed
        #expect(room.generation == seen + 1)
        #expect(room.waitingSenders == 0)
    }

    @Test func waitersResumeOnTheNextDelivery() async {
        let room = QueueRoom()
        let seen = room.generation
        let resumed = Resumed()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    await room.wait(after: seen)
                    resumed.count.add(1, ordering: .relaxed)
                }
            }
            while room.waitingSenders < 3 { await Task.yield() }
            #expect(resumed.count.load(ordering: .relaxed) == 0, "registered, and nothing has woken them")
            room.signal()
            await group.waitForAll()
        }
        #expect(resumed.count.load(ordering: .relaxed) == 3)
        #expect(room.waitingSenders == 0)
    }
}

/// How many waiters have resumed.
private final class Resumed: Sendable {
    let count = Atomic<Int>(0)
}
