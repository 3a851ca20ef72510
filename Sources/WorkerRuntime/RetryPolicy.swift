import Foundation

/// Exponential backoff with full jitter for transient failures.
public struct RetryPolicy: Sendable {
    public var initial: Duration
    public var maximum: Duration
    public var multiplier: Double

    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(30), multiplier: Double = 2) {
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
    }

    /// The upper bound of the delay before attempt `attempt` (1-based).
    public func ceiling(attempt: Int) -> Duration {
        let factor = Foundation.pow(multiplier, Double(max(0, attempt - 1)))
        let nanos = min(Double(maximum.nanoseconds), Double(initial.nanoseconds) * factor)
        return .nanoseconds(Int64(nanos))
    }

    /// A random delay in [ceiling/2, ceiling] (jitter spreads retries of many clients).
    public func delay(attempt: Int, random: Double = Double.random(in: 0...1)) -> Duration {
        let ceiling = Double(self.ceiling(attempt: attempt).nanoseconds)
        return .nanoseconds(Int64(ceiling / 2 + ceiling / 2 * random))
    }
}

extension Duration {
    /// Whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
