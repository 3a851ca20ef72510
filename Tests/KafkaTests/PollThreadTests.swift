import Foundation
import Synchronization
import Testing

@testable import Kafka

@Suite struct PollThreadTests {
    /// The OS thread carries the poll thread's name (cut to the kernel's 15 bytes), so `top -H`, `perf` and
    /// /proc show which loop is which.
    @Test(arguments: [("poll-test", "poll-test"), ("a-very-long-thread-name", "a-very-long-thr")])
    func theOSThreadIsNamed(_ name: String, _ expected: String) {
        let seen = Mutex<String?>(nil)
        let thread = PollThread(name: name) { _ in
            let comm = try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
            seen.withLock { $0 = comm?.trimmingCharacters(in: .newlines) }
        }
        thread.stopAndJoin()  // returns once the body has returned, so after it has read the name
        #expect(seen.withLock { $0 } == expected)
    }
}
