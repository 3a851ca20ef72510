import Foundation
import Synchronization
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
        // The consumer runs on an executor that runs it only when told: once run until idle, it has found the
        // buffer empty and is suspended waiting, before the batch arrives (the other order is the test above).
        let executor = ManualTaskExecutor()
        let first = Task(executorPreference: executor) { await buffer.nextBatch() }
        #expect(await executor.runUntilIdle() > 0, "the consumer ran up to its wait")
        #expect(buffer.push(contentsOf: [1, 2, 3]))
        #expect(await executor.runUntilIdle() > 0, "the push resumed the waiting consumer")
        var received = await first.value
        #expect(received == [1], "the waiting consumer is handed the first element, the rest are buffered")
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

/// A task executor that runs its jobs only when told, on a thread of its own: ``runUntilIdle()`` returning is the
/// observable event "every task on it has run up to its next suspension point (or finished)".
final class ManualTaskExecutor: TaskExecutor {
    private let jobs = Mutex<[UnownedJob]>([])

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
    }

    /// Runs the queued jobs, and those they enqueue, until none is left; returns how many ran.
    func runUntilIdle() async -> Int {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                var ran = 0
                while let job = self.jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                    job.runSynchronously(on: self.asUnownedTaskExecutor())
                    ran += 1
                }
                continuation.resume(returning: ran)
            }
            thread.start()
        }
    }
}
