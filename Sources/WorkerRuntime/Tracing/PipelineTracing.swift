import Instrumentation
import Kafka
import Tracing

/// How a worker traces the records it consumes and produces.
///
/// - With a tracer (OpenTelemetry export configured, ``TracingBootstrap``): every consumed record gets a
///   `process <topic>` span (kind consumer) continuing the trace of its `traceparent` header, or of the CloudEvents
///   distributed-tracing extension in its JSON when it has no such header; every record it causes (outputs and dead
///   letters) gets a `send <topic>` span (kind producer) under it, whose context goes into the record's
///   `traceparent`/`tracestate` headers. A record sent with ``OutputRecord/links`` (a judgement built from many inputs)
///   starts a trace of its own, linked to those inputs' spans.
/// - Without one: no span is made; an input's `traceparent`/`tracestate` headers are copied onto the records it
///   causes, so the trace stays whole for the consumers downstream. The JSON is not looked at.
///
/// Spans carry topic names, partitions, offsets, the consumer group and dead-letter codes: never keys, values or
/// header values other than the trace context.
public final class PipelineTracing: Sendable {
    /// Nil when tracing is off.
    public let tracer: (any Tracer)?
    let consumerGroup: String

    /// No tracer: headers passed through, no spans.
    public static let disabled = PipelineTracing(tracer: nil, consumerGroup: "")

    public init(tracer: (any Tracer)?, consumerGroup: String) {
        self.tracer = tracer
        self.consumerGroup = consumerGroup
    }

    public var isEnabled: Bool { tracer != nil }

    /// The trace of a consumed record while it is processed; nil when there is nothing to trace (no tracer and no
    /// incoming context), so that the untraced path costs one look at the headers.
    public func begin(_ message: KafkaMessage) -> EventTrace? {
        guard let tracer else {
            // Passed through as received: the headers themselves, checked, never formatted again.
            var parentHeader: KafkaHeader?
            var stateHeader: KafkaHeader?
            for header in message.headers {
                // Names compared by length first: most records carry a header or two, neither of these.
                switch header.name.utf8.count {
                case 11 where parentHeader == nil && header.name == TraceHeaders.traceparent: parentHeader = header
                case 10 where stateHeader == nil && header.name == TraceHeaders.tracestate: stateHeader = header
                default: continue
                }
            }
            guard let parentHeader, let value = parentHeader.value,
                let incoming = TraceContext(traceparentBytes: value, tracestateBytes: stateHeader?.value)
            else { return nil }
            let headers = incoming.traceState == nil ? [parentHeader] : [parentHeader, stateHeader!]
            return EventTrace(
                span: nil, context: incoming, spanContext: nil, passThrough: headers, bound: BoundTrace(context: incoming, linkable: false))
        }
        let incoming = TraceContext(headers: message.headers) ?? message.value.flatMap { TraceContext(cloudEvent: $0) }
        var parent = InstrumentationContext.topLevel
        if let incoming { tracer.extract(TraceCarrier(incoming), into: &parent, using: TraceCarrier.Extractor()) }
        let span = tracer.startSpan("process \(message.topic)", context: parent, ofKind: .consumer)
        if span.isRecording {
            let group = consumerGroup
            span.updateAttributes { attributes in
                attributes["messaging.system"] = "kafka"
                attributes["messaging.operation.type"] = "process"
                attributes["messaging.operation.name"] = "process"
                attributes["messaging.destination.name"] = message.topic
                attributes["messaging.destination.partition.id"] = String(message.partition)
                attributes["messaging.kafka.offset"] = Int(message.offset)
                attributes["messaging.consumer.group.name"] = group
            }
        }
        // The span's own W3C context (for the logs and for links), or the incoming one with a tracer that has none.
        let own = Self.w3cContext(of: span.context, tracer: tracer) ?? incoming
        return EventTrace(
            span: span, context: own, spanContext: span.context, passThrough: [],
            bound: own.map { BoundTrace(context: $0, linkable: true) })
    }

    /// Prepares a record for sending: its `send` span (started, context in its headers) when tracing, or the
    /// parent's context copied into its headers when not. `parent` is the trace of the input that caused it (nil for
    /// records sent outside the processing of an input). Internal records (changelogs) are left alone.
    public func startSend(_ record: inout OutputRecord, parent: EventTrace?) -> (any Tracing.Span)? {
        if case .internal = record.kind { return nil }
        guard let tracer else {
            if let parent, !parent.passThrough.isEmpty {
                record.record.headers = Self.replacingTraceHeaders(of: record.record.headers, with: parent.passThrough)
            }
            return nil
        }
        let topic = record.record.topic
        let span = tracer.startSpan("send \(topic)", context: parent?.spanContext ?? .topLevel, ofKind: .producer)
        if span.isRecording {
            let partition = record.record.partition
            let links = max(record.links.count, record.linkedInputs)
            span.updateAttributes { attributes in
                attributes["messaging.system"] = "kafka"
                attributes["messaging.operation.type"] = "send"
                attributes["messaging.operation.name"] = "send"
                attributes["messaging.destination.name"] = topic
                if let partition { attributes["messaging.destination.partition.id"] = String(partition) }
                if links > 0 { attributes["inspection.judgement.inputs"] = links }
            }
            for link in record.links.prefix(TraceLinks.limit) {
                var context = InstrumentationContext.topLevel
                tracer.extract(TraceCarrier(link), into: &context, using: TraceCarrier.Extractor())
                span.addLink(SpanLink(context: context, attributes: [:]))
            }
        }
        record.record.headers.removeAll { $0.name == TraceHeaders.traceparent || $0.name == TraceHeaders.tracestate }
        tracer.inject(span.context, into: &record.record.headers, using: KafkaHeaderInjector())
        if let context = parent?.context, !record.record.headers.contains(where: { $0.name == TraceHeaders.traceparent }) {
            // A tracer that propagates nothing (NoOpTracer): pass the input's context through.
            record.record.headers = context.written(into: record.record.headers)
        }
        return span
    }

    /// `headers` without trace headers, then `trace` (one allocation).
    static func replacingTraceHeaders(of headers: [KafkaHeader], with trace: [KafkaHeader]) -> [KafkaHeader] {
        var result: [KafkaHeader] = []
        result.reserveCapacity(headers.count + trace.count)
        for header in headers where header.name != TraceHeaders.traceparent && header.name != TraceHeaders.tracestate {
            result.append(header)
        }
        result.append(contentsOf: trace)
        return result
    }

    private static func w3cContext(of context: InstrumentationContext, tracer: any Tracer) -> TraceContext? {
        var carrier = TraceCarrier()
        tracer.inject(context, into: &carrier, using: TraceCarrier.Injector())
        return carrier.context
    }
}

/// The trace of one consumed record while it is processed.
public struct EventTrace: Sendable {
    /// The `process` span (nil without a tracer).
    public let span: (any Tracing.Span)?
    /// The W3C context the records it causes continue: its span's, or without a tracer the incoming one.
    public let context: TraceContext?
    /// The span's instrumentation context: the parent of the `send` spans (nil without a tracer).
    let spanContext: InstrumentationContext?
    /// Without a tracer: the input's `traceparent` (and `tracestate`) headers, copied onto the records it causes.
    let passThrough: [KafkaHeader]
    /// What ``bind(_:)`` makes current: ``context``, for the log metadata (`trace_id`, `span_id`) and ``TraceLinks``.
    let bound: BoundTrace?

    /// Runs `body` with this event's trace as ``BoundTrace/current``.
    public func bind<T>(_ body: () throws -> T) rethrows -> T {
        try BoundTrace.$current.withValue(bound, operation: body)
    }

    /// Runs `body` with this event's trace as ``BoundTrace/current``.
    public func bind<T>(isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T) async rethrows -> T {
        try await BoundTrace.$current.withValue(bound, operation: body)
    }

    /// Ends the span once the record's outputs are handed to the producer: a dead letter among them marks it as an
    /// error of that code (`error.type`).
    public func end(outputs: [OutputRecord]) {
        guard let span else { return }
        for output in outputs {
            if case .deadLetter(_, let code) = output.kind {
                span.attributes["error.type"] = code
                span.setStatus(SpanStatus(code: .error, message: code))
                break
            }
        }
        span.end()
    }

    /// Ends the span of a record whose processing failed (the worker then stops).
    func fail(_ error: any Error) {
        guard let span else { return }
        span.attributes["error.type"] = String(describing: type(of: error))
        span.setStatus(SpanStatus(code: .error))
        span.end()
    }
}

/// The trace of the event being processed, bound to the task while it is (``EventTrace/bind(_:)``): read by the log
/// metadata provider and by ``TraceLinks``. A task-local of its own, not the instrumentation context: binding it
/// costs no dictionary per event.
public struct BoundTrace: Sendable {
    /// The W3C context of the event's `process` span, or without a tracer the incoming one.
    public let context: TraceContext
    /// Whether a tracer records spans (only then are links remembered).
    let linkable: Bool

    @TaskLocal public static var current: BoundTrace?
}
