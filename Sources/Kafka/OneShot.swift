import Synchronization

/// A value set once from any thread (e.g. a delivery-report callback) and awaited once from async code.
public final class OneShot<Value: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<Value, Never>)
        case fulfilled(Value)
        case consumed
    }

    private let state = Mutex<State>(.empty)

    public init() {}

    /// Sets the value and resumes the waiter, if any. Later calls are ignored.
    public func fulfill(_ value: Value) {
        let continuation: CheckedContinuation<Value, Never>? = state.withLock { state in
            switch state {
            case .empty:
                state = .fulfilled(value)
                return nil
            case .waiting(let continuation):
                state = .consumed
                return continuation
            case .fulfilled, .consumed:
                return nil
            }
        }
        continuation?.resume(returning: value)
    }

    /// Waits for the value (await once).
    public var value: Value {
        get async {
            await withCheckedContinuation { continuation in
                let ready: Value? = state.withLock { state in
                    switch state {
                    case .fulfilled(let value):
                        state = .consumed
                        return value
                    case .empty:
                        state = .waiting(continuation)
                        return nil
                    case .waiting, .consumed:
                        preconditionFailure("OneShot awaited twice")
                    }
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
