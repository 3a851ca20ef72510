import Synchronization

/// Counts acknowledgements down to zero. The call that reaches zero learns it (``decrement()`` returns true),
/// and one task may wait for it (``wait()``), resumed by that call rather than by polling.
public final class Countdown: Sendable {
    private struct State {
        var remaining: Int
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state: Mutex<State>

    /// A countdown from `count` (zero or less is already at zero).
    public init(_ count: Int) { state = Mutex(State(remaining: count)) }

    /// Counts one down; true for the call that reached zero. Resumes the waiter then.
    @discardableResult
    public func decrement() -> Bool {
        let (reached, waiter) = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
            state.remaining -= 1
            guard state.remaining == 0 else { return (false, nil) }
            defer { state.waiter = nil }
            return (true, state.waiter)
        }
        waiter?.resume()
        return reached
    }

    /// Returns once the count has reached zero (at once if it has). One waiter at a time.
    public func wait() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state -> Bool in
                if state.remaining <= 0 { return true }
                precondition(state.waiter == nil, "Countdown has one waiter at a time")
                state.waiter = continuation
                return false
            }
            if done { continuation.resume() }
        }
    }
}
