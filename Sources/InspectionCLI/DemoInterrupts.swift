import Dispatch
import Foundation
import WorkerRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// What SIGINT and SIGTERM do to `inspection demo`: stop the workers it started, then end it. The workers run in
/// process groups of their own (Foundation starts children so), so a Ctrl-C at the terminal reaches only the demo,
/// and without this they would outlive it.
enum DemoInterrupts {
    /// The workers started so far, stopped in reverse order on an interrupt.
    static let workers = LockedValue<[DemoWorker]>([])
    /// The exit status after an interrupt: 130 while the demo runs, 0 once it only waits for one (`--keep-running`).
    static let exitStatus = LockedValue<Int32>(130)
    /// The signal sources, kept for the life of the process (written once, by `install`, before any signal).
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Takes over SIGINT and SIGTERM; the first one stops the workers and exits.
    static func install() {
        let handled = LockedValue(false)
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let first = handled.withLock { done in
                    defer { done = true }
                    return !done
                }
                guard first else { return }
                let started = workers.withLock { $0 }
                note("demo: interrupted; stopping \(started.filter(\.isRunning).count) workers")
                for worker in started.reversed() { worker.stopBlocking() }
                exit(exitStatus.withLock { $0 })
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Waits for an interrupt, which ends the process with status 0.
    static func waitForever() async -> Never {
        exitStatus.withLock { $0 = 0 }
        while true { try? await Task.sleep(for: .seconds(3600)) }
    }
}
