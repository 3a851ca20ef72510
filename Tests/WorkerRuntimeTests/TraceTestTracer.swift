import Instrumentation
import Synchronization
import Tracing
import WorkerRuntime

/// A W3C tracer for the tests: spans continue the `traceparent` they are given (through `extract`), `inject` writes
/// theirs, and ended spans are kept for inspection. Ids are counted up, so every test sees fresh ones.
final class TraceTestTracer: Tracer {
    typealias Span = TestSpan

    enum SpanKey: InstrumentationContextKey {
        typealias Value = TraceContext
    }

    struct Finished: Sendable {
        var name: String
        var kind: SpanKind
        var context: TraceContext
        var parent: TraceContext?
        var attributes: SpanAttributes
        var links: [TraceContext]
        var status: SpanStatus?
        var events: [String]
    }

    private let finished = Mutex<[Finished]>([])
    private let nextID = Atomic<UInt64>(0x1000)

    var spans: [Finished] { finished.withLock { $0 } }

    func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> InstrumentationContext, ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant, function: String, file fileID: String, line: UInt
    ) -> TestSpan {
        let parentContext = context()
        let parent = parentContext[SpanKey.self]
        let id = nextID.add(1, ordering: .relaxed).newValue
        let own = TraceContext(
            traceIDHigh: parent?.traceIDHigh ?? 0xABCD, traceIDLow: parent?.traceIDLow ?? id, spanID: id, flags: 1,
            traceState: parent?.traceState)!
        var spanContext = parentContext
        spanContext[SpanKey.self] = own
        return TestSpan(name: operationName, kind: kind, context: spanContext, own: own, parent: parent, tracer: self)
    }

    func record(_ span: Finished) { finished.withLock { $0.append(span) } }

    func forceFlush() {}

    func inject<Carrier, Inject: Injector>(_ context: InstrumentationContext, into carrier: inout Carrier, using injector: Inject)
    where Inject.Carrier == Carrier {
        guard let span = context[SpanKey.self] else { return }
        injector.inject(span.traceparent, forKey: "traceparent", into: &carrier)
        if let state = span.traceState { injector.inject(state, forKey: "tracestate", into: &carrier) }
    }

    func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, into context: inout InstrumentationContext, using extractor: Extract)
    where Extract.Carrier == Carrier {
        guard let traceparent = extractor.extract(key: "traceparent", from: carrier),
            let parsed = TraceContext(traceparent: traceparent, tracestate: extractor.extract(key: "tracestate", from: carrier))
        else { return }
        context[SpanKey.self] = parsed
    }
}

final class TestSpan: Tracing.Span {
    let context: InstrumentationContext
    let own: TraceContext
    private let state: Mutex<TraceTestTracer.Finished>
    private let tracer: TraceTestTracer

    init(name: String, kind: SpanKind, context: InstrumentationContext, own: TraceContext, parent: TraceContext?, tracer: TraceTestTracer) {
        self.context = context
        self.own = own
        self.tracer = tracer
        state = Mutex(.init(name: name, kind: kind, context: own, parent: parent, attributes: [:], links: [], status: nil, events: []))
    }

    var operationName: String {
        get { state.withLock { $0.name } }
        set { state.withLock { $0.name = newValue } }
    }
    var attributes: SpanAttributes {
        get { state.withLock { $0.attributes } }
        set { state.withLock { $0.attributes = newValue } }
    }
    var isRecording: Bool { true }

    func setStatus(_ status: SpanStatus) { state.withLock { $0.status = status } }
    func addEvent(_ event: SpanEvent) { state.withLock { $0.events.append(event.name) } }
    func recordError<Instant: TracerInstant>(_ error: Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant) {
        state.withLock { $0.events.append("exception") }
    }
    func addLink(_ link: SpanLink) {
        guard let linked = link.context[TraceTestTracer.SpanKey.self] else { return }
        state.withLock { $0.links.append(linked) }
    }
    func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        tracer.record(state.withLock { $0 })
    }
}
