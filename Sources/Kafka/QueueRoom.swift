import Synchronization

/// Room in librdkafka's local queue. A sender that finds the queue full waits here until a delivery report frees a
/// place (or the producer closes), instead of retrying on a timer.
///
/// A sender reads ``generation`` before it produces; if the queue is full it waits for a delivery after that
/// reading, so a delivery between the failed produce and the wait is never missed. The delivery path costs one atomic
/// increment and one atomic load while nobody waits.
final class QueueRoom: Sendable {
    private let deliveries = Atomic<UInt64>(0)
    /// Senders waiting, changed only under the `waiters` lock; read without it on the delivery path.
    private let waiting = Atomic<Int>(0)
    private let waiters = Mutex<[CheckedContinuation<Void, Never>]>([])

    /// Senders waiting now.
    var waitingSenders: Int { waiting.load(ordering: .sequentiallyConsistent) }

    /// Deliveries so far: read before a produce that may find the queue full.
    var generation: UInt64 { deliveries.load(ordering: .sequentiallyConsistent) }

    /// A delivery report freed a place, or the producer closed: wakes every waiting sender.
    func signal() {
        deliveries.add(1, ordering: .sequentiallyConsistent)
        guard waiting.load(ordering: .sequentiallyConsistent) > 0 else { return }
        let woken = waiters.withLock { waiters -> [CheckedContinuation<Void, Never>] in
            defer {
                waiting.subtract(waiters.count, ordering: .sequentiallyConsistent)
                waiters.removeAll()
            }
            return waiters
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns once a delivery has been signalled since `generation` was read (at once if one already was).
    func wait(after generation: UInt64) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = waiters.withLock { waiters -> Bool in
                waiting.add(1, ordering: .sequentiallyConsistent)
                if deliveries.load(ordering: .sequentiallyConsistent) != generation {
                    waiting.subtract(1, ordering: .sequentiallyConsistent)
                    return true
                }
                waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}
