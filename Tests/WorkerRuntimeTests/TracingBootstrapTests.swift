import Testing

@testable import WorkerRuntime

/// Which `OTEL_*` settings turn export on, which stop the worker, and what reaches swift-otel.
@Suite struct TracingBootstrapTests {
    static func environment(_ values: [String: String]) throws(ConfigurationError) -> [String: String]? {
        try TracingBootstrap.exporterEnvironment(workerName: "casefile-intake", settings: SettingsSource(values: values))
    }

    /// The setting a configuration error names, or nil when the settings are accepted.
    static func refusedSetting(_ values: [String: String]) -> String? {
        do {
            _ = try environment(values)
            return nil
        } catch {
            return error.setting
        }
    }

    @Test func exportIsOffUnlessAsked() throws {
        #expect(try Self.environment([:]) == nil)
        #expect(try Self.environment(["OTEL_TRACES_EXPORTER": "none"]) == nil)
        #expect(try Self.environment(["OTEL_TRACES_EXPORTER": "otlp", "OTEL_SDK_DISABLED": "true"]) == nil)
        // Endpoints alone do not turn it on.
        #expect(try Self.environment(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"]) == nil)
    }

    @Test func exportOnPassesTheSettingsWithDefaults() throws {
        let passed = try #require(
            try Self.environment([
                "OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318",
                "OTEL_BSP_SCHEDULE_DELAY": "500", "OTEL_SDK_DISABLED": "false", "OTEL_PROPAGATORS": "tracecontext,baggage",
                "KAFKA_BOOTSTRAP_SERVERS": "broker:9092",
            ]))
        #expect(passed["OTEL_TRACES_EXPORTER"] == "otlp")
        #expect(passed["OTEL_SERVICE_NAME"] == "casefile-intake")
        #expect(passed["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://collector:4318")
        #expect(passed["OTEL_BSP_SCHEDULE_DELAY"] == "500")
        #expect(passed["OTEL_PROPAGATORS"] == "tracecontext", "baggage is not handed to swift-otel")
        #expect(passed["OTEL_SDK_DISABLED"] == nil)
        #expect(passed["KAFKA_BOOTSTRAP_SERVERS"] == nil, "only OTEL_* settings")
        let named = try #require(try Self.environment(["OTEL_TRACES_EXPORTER": "otlp", "OTEL_SERVICE_NAME": "intake-eu"]))
        #expect(named["OTEL_SERVICE_NAME"] == "intake-eu")
    }

    @Test func badSettingsStopTheWorkerNamingTheSetting() {
        let on = ["OTEL_TRACES_EXPORTER": "otlp"]
        #expect(Self.refusedSetting(["OTEL_TRACES_EXPORTER": "zipkin"]) == "OTEL_TRACES_EXPORTER")
        #expect(Self.refusedSetting(on.merging(["OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"]) { $1 }) == "OTEL_EXPORTER_OTLP_PROTOCOL")
        #expect(Self.refusedSetting(on.merging(["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "thrift"]) { $1 }) == "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
        for endpoint in ["otel-collector:4318", "collector", "ftp://collector:4318", "http://"] {
            #expect(
                Self.refusedSetting(on.merging(["OTEL_EXPORTER_OTLP_ENDPOINT": endpoint]) { $1 }) == "OTEL_EXPORTER_OTLP_ENDPOINT",
                "\(endpoint)")
        }
        #expect(
            Self.refusedSetting(on.merging(["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "collector:4318/v1/traces"]) { $1 })
                == "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
        for propagators in ["b3", "none", "baggage", "tracecontext,b3multi"] {
            #expect(Self.refusedSetting(on.merging(["OTEL_PROPAGATORS": propagators]) { $1 }) == "OTEL_PROPAGATORS", "\(propagators)")
        }
        #expect(Self.refusedSetting(on.merging(["OTEL_EXPORTER_OTLP_ENDPOINT": "https://collector.example:4318"]) { $1 }) == nil)
        #expect(Self.refusedSetting(on.merging(["OTEL_PROPAGATORS": "tracecontext"]) { $1 }) == nil)
    }

    /// A judgement's links keep the inputs' span ids and flags, not their `tracestate`s.
    @Test func linksDropTheTraceState() throws {
        let links = TraceLinks()
        var context = try #require(TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        context.traceState = "vendor=" + String(repeating: "x", count: 200)
        BoundTrace.$current.withValue(BoundTrace(context: context, linkable: true)) { links.record("INS-1") }
        let taken = links.take("INS-1")
        #expect(taken.count == 1)
        let link = try #require(taken.contexts.first)
        #expect(link.traceState == nil)
        #expect(link.traceIDHigh == context.traceIDHigh && link.traceIDLow == context.traceIDLow && link.spanID == context.spanID)
    }
}
