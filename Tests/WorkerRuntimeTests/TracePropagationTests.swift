import Instrumentation
import Kafka
import Logging
import Testing
import Tracing

@testable import WorkerRuntime

/// The trace context on Kafka headers and in CloudEvents JSON, and how the pipeline's tracing continues it: the
/// `process` span of a consumed record, the `send` spans of the records it causes, links for a record built from
/// many, the log metadata, and the pass-through without a tracer.
@Suite struct TracePropagationTests {
    static let upstream = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    static let upstreamContext = TraceContext(traceparent: upstream)!

    static func message(
        topic: String = "casefiles", headers: [KafkaHeader] = [], value: String = #"{"specversion":"1.0","data":{}}"#
    ) -> KafkaMessage {
        KafkaMessage(topic: topic, partition: 2, offset: 41, key: Array("INS-1".utf8), value: Array(value.utf8), headers: headers)
    }

    static func headerValues(_ headers: [KafkaHeader], _ name: String) -> [String] {
        headers.filter { $0.name == name }.compactMap(\.stringValue)
    }

    // MARK: headers

    @Test func theExtractorReadsTheFirstHeaderOfTheName() {
        let headers = [
            KafkaHeader(name: "content-type", string: "application/cloudevents+json"),
            KafkaHeader(name: "traceparent", string: Self.upstream), KafkaHeader(name: "traceparent", string: "second"),
        ]
        #expect(KafkaHeaderExtractor().extract(key: "traceparent", from: headers) == Self.upstream)
        #expect(KafkaHeaderExtractor().extract(key: "tracestate", from: headers) == nil)
    }

    @Test func theInjectorReplacesAHeaderOfTheSameName() {
        var headers = [KafkaHeader(name: "traceparent", string: "old"), KafkaHeader(name: "content-type", string: "x")]
        KafkaHeaderInjector().inject(Self.upstream, forKey: "traceparent", into: &headers)
        #expect(Self.headerValues(headers, "traceparent") == [Self.upstream])
        #expect(Self.headerValues(headers, "content-type") == ["x"])
    }

    @Test func aContextIsReadFromHeadersWithItsTracestate() throws {
        let context = try #require(
            TraceContext(headers: [
                KafkaHeader(name: "tracestate", string: "rojo=00f067aa0ba902b7"), KafkaHeader(name: "traceparent", string: Self.upstream),
            ]))
        #expect(context.traceparent == Self.upstream)
        #expect(context.traceState == "rojo=00f067aa0ba902b7")
        #expect(TraceContext(headers: [KafkaHeader(name: "traceparent", string: "00-abc")]) == nil)
        #expect(TraceContext(headers: [KafkaHeader(name: "traceparent", value: nil)]) == nil)
        #expect(TraceContext(headers: [KafkaHeader(name: "TraceParent", string: Self.upstream)]) == nil, "header names are exact")
        #expect(TraceContext(headers: []) == nil)
    }

    @Test func writingAContextReplacesBothHeadersAndDropsAStaleTracestate() throws {
        let headers = [
            KafkaHeader(name: "traceparent", string: "00-old"), KafkaHeader(name: "tracestate", string: "old=1"),
            KafkaHeader(name: "dlq.worker", string: "w"),
        ]
        let withState = try #require(TraceContext(traceparent: Self.upstream, tracestate: "new=2")).written(into: headers)
        #expect(Self.headerValues(withState, "traceparent") == [Self.upstream])
        #expect(Self.headerValues(withState, "tracestate") == ["new=2"])
        #expect(Self.headerValues(withState, "dlq.worker") == ["w"])
        let withoutState = Self.upstreamContext.written(into: headers)
        #expect(Self.headerValues(withoutState, "traceparent") == [Self.upstream])
        #expect(Self.headerValues(withoutState, "tracestate") == [])
    }

    // MARK: CloudEvents distributed-tracing extension

    @Test func theCloudEventsExtensionIsReadFromTheTopLevel() throws {
        let before = #"{"specversion":"1.0","traceparent":"\#(Self.upstream)","tracestate":"rojo=1","data":{"x":1}}"#
        let after = #"{"specversion":"1.0","data":{"traceparent":"nested","list":[{"a":"}"}]},"traceparent" : "\#(Self.upstream)"}"#
        for json in [before, after] {
            let context = try #require(TraceContext(cloudEvent: Array(json.utf8)), "\(json)")
            #expect(context.traceparent == Self.upstream)
        }
        #expect(TraceContext(cloudEvent: Array(before.utf8))?.traceState == "rojo=1")
    }

    @Test func aTraceparentNotAtTheTopLevelIsNotTheEvents() {
        let cases = [
            #"{"specversion":"1.0","data":{"traceparent":"\#(Self.upstream)"}}"#,  // inside data
            #"{"data":{"text":"say \"traceparent\":\"\#(Self.upstream)\""}}"#,  // inside a string
            #"{"data":["traceparent","\#(Self.upstream)"]}"#,  // array elements
            #"{"note":"traceparent","x":"\#(Self.upstream)"}"#,  // a value, not a key
            #"{"traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0\u0031"}"#,  // escaped
            #"{"traceparent":42}"#,
            #"["traceparent","\#(Self.upstream)"]"#,
            #"{"specversion":"1.0","data":{}}"#,
            "",
            #"{"traceparent":"\#(Self.upstream)"#,  // truncated string
        ]
        for json in cases {
            #expect(TraceContext(cloudEvent: Array(json.utf8)) == nil, "\(json)")
        }
    }

    // MARK: without a tracer

    @Test func withoutATracerHeadersPassThroughAndTheJSONIsNotRead() throws {
        let tracing = PipelineTracing.disabled
        #expect(tracing.begin(Self.message()) == nil, "nothing to trace: the untraced path")
        let inJSON = Self.message(value: #"{"traceparent":"\#(Self.upstream)","data":{}}"#)
        #expect(tracing.begin(inJSON) == nil, "the JSON is only read when spans are recorded")

        let input = Self.message(headers: [
            KafkaHeader(name: "traceparent", string: Self.upstream), KafkaHeader(name: "tracestate", string: "rojo=1"),
        ])
        let trace = try #require(tracing.begin(input))
        #expect(trace.span == nil)
        #expect(trace.context?.traceparent == Self.upstream)
        var output = OutputRecord(topic: "casefiles.assessed", key: nil, value: [1], headers: [KafkaHeader(name: "content-type", string: "x")])
        #expect(tracing.startSend(&output, parent: trace) == nil)
        #expect(Self.headerValues(output.record.headers, "traceparent") == [Self.upstream])
        #expect(Self.headerValues(output.record.headers, "tracestate") == ["rojo=1"])
        #expect(Self.headerValues(output.record.headers, "content-type") == ["x"])

        var changelog = OutputRecord(topic: "w.state", key: nil, value: [1], kind: .internal)
        _ = tracing.startSend(&changelog, parent: trace)
        #expect(changelog.record.headers.isEmpty, "changelog records carry no trace")
    }

    // MARK: with a tracer

    @Test func aProcessSpanContinuesTheHeadersTraceAndTheOutputsContinueIt() throws {
        let tracer = TraceTestTracer()
        let tracing = PipelineTracing(tracer: tracer, consumerGroup: "casefile-intake")
        let input = Self.message(headers: [
            KafkaHeader(name: "traceparent", string: Self.upstream), KafkaHeader(name: "tracestate", string: "rojo=1"),
        ])
        let trace = try #require(tracing.begin(input))
        let context = try #require(trace.context)
        #expect(context.traceIDHex == Self.upstreamContext.traceIDHex)
        #expect(context.spanID != Self.upstreamContext.spanID)

        var output = OutputRecord(topic: "casefiles.assessed", partition: 2, key: nil, value: [1])
        let sendSpan = try #require(tracing.startSend(&output, parent: trace))
        let deadLetter = DeadLetter.record(for: input, code: "SCHEMA_VIOLATION", message: "data.x: wrong", worker: "w", suffix: ".dlq")
        var deadLetterRecord = deadLetter
        let deadLetterSpan = try #require(tracing.startSend(&deadLetterRecord, parent: trace))
        sendSpan.end()
        deadLetterSpan.end()
        trace.end(outputs: [output, deadLetterRecord])

        let spans = tracer.spans
        let process = try #require(spans.first { $0.name == "process casefiles" })
        #expect(process.kind == .consumer)
        #expect(process.parent?.spanID == Self.upstreamContext.spanID, "the input's span is the parent")
        #expect(process.context.traceIDHex == Self.upstreamContext.traceIDHex)
        #expect(process.attributes.get("messaging.system") == .string("kafka"))
        #expect(process.attributes.get("messaging.operation.type") == .string("process"))
        #expect(process.attributes.get("messaging.destination.name") == .string("casefiles"))
        #expect(process.attributes.get("messaging.destination.partition.id") == .string("2"))
        #expect(process.attributes.get("messaging.kafka.offset") == .int64(41))
        #expect(process.attributes.get("messaging.consumer.group.name") == .string("casefile-intake"))
        #expect(process.attributes.get("error.type") == .string("SCHEMA_VIOLATION"), "a dead letter marks the process span")
        #expect(process.status?.code == .error)
        #expect(process.attributes.get("messaging.operation.name") == .string("process"))
        #expect(
            process.attributes.count == 8, "topic, partition, offset, group, system, operation type and name, error: nothing of the event")

        let sends = spans.filter { $0.name.hasPrefix("send ") }
        #expect(Set(sends.map(\.name)) == ["send casefiles.assessed", "send casefiles.dlq"])
        for send in sends {
            #expect(send.kind == .producer)
            #expect(send.parent == process.context, "sent in the process span")
            #expect(send.attributes.get("messaging.operation.type") == .string("send"))
        }
        let outputSend = try #require(sends.first { $0.name == "send casefiles.assessed" })
        #expect(outputSend.attributes.get("messaging.destination.partition.id") == .string("2"))
        #expect(Self.headerValues(output.record.headers, "traceparent") == [outputSend.context.traceparent])
        #expect(Self.headerValues(output.record.headers, "tracestate") == ["rojo=1"], "the tracestate travels on")
        let deadLetterSend = try #require(sends.first { $0.name == "send casefiles.dlq" })
        #expect(
            Self.headerValues(deadLetterRecord.record.headers, "traceparent") == [deadLetterSend.context.traceparent],
            "the dead letter's copy of the input's traceparent is replaced by its own span's")
        #expect(deadLetterSend.context.traceIDHex == Self.upstreamContext.traceIDHex)
    }

    @Test func withoutAHeaderTheCloudEventsExtensionIsContinued() throws {
        let tracer = TraceTestTracer()
        let tracing = PipelineTracing(tracer: tracer, consumerGroup: "g")
        let other = "00-11111111111111111111111111111111-2222222222222222-01"
        let fromJSON = try #require(tracing.begin(Self.message(value: #"{"traceparent":"\#(Self.upstream)","data":{}}"#)))
        #expect(fromJSON.context?.traceIDHex == Self.upstreamContext.traceIDHex)
        let headerFirst = try #require(
            tracing.begin(
                Self.message(headers: [KafkaHeader(name: "traceparent", string: other)], value: #"{"traceparent":"\#(Self.upstream)"}"#)))
        #expect(headerFirst.context?.traceIDHex == "11111111111111111111111111111111", "the header wins over the JSON")
        let invalidHeader = try #require(
            tracing.begin(
                Self.message(headers: [KafkaHeader(name: "traceparent", string: "00-not-a-trace")], value: #"{"traceparent":"\#(Self.upstream)"}"#)))
        #expect(invalidHeader.context?.traceIDHex == Self.upstreamContext.traceIDHex, "an invalid header gives way to the JSON")
        let fresh = try #require(tracing.begin(Self.message()))
        #expect(fresh.context != nil, "an event without a context starts a trace")
        #expect(fresh.context?.traceIDHex != Self.upstreamContext.traceIDHex)
    }

    /// A record whose processing failed (the worker then stops) still ends its span, as an error.
    @Test func aFailedProcessingEndsItsSpanAsAnError() throws {
        struct Broken: Error {}
        let tracer = TraceTestTracer()
        let tracing = PipelineTracing(tracer: tracer, consumerGroup: "g")
        let trace = try #require(tracing.begin(Self.message(headers: [KafkaHeader(name: "traceparent", string: Self.upstream)])))
        #expect(tracer.spans.isEmpty)
        trace.fail(Broken())
        let span = try #require(tracer.spans.first)
        #expect(tracer.spans.count == 1)
        #expect(span.name == "process casefiles")
        #expect(span.status?.code == .error)
        #expect(span.attributes.get("error.type") == .string("Broken"))
    }

    @Test func aRecordBuiltFromManyInputsLinksToTheirSpans() throws {
        let tracer = TraceTestTracer()
        let tracing = PipelineTracing(tracer: tracer, consumerGroup: "findings-consolidator")
        let links = TraceLinks()
        var processed: [TraceContext] = []
        for index in 0..<3 {
            let upstream = TraceContext(traceIDHigh: 7, traceIDLow: UInt64(index + 1), spanID: 99)!
            let trace = try #require(
                tracing.begin(Self.message(topic: "casefiles.assessed", headers: [KafkaHeader(name: "traceparent", string: upstream.traceparent)])))
            trace.bind { links.record("INS-1") }
            processed.append(try #require(trace.context))
            trace.end(outputs: [])
        }
        links.record("INS-1")  // outside any event's processing: nothing to remember
        let taken = links.take("INS-1")
        #expect(taken.contexts == processed)
        #expect(taken.count == 3)
        #expect(links.take("INS-1").count == 0, "taken once")

        var judgement = OutputRecord(topic: "reporting.judgements", key: nil, value: [1]).linking(taken)
        let span = try #require(tracing.startSend(&judgement, parent: nil))
        span.end()
        let send = try #require(tracer.spans.first { $0.name == "send reporting.judgements" })
        #expect(send.parent == nil, "no single input is its parent")
        #expect(send.links == processed, "linked to every input's process span")
        #expect(send.attributes.get("inspection.judgement.inputs") == .int64(3))
        #expect(Self.headerValues(judgement.record.headers, "traceparent") == [send.context.traceparent])
    }

    @Test func linksAreRememberedOnlyWhileSpansAreRecordedAndAtMostTheLimit() throws {
        let links = TraceLinks()
        let untraced = try #require(
            PipelineTracing.disabled.begin(Self.message(headers: [KafkaHeader(name: "traceparent", string: Self.upstream)])))
        untraced.bind { links.record("INS-1") }
        #expect(links.count == 0)

        let tracing = PipelineTracing(tracer: TraceTestTracer(), consumerGroup: "g")
        for _ in 0..<(TraceLinks.limit + 5) {
            let trace = try #require(tracing.begin(Self.message()))
            trace.bind { links.record("INS-2") }
        }
        let taken = links.take("INS-2")
        #expect(taken.contexts.count == TraceLinks.limit)
        #expect(taken.count == TraceLinks.limit + 5)
        try #require(tracing.begin(Self.message())).bind { links.record("INS-3") }
        links.forget(["INS-3"])
        #expect(links.count == 0)
    }

    // MARK: logs

    @Test func logLinesWrittenWhileAnEventIsProcessedCarryItsTraceAndSpanIds() throws {
        let tracing = PipelineTracing(tracer: TraceTestTracer(), consumerGroup: "g")
        let trace = try #require(tracing.begin(Self.message(headers: [KafkaHeader(name: "traceparent", string: Self.upstream)])))
        let context = try #require(trace.context)
        let handler = JSONLogHandler(label: "test", metadataProvider: .traceContext)
        let event = LogEvent(
            level: .info, message: "event rejected", metadata: ["code": "X"], source: nil, file: #fileID, function: #function, line: #line)
        let inside = trace.bind { handler.line(for: event) }
        #expect(inside.contains(#""trace_id":"\#(context.traceIDHex)""#))
        #expect(inside.contains(#""span_id":"\#(context.spanIDHex)""#))
        #expect(inside.contains(#""code":"X""#))
        let outside = handler.line(for: event)
        #expect(!outside.contains("trace_id"))
        #expect(!outside.contains("span_id"))
    }
}
