import CRdKafka
import Foundation
import Synchronization

/// A dedicated OS thread that runs a blocking loop, so librdkafka's blocking calls never occupy the
/// Swift concurrency pool. The loop gets a flag to check between blocking calls.
final class PollThread: Sendable {
    private final class Flags: Sendable {
        let stop = Atomic<Bool>(false)
        let joined = Atomic<Bool>(false)
        let done = DispatchSemaphore(value: 0)
        /// Fulfilled when the loop has returned, for an async join that holds no thread while it waits.
        let finished = OneShot<Void>()
    }

    private let flags = Flags()

    /// Starts `body` on a new thread; `body` should return soon after `isStopping()` becomes true.
    init(name: String, body: @escaping @Sendable (_ isStopping: @escaping @Sendable () -> Bool) -> Void) {
        let flags = self.flags
        let thread = Thread {
            // Named from inside: on Linux, Foundation does not pass a name set before `start()` to the OS, and
            // the thread would show in `top -H`, `perf` and /proc under its creator's name. The kernel keeps 15 bytes.
            _ = ik_set_thread_name(name)
            body { flags.stop.load(ordering: .acquiring) }
            flags.done.signal()
            flags.finished.fulfill(())
        }
        thread.name = name
        thread.start()
    }

    /// Asks the loop to stop.
    func requestStop() { flags.stop.store(true, ordering: .releasing) }

    var isStopRequested: Bool { flags.stop.load(ordering: .acquiring) }

    /// Asks the loop to stop and blocks until it has returned (loops poll with ≤ 100 ms timeouts).
    /// Only the first caller waits; later calls return at once.
    func stopAndJoin() {
        requestStop()
        if !flags.joined.exchange(true, ordering: .acquiringAndReleasing) {
            flags.done.wait()
        }
    }

    /// As ``stopAndJoin()``, suspending instead of blocking: a close that takes long (a consumer leaving its
    /// group) holds no thread of the blocking pool while the handle's own thread finishes it.
    func stop() async {
        requestStop()
        if !flags.joined.exchange(true, ordering: .acquiringAndReleasing) {
            await flags.finished.value
        }
    }
}
