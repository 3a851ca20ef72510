import Synchronization

/// The spans of the inputs that went into a record published later from many of them (a judgement): remembered per
/// key while the inputs are processed, taken when the record is built and given as ``OutputRecord/links``. Its `send`
/// span then starts a trace of its own, linked to every input's `process` span, rather than continuing one of them.
///
/// Only while a tracer records spans is anything remembered; at most ``limit`` inputs per key (the first ones), the
/// count of all of them going into the span as `inspection.judgement.inputs`.
public final class TraceLinks: Sendable {
    /// Most links per record (OpenTelemetry's default span link limit).
    public static let limit = 128

    private struct Pending {
        var contexts: [TraceContext] = []
        var count = 0
    }

    private let pending = Mutex<[String: Pending]>([:])

    public init() {}

    /// Remembers the span of the input being processed (if traced) for `key`'s next record.
    public func record(_ key: String) {
        guard let bound = BoundTrace.current, bound.linkable else { return }
        // A link needs the span's ids and flags only: the vendors' `tracestate` (up to 512 bytes) is not kept.
        var context = bound.context
        context.traceState = nil
        pending.withLock { pending in
            pending[key, default: Pending()].count += 1
            if pending[key]!.contexts.count < Self.limit { pending[key]!.contexts.append(context) }
        }
    }

    /// The spans remembered for `key` (forgotten here), and how many inputs there were in all.
    public func take(_ key: String) -> (contexts: [TraceContext], count: Int) {
        guard let taken = pending.withLock({ $0.removeValue(forKey: key) }) else { return ([], 0) }
        return (taken.contexts, taken.count)
    }

    /// Forgets the keys (e.g. of partitions handed over).
    public func forget(_ keys: some Sequence<String>) {
        pending.withLock { pending in
            for key in keys { pending.removeValue(forKey: key) }
        }
    }

    /// Keys with spans remembered.
    public var count: Int { pending.withLock { $0.count } }
}
