import Synchronization

/// A value behind a mutex that closures can share (a `Mutex` itself cannot be captured).
public final class LockedValue<Value: Sendable>: Sendable {
    @usableFromInline let mutex: Mutex<Value>

    public init(_ value: Value) { mutex = Mutex(value) }

    /// Inlinable, so callers in other modules specialise it for their types instead of looking up generic
    /// metadata at run time on every call.
    @inlinable @discardableResult
    public func withLock<R: Sendable>(_ body: (inout sending Value) throws -> sending R) rethrows -> R {
        try mutex.withLock(body)
    }

    /// A copy of the value.
    public var value: Value { mutex.withLock { $0 } }
}
