import Foundation
import Instrumentation
import Logging
import OTel
import ServiceLifecycle
import Tracing

/// Tracing as the standard `OTEL_*` settings ask (environment or `CONFIG_FILE`, like every setting).
///
/// Off unless `OTEL_TRACES_EXPORTER=otlp` (and `OTEL_SDK_DISABLED` is not `true`): then spans are exported with
/// OTLP/HTTP (protobuf by default, or `http/json`) to `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, or to
/// `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces` (default `http://localhost:4318`), as service `OTEL_SERVICE_NAME`
/// (default the worker's name), by swift-otel's batch span processor, which runs as a service next to the
/// pipeline. The other `OTEL_*` variables swift-otel reads (sampler, batch sizes, headers, timeout, compression,
/// certificates, resource attributes) are passed to it as given. Only traces: logs and metrics keep their own
/// outputs (standard error, `/metrics`).
public enum TracingBootstrap {
    /// What the settings ask for: the tracing of the pipeline, and the exporter's service when tracing is on.
    public struct Result: Sendable {
        public var tracing: PipelineTracing
        public var service: (any Service)?
    }

    /// The OTLP transports built in (gRPC is not: it would add its own HTTP/2 stack to every executable).
    static let protocols = ["http/protobuf", "http/json"]

    /// The settings for the exporter, checked; nil when tracing is off.
    static func exporterEnvironment(workerName: String, settings: SettingsSource) throws(ConfigurationError) -> [String: String]? {
        if try settings.bool("OTEL_SDK_DISABLED") { return nil }
        switch settings.string("OTEL_TRACES_EXPORTER")?.lowercased() {
        case nil, "none": return nil
        case "otlp": break
        case let other?:
            throw ConfigurationError(setting: "OTEL_TRACES_EXPORTER", reason: "must be otlp or none, got \"\(other)\"")
        }
        for name in ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"] {
            guard let value = settings.values[name], !value.isEmpty else { continue }
            guard protocols.contains(value) else {
                throw ConfigurationError(setting: name, reason: "must be \(protocols.joined(separator: " or ")), got \"\(value)\"")
            }
        }
        for name in ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"] {
            guard let value = settings.values[name], !value.isEmpty else { continue }
            guard let url = URL(string: value), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false
            else { throw ConfigurationError(setting: name, reason: "must be an http:// or https:// URL with a host, got \"\(value)\"") }
        }
        if let value = settings.values["OTEL_PROPAGATORS"], !value.isEmpty {
            let propagators = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard propagators.contains("tracecontext"), propagators.allSatisfy({ $0 == "tracecontext" || $0 == "baggage" }) else {
                throw ConfigurationError(
                    setting: "OTEL_PROPAGATORS", reason: "only tracecontext is supported (baggage is accepted, not propagated), got \"\(value)\"")
            }
        }
        var environment = settings.values.filter { $0.key.hasPrefix("OTEL_") && !$0.value.isEmpty }
        // Handled here: swift-otel would otherwise switch logs and metrics back on with it.
        environment["OTEL_SDK_DISABLED"] = nil
        environment["OTEL_TRACES_EXPORTER"] = "otlp"
        // W3C trace context only: swift-otel stops the process on a propagator it does not build (`baggage`, `b3`).
        environment["OTEL_PROPAGATORS"] = "tracecontext"
        if environment["OTEL_SERVICE_NAME"] == nil { environment["OTEL_SERVICE_NAME"] = workerName }
        return environment
    }

    /// Reads the settings and, when tracing is on, bootstraps the process's instrumentation system with swift-otel's
    /// tracer (once per process). Its diagnostics (export failures, dropped spans) go to `logger`.
    public static func bootstrap(
        workerName: String, consumerGroup: String, settings: SettingsSource, logger: Logger
    ) throws(ConfigurationError) -> Result {
        guard let environment = try exporterEnvironment(workerName: workerName, settings: settings) else {
            return Result(tracing: .disabled, service: nil)
        }
        var configuration = OTel.Configuration.default
        configuration.serviceName = workerName
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.traces.exporter = .otlp
        configuration.traces.otlpExporter.protocol = .httpProtobuf
        var diagnostics = logger
        diagnostics[metadataKey: "component"] = "otel"
        configuration.diagnosticLogger = .custom(diagnostics)
        let service: any Service
        do {
            service = try OTel.bootstrap(configuration: configuration, environment: environment)
        } catch {
            throw ConfigurationError(setting: "OTEL_TRACES_EXPORTER", reason: "cannot start the OTLP exporter: \(error)")
        }
        let endpoint = environment["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] ?? environment["OTEL_EXPORTER_OTLP_ENDPOINT"] ?? "http://localhost:4318"
        let transport = environment["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"] ?? environment["OTEL_EXPORTER_OTLP_PROTOCOL"] ?? "http/protobuf"
        logger.info(
            "tracing on",
            metadata: [
                "exporter": "otlp", "protocol": "\(transport)", "endpoint": "\(endpoint)",
                "service": "\(environment["OTEL_SERVICE_NAME"] ?? workerName)",
            ])
        return Result(tracing: PipelineTracing(tracer: InstrumentationSystem.tracer, consumerGroup: consumerGroup), service: service)
    }
}
