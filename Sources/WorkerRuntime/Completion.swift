import Synchronization

/// Something an input waits for besides the acknowledgement of the records it caused, e.g. the state
/// changelog write that covers it. The runtime counts the input done only once it is resolved.
public final class Completion: Sendable {
    private let state = Mutex<(resolved: Bool, waiters: [@Sendable () -> Void])>((false, []))

    public init() {}

    /// Marks it done and runs the waiters (once).
    public func resolve() {
        let waiters = state.withLock { state -> [@Sendable () -> Void] in
            guard !state.resolved else { return [] }
            state.resolved = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter() }
    }

    /// Runs `body` when resolved (at once if it already is).
    public func whenResolved(_ body: @escaping @Sendable () -> Void) {
        let now = state.withLock { state -> Bool in
            if state.resolved { return true }
            state.waiters.append(body)
            return false
        }
        if now { body() }
    }

    public var isResolved: Bool { state.withLock { $0.resolved } }
}

/// What processing one message yields: records to produce and, optionally, a completion the input also waits for.
public struct ProcessingOutput: Sendable, ExpressibleByArrayLiteral {
    public var records: [OutputRecord]
    public var completion: Completion?

    public init(records: [OutputRecord], completion: Completion? = nil) {
        self.records = records
        self.completion = completion
    }

    public init(arrayLiteral elements: OutputRecord...) {
        self.init(records: elements)
    }
}
