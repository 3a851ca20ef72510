import Instrumentation
import Kafka

/// The W3C header names (lowercase, as the specification and the CloudEvents distributed-tracing extension write
/// them).
public enum TraceHeaders {
    public static let traceparent = "traceparent"
    public static let tracestate = "tracestate"
}

/// Reads propagation fields from Kafka record headers: the first header of that name, as UTF-8.
public struct KafkaHeaderExtractor: Extractor {
    public init() {}

    public func extract(key: String, from headers: [KafkaHeader]) -> String? {
        for header in headers where header.name == key { return header.stringValue }
        return nil
    }
}

/// Writes propagation fields as Kafka record headers, replacing any header of the same name.
public struct KafkaHeaderInjector: Injector {
    public init() {}

    public func inject(_ value: String, forKey key: String, into headers: inout [KafkaHeader]) {
        headers.removeAll { $0.name == key }
        headers.append(KafkaHeader(name: key, string: value))
    }
}

/// A `traceparent` and `tracestate` pair as text, for an instrument to read a ``TraceContext`` from or write one to.
public struct TraceCarrier: Sendable, Equatable {
    public var traceparent: String?
    public var tracestate: String?

    public init(traceparent: String? = nil, tracestate: String? = nil) {
        self.traceparent = traceparent
        self.tracestate = tracestate
    }

    public init(_ context: TraceContext) {
        self.init(traceparent: context.traceparent, tracestate: context.traceState)
    }

    /// The context it holds, when its `traceparent` is valid.
    public var context: TraceContext? { traceparent.flatMap { TraceContext(traceparent: $0, tracestate: tracestate) } }

    public struct Extractor: Instrumentation.Extractor {
        public init() {}
        public func extract(key: String, from carrier: TraceCarrier) -> String? {
            switch key {
            case TraceHeaders.traceparent: carrier.traceparent
            case TraceHeaders.tracestate: carrier.tracestate
            default: nil
            }
        }
    }

    public struct Injector: Instrumentation.Injector {
        public init() {}
        public func inject(_ value: String, forKey key: String, into carrier: inout TraceCarrier) {
            switch key {
            case TraceHeaders.traceparent: carrier.traceparent = value
            case TraceHeaders.tracestate: carrier.tracestate = value
            default: break
            }
        }
    }
}

extension TraceContext {
    /// The context in Kafka headers (`traceparent`, with `tracestate` when present); nil without a valid
    /// `traceparent`.
    public init?(headers: [KafkaHeader]) {
        var traceparent: [UInt8]?
        var tracestate: [UInt8]?
        for header in headers {
            // Names compared by length first: most records carry a header or two, neither of these.
            switch header.name.utf8.count {
            case 11 where traceparent == nil && header.name == TraceHeaders.traceparent: traceparent = header.value
            case 10 where tracestate == nil && header.name == TraceHeaders.tracestate: tracestate = header.value
            default: continue
            }
        }
        guard let traceparent else { return nil }
        self.init(traceparentBytes: traceparent, tracestateBytes: tracestate)
    }

    /// `headers` with this context as `traceparent` and `tracestate` (an earlier `tracestate` removed when this
    /// context has none).
    public func written(into headers: [KafkaHeader]) -> [KafkaHeader] {
        var headers = headers
        headers.removeAll { $0.name == TraceHeaders.traceparent || $0.name == TraceHeaders.tracestate }
        headers.append(KafkaHeader(name: TraceHeaders.traceparent, string: traceparent))
        if let traceState { headers.append(KafkaHeader(name: TraceHeaders.tracestate, string: traceState)) }
        return headers
    }
}
