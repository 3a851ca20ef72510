import Foundation
import Kafka
import Logging

/// A worker's validated configuration. Built once at start; a bad value fails with the setting's name.
public struct WorkerConfiguration: Sendable {
    public var workerName: String
    public var kafka: KafkaConfiguration
    public var groupID: String
    public var httpHost: String
    public var httpPort: Int
    /// Idle HTTP connections are closed after this (`HTTP_IDLE_TIMEOUT_SECONDS`).
    public var httpIdleTimeout: Duration
    /// The most HTTP connections open at once (`HTTP_MAX_CONNECTIONS`).
    public var httpMaxConnections: Int
    public var logFormat: LogFormat
    public var logLevel: Logger.Level
    public var shutdownTimeout: Duration
    public var autoCreateTopics: Bool
    public var topicPartitions: Int
    public var replicationFactor: Int
    public var dlqSuffix: String
    public var maxInFlight: Int
    public var publishInterval: Duration
    /// The longest wait for an input with nothing buffered and no known end (`MAX_TASK_IDLE_MS`, §8.6).
    public var maxTaskIdle: Duration
    public var topics: TopicNames
    public var settings: SettingsSource
    /// Insecure transport settings allowed by `KAFKA_ALLOW_INSECURE`, logged as warnings at every start.
    public var securityWarnings: [String] = []

    public enum LogFormat: String, Sendable { case text, json }

    /// The topic names in use (defaults as SPEC §2).
    public struct TopicNames: Sendable {
        public var inspections: String
        public var casefiles: String
        public var interviews: String
        public var casefilesAssessed: String
        public var interviewsCoded: String
        public var reportingJudgements: String
        public var reportingAggregates: String
    }

    /// Producer settings the workers use on top of `KafkaConfiguration.producerDefaults`, each with its reason;
    /// `KAFKA_CLIENT_PROPERTIES` still overrides them.
    public static let producerTuning: [String: String] = [
        // A worker's outputs are never awaited one at a time, so a longer linger costs only latency (up to 10 ms
        // a hop; the judgements are coalesced for a second anyway). With 2 ms, librdkafka's producer thread built
        // five times as many requests: 34-35 % of a core at 50,000 case files/s against 14-17 % with 10 ms
        // (docs/performance.md). The library default stays 2 ms for tools that await each record.
        "linger.ms": "10"
    ]

    /// Settings for the dead-letter topics a worker or `inspection topics create` makes: a dead letter is the
    /// event as it came plus its `dlq.*` headers, and a `PAYLOAD_TOO_LARGE` one is over 1 MiB, which a topic
    /// with the broker's default limit (1 MiB) would refuse. 4 MiB, as the producer's `message.max.bytes`.
    public static let deadLetterTopicConfigs: [String: String] = ["max.message.bytes": "4194304"]

    /// The worker's producer configuration: `kafka` plus ``producerTuning`` where not set explicitly. (The
    /// consumer gets `kafka` alone; each client leaves out what `KAFKA_CLIENT_PROPERTIES` sets for the other kind.)
    public var producerKafka: KafkaConfiguration {
        var producer = kafka
        for (key, value) in Self.producerTuning where producer[key] == nil { producer[key] = value }
        return producer
    }

    /// The default HTTP port of each worker (SPEC §10).
    public static let defaultPorts: [String: Int] = [
        "casefile-intake": 8081, "transcript-intake": 8082, "findings-consolidator": 8083, "aggregate-reporter": 8084,
    ]

    public static func load(workerName: String, from source: SettingsSource) throws(ConfigurationError) -> WorkerConfiguration {
        let bootstrap = try source.required("KAFKA_BOOTSTRAP_SERVERS")
        var kafka = KafkaConfiguration(bootstrapServers: bootstrap)
        var warnings: [String] = []
        let allowInsecure = try source.bool("KAFKA_ALLOW_INSECURE")
        // Applied before the security settings, so that those always win; touching them here is refused.
        if let extra = source.string("KAFKA_CLIENT_PROPERTIES") {
            for pair in extra.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty else {
                    throw ConfigurationError(setting: "KAFKA_CLIENT_PROPERTIES", reason: "expected key=value pairs separated by commas")
                }
                if isSecurityProperty(parts[0]) {
                    guard allowInsecure else {
                        throw ConfigurationError(
                            setting: "KAFKA_CLIENT_PROPERTIES",
                            reason:
                                "sets \(parts[0]); security properties come from the KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_* and KAFKA_SSL_* settings (or set KAFKA_ALLOW_INSECURE=true)"
                        )
                    }
                    warnings.append("KAFKA_CLIENT_PROPERTIES sets \(parts[0]) (allowed by KAFKA_ALLOW_INSECURE)")
                }
                kafka[parts[0]] = parts[1]
            }
        }
        warnings += try applySecurity(from: source, to: &kafka, allowInsecure: allowInsecure)
        let format = source.string("LOG_FORMAT") ?? "text"
        guard let logFormat = LogFormat(rawValue: format.lowercased()) else {
            throw ConfigurationError(setting: "LOG_FORMAT", reason: "must be text or json, got \"\(format)\"")
        }
        let levelText = source.string("LOG_LEVEL") ?? "info"
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw ConfigurationError(setting: "LOG_LEVEL", reason: "must be one of trace, debug, info, notice, warning, error, critical")
        }
        let port = try source.int("HTTP_PORT", range: 0...65535) ?? defaultPorts[workerName] ?? 8080
        let topics = TopicNames(
            inspections: try topic("TOPIC_INSPECTIONS", source),
            casefiles: try topic("TOPIC_CASEFILES", source),
            interviews: try topic("TOPIC_INTERVIEWS", source),
            casefilesAssessed: try topic("TOPIC_CASEFILES_ASSESSED", source),
            interviewsCoded: try topic("TOPIC_INTERVIEWS_CODED", source),
            reportingJudgements: try topic("TOPIC_REPORTING_JUDGEMENTS", source),
            reportingAggregates: try topic("TOPIC_REPORTING_AGGREGATES", source))
        return WorkerConfiguration(
            workerName: workerName,
            kafka: kafka,
            groupID: source.string("KAFKA_GROUP_ID") ?? workerName,
            httpHost: source.string("HTTP_HOST") ?? "0.0.0.0",
            httpPort: port,
            httpIdleTimeout: .seconds(try source.int("HTTP_IDLE_TIMEOUT_SECONDS", range: 1...3600) ?? 30),
            httpMaxConnections: try source.int("HTTP_MAX_CONNECTIONS", range: 1...10_000) ?? 64,
            logFormat: logFormat,
            logLevel: level,
            shutdownTimeout: .seconds(try source.int("SHUTDOWN_TIMEOUT_SECONDS", range: 1...3600) ?? 20),
            autoCreateTopics: try source.bool("TOPICS_AUTO_CREATE"),
            topicPartitions: try source.int("TOPIC_PARTITIONS", range: 1...10_000) ?? 6,
            replicationFactor: try source.int("TOPIC_REPLICATION_FACTOR", range: -1...100) ?? -1,
            dlqSuffix: source.string("DLQ_SUFFIX") ?? ".dlq",
            maxInFlight: try source.int("MAX_IN_FLIGHT", range: 1...1_000_000) ?? 100_000,
            publishInterval: .milliseconds(try source.int("PUBLISH_INTERVAL_MS", range: 0...600_000) ?? 1000),
            maxTaskIdle: .milliseconds(try source.int("MAX_TASK_IDLE_MS", range: 0...3_600_000) ?? 2000),
            topics: topics,
            settings: source,
            securityWarnings: warnings)
    }

    private static func topic(_ name: String, _ source: SettingsSource) throws(ConfigurationError) -> String {
        let value = try source.required(name)
        let allowed = value.unicodeScalars.allSatisfy {
            $0.properties.isASCIIHexDigit || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
                || ("0"..."9").contains($0)
        }
        guard allowed, value.count <= 200 else {
            throw ConfigurationError(setting: name, reason: "not a valid topic name: \"\(value)\"")
        }
        return value
    }

    /// Whether a librdkafka property belongs to the transport's security (set only through the dedicated settings).
    static func isSecurityProperty(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered == "security.protocol" || lowered.hasPrefix("sasl.") || lowered.hasPrefix("ssl.")
            || lowered == "enable.ssl.certificate.verification" || lowered.hasPrefix("ssl_")
    }

    /// TLS and SASL settings → librdkafka properties. Insecure combinations (TLS settings on a protocol without
    /// TLS, SASL PLAIN without TLS, host verification off) are refused unless `allowInsecure`; then each is
    /// returned as a warning to log.
    static func applySecurity(
        from source: SettingsSource, to kafka: inout KafkaConfiguration, allowInsecure: Bool = false
    ) throws(ConfigurationError) -> [String] {
        var warnings: [String] = []
        func insecure(_ setting: String, _ reason: String) throws(ConfigurationError) {
            guard allowInsecure else { throw ConfigurationError(setting: setting, reason: reason + " (or set KAFKA_ALLOW_INSECURE=true)") }
            warnings.append("\(setting): \(reason) (allowed by KAFKA_ALLOW_INSECURE)")
        }
        let protocolName = (source.string("KAFKA_SECURITY_PROTOCOL") ?? "PLAINTEXT").uppercased()
        guard ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"].contains(protocolName) else {
            throw ConfigurationError(
                setting: "KAFKA_SECURITY_PROTOCOL", reason: "must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, got \"\(protocolName)\"")
        }
        let usesTLS = protocolName.hasSuffix("SSL")
        kafka["security.protocol"] = protocolName.lowercased()
        if protocolName.hasPrefix("SASL") {
            guard let mechanism = source.string("KAFKA_SASL_MECHANISM")?.uppercased() else {
                throw ConfigurationError(setting: "KAFKA_SASL_MECHANISM", reason: "is required with \(protocolName)")
            }
            guard ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"].contains(mechanism) else {
                throw ConfigurationError(
                    setting: "KAFKA_SASL_MECHANISM", reason: "must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, got \"\(mechanism)\"")
            }
            if mechanism == "PLAIN" && !usesTLS {
                try insecure("KAFKA_SASL_MECHANISM", "PLAIN sends the password in clear over \(protocolName); use SASL_SSL or a SCRAM mechanism")
            }
            kafka["sasl.mechanisms"] = mechanism
            kafka["sasl.username"] = try source.required("KAFKA_SASL_USERNAME")
            guard let password = try source.secret("KAFKA_SASL_PASSWORD") else {
                throw ConfigurationError(setting: "KAFKA_SASL_PASSWORD", reason: "is required with \(protocolName) (or KAFKA_SASL_PASSWORD_FILE)")
            }
            kafka["sasl.password"] = password
        } else {
            for setting in ["KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD", "KAFKA_SASL_PASSWORD_FILE"]
            where source.values[setting]?.isEmpty == false {
                throw ConfigurationError(setting: setting, reason: "is set but KAFKA_SECURITY_PROTOCOL \(protocolName) does not use SASL")
            }
        }
        let tlsSettings = [
            ("KAFKA_SSL_CA_LOCATION", "ssl.ca.location"),
            ("KAFKA_SSL_CERTIFICATE_LOCATION", "ssl.certificate.location"),
            ("KAFKA_SSL_KEY_LOCATION", "ssl.key.location"),
        ]
        if usesTLS {
            for (setting, property) in tlsSettings {
                guard let path = source.string(setting) else { continue }
                guard FileManager.default.isReadableFile(atPath: path) else {
                    throw ConfigurationError(setting: setting, reason: "cannot read \(path)")
                }
                kafka[property] = path
            }
            if let keyPassword = try source.secret("KAFKA_SSL_KEY_PASSWORD") { kafka["ssl.key.password"] = keyPassword }
            let identification = source.string("KAFKA_SSL_ENDPOINT_IDENTIFICATION") ?? "https"
            guard ["https", "none"].contains(identification) else {
                throw ConfigurationError(setting: "KAFKA_SSL_ENDPOINT_IDENTIFICATION", reason: "must be https or none")
            }
            if identification == "none" {
                try insecure("KAFKA_SSL_ENDPOINT_IDENTIFICATION", "none switches off the check of the broker's host name")
            }
            kafka["ssl.endpoint.identification.algorithm"] = identification
        } else {
            // (KAFKA_SSL_ENDPOINT_IDENTIFICATION has a default and protects nothing by itself, so it is not among them.)
            let given = tlsSettings.map(\.0) + ["KAFKA_SSL_KEY_PASSWORD", "KAFKA_SSL_KEY_PASSWORD_FILE"]
            for setting in given where source.values[setting]?.isEmpty == false {
                try insecure(setting, "is a TLS setting but KAFKA_SECURITY_PROTOCOL \(protocolName) does not use TLS; use SSL or SASL_SSL")
            }
        }
        return warnings
    }

    /// The state changelog topic (`STATE_TOPIC`, default `<worker>.state`).
    public var stateTopic: String { settings.string("STATE_TOPIC") ?? "\(workerName).state" }

    /// The dead-letter topic of an input topic.
    public func deadLetterTopic(for input: String) -> String { input + dlqSuffix }
}
