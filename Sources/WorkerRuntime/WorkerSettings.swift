/// Every setting the workers read (environment variables, or the same names in `CONFIG_FILE`).
public enum WorkerSettings {
    public static let all: [Setting] = [
        Setting("KAFKA_BOOTSTRAP_SERVERS", default: "localhost:9092", "Comma-separated host:port list of Kafka brokers."),
        Setting("KAFKA_SECURITY_PROTOCOL", default: "PLAINTEXT", "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL."),
        Setting("KAFKA_SASL_MECHANISM", default: nil, "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (with a SASL protocol)."),
        Setting("KAFKA_SASL_USERNAME", default: nil, "SASL user name."),
        Setting("KAFKA_SASL_PASSWORD", default: nil, "SASL password (prefer KAFKA_SASL_PASSWORD_FILE)."),
        Setting("KAFKA_SASL_PASSWORD_FILE", default: nil, "File holding the SASL password (e.g. a mounted Secret)."),
        Setting("KAFKA_SSL_CA_LOCATION", default: nil, "PEM file of the CA that signed the brokers' certificates."),
        Setting("KAFKA_SSL_CERTIFICATE_LOCATION", default: nil, "Client certificate (PEM) for mutual TLS."),
        Setting("KAFKA_SSL_KEY_LOCATION", default: nil, "Client private key (PEM) for mutual TLS."),
        Setting("KAFKA_SSL_KEY_PASSWORD", default: nil, "The client key's password (prefer KAFKA_SSL_KEY_PASSWORD_FILE)."),
        Setting("KAFKA_SSL_KEY_PASSWORD_FILE", default: nil, "File holding the client key's password."),
        Setting(
            "KAFKA_SSL_ENDPOINT_IDENTIFICATION", default: "https",
            "https to verify broker host names; none (skip the check) is refused unless KAFKA_ALLOW_INSECURE is on."),
        Setting(
            "KAFKA_ALLOW_INSECURE", default: "false",
            "Allow insecure transport settings (TLS settings on a protocol without TLS, SASL PLAIN without TLS, host verification off, security properties in KAFKA_CLIENT_PROPERTIES); each is logged as a warning at start."
        ),
        Setting(
            "KAFKA_CLIENT_PROPERTIES", default: nil,
            "Extra librdkafka properties, comma-separated key=value pairs (tuning); the consumer, producer and admin client each take those that apply to them. Security properties (security.protocol, sasl.*, ssl.*) are refused."
        ),
        Setting("KAFKA_GROUP_ID", default: nil, "Consumer group id; defaults to the worker's name."),
        Setting("HTTP_PORT", default: nil, "Port of /health/live, /health/ready and /metrics (8081–8084 by worker)."),
        Setting("HTTP_HOST", default: "0.0.0.0", "Address the HTTP server binds."),
        Setting("HTTP_IDLE_TIMEOUT_SECONDS", default: "30", "Idle HTTP connections are closed after this many seconds."),
        Setting("HTTP_MAX_CONNECTIONS", default: "64", "Most HTTP connections open at once; further ones wait to be accepted."),
        Setting("LOG_FORMAT", default: "text", "text or json (one JSON object a line)."),
        Setting("LOG_LEVEL", default: "info", "trace, debug, info, notice, warning, error or critical."),
        Setting("SHUTDOWN_TIMEOUT_SECONDS", default: "20", "Longest graceful shutdown on SIGTERM before giving up."),
        Setting("CONFIG_FILE", default: nil, "Optional file of KEY=VALUE lines; the environment wins over it."),
        Setting(
            "INSPECTION_CONFIG_DIR", default: nil,
            "Folder with omi-v1.json, codebook.json and the bank holidays; found next to the executable or in ./config when unset."),
        Setting("TOPICS_AUTO_CREATE", default: "true", "Create missing topics this worker uses at start (idempotent)."),
        Setting("TOPIC_PARTITIONS", default: "6", "Partitions for topics this worker creates (inputs must be co-partitioned)."),
        Setting("TOPIC_REPLICATION_FACTOR", default: "-1", "Replication factor for created topics (-1 = broker default)."),
        Setting(
            "PSEUDONYM_KEY", default: nil, "Secret key of the caseRef pseudonym (HMAC-SHA-256); required by casefile-intake.",
            workers: ["casefile-intake"]),
        Setting("PSEUDONYM_KEY_FILE", default: nil, "File holding the pseudonym key (preferred to PSEUDONYM_KEY).", workers: ["casefile-intake"]),
        Setting(
            "DEVELOPMENT_MODE", default: "false",
            "Local development only: without a pseudonym key, use the published development key, and accept published keys (with a warning). Never in production.",
            workers: ["casefile-intake"]),
        Setting("TOPIC_INSPECTIONS", default: "inspections", "Inspection lifecycle events.", workers: ["findings-consolidator"]),
        Setting("TOPIC_CASEFILES", default: "casefiles", "Case records and examinations.", workers: ["casefile-intake"]),
        Setting("TOPIC_INTERVIEWS", default: "interviews", "Recorded interviews.", workers: ["transcript-intake"]),
        Setting(
            "TOPIC_CASEFILES_ASSESSED", default: "casefiles.assessed", "Assessed case files.", workers: ["casefile-intake", "findings-consolidator"]),
        Setting("TOPIC_INTERVIEWS_CODED", default: "interviews.coded", "Coded interviews.", workers: ["transcript-intake", "findings-consolidator"]),
        Setting(
            "TOPIC_REPORTING_JUDGEMENTS", default: "reporting.judgements", "Published judgements.",
            workers: ["findings-consolidator", "aggregate-reporter"]),
        Setting("TOPIC_REPORTING_AGGREGATES", default: "reporting.aggregates", "Periodic aggregates.", workers: ["aggregate-reporter"]),
        Setting(
            "STATE_TOPIC", default: nil, "Compacted changelog of the worker's state; defaults to <worker>.state.",
            workers: ["findings-consolidator", "aggregate-reporter"]),
        Setting("DLQ_SUFFIX", default: ".dlq", "Suffix of each input topic's dead-letter topic."),
        Setting(
            "PUBLISH_INTERVAL_MS", default: "1000", "Shortest interval between two judgements of one inspection (coalescing).",
            workers: ["findings-consolidator"]),
        Setting(
            "MAX_TASK_IDLE_MS", default: "2000",
            "Longest wait for an input partition with nothing buffered whose end is not known, before the records of the other inputs are applied without it (SPEC §8.6).",
            workers: ["findings-consolidator"]),
        Setting(
            "MAX_IN_FLIGHT", default: "100000",
            "Messages taken but not yet done (records acknowledged and, for the consolidator, the changelog written) before fetching pauses. Each costs a few hundred bytes; the consolidator needs about its input rate × 1 s."
        ),
        // Tracing (docs/operations.md, "Tracing"): the OpenTelemetry SDK's own variables. Other OTEL_* variables the
        // OpenTelemetry specification defines for traces (OTEL_BSP_*, OTEL_EXPORTER_OTLP_TIMEOUT, …) are passed on too.
        Setting(
            "OTEL_TRACES_EXPORTER", default: "none",
            "otlp to export a span per event processed and per record sent (OTLP/HTTP); none for no spans (trace headers are still passed on).",
            workers: workerNames),
        Setting(
            "OTEL_EXPORTER_OTLP_ENDPOINT", default: "http://localhost:4318",
            "Base URL of the OpenTelemetry collector; traces go to /v1/traces under it.", workers: workerNames),
        Setting(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", default: nil, "Full URL for traces, used as given (overrides OTEL_EXPORTER_OTLP_ENDPOINT).",
            workers: workerNames),
        Setting(
            "OTEL_EXPORTER_OTLP_PROTOCOL", default: "http/protobuf", "http/protobuf or http/json (gRPC is not built in).", workers: workerNames),
        Setting(
            "OTEL_EXPORTER_OTLP_HEADERS", default: nil, "Headers sent with every export, comma-separated key=value pairs (e.g. an API key).",
            workers: workerNames),
        Setting("OTEL_SERVICE_NAME", default: nil, "The service name of the spans; defaults to the worker's name.", workers: workerNames),
        Setting(
            "OTEL_RESOURCE_ATTRIBUTES", default: nil, "More resource attributes, comma-separated key=value pairs (e.g. deployment.environment=prod).",
            workers: workerNames),
        Setting(
            "OTEL_TRACES_SAMPLER", default: "parentbased_always_on",
            "Sampler: parentbased_always_on, parentbased_always_off, parentbased_traceidratio, always_on, always_off or traceidratio.",
            workers: workerNames),
        Setting("OTEL_TRACES_SAMPLER_ARG", default: nil, "The ratio of the traceidratio samplers (0 to 1).", workers: workerNames),
        Setting("OTEL_SDK_DISABLED", default: "false", "true turns tracing off whatever OTEL_TRACES_EXPORTER says.", workers: workerNames),
        Setting(
            "OTEL_PROPAGATORS", default: "tracecontext",
            "W3C trace context only: tracecontext, or tracecontext,baggage (baggage is not propagated); anything else stops the worker.",
            workers: workerNames),
    ]

    /// The four workers (settings that the `inspection` tool does not read).
    static let workerNames = ["casefile-intake", "transcript-intake", "findings-consolidator", "aggregate-reporter"]

    /// The setting with this name (precondition: it exists).
    public static func named(_ name: String) -> Setting {
        guard let setting = all.first(where: { $0.name == name }) else { preconditionFailure("unknown setting \(name)") }
        return setting
    }
}
