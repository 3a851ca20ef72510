import Foundation
import Kafka
import Logging
import Testing

@testable import WorkerRuntime

@Suite struct WorkerConfigurationTests {
    func load(_ values: [String: String], worker: String = "casefile-intake") throws -> WorkerConfiguration {
        try WorkerConfiguration.load(workerName: worker, from: SettingsSource(values: values))
    }

    @Test func defaultsFollowTheSpec() throws {
        let configuration = try load([:])
        #expect(configuration.kafka["bootstrap.servers"] == "localhost:9092")
        #expect(configuration.httpPort == 8081)
        #expect(try load([:], worker: "findings-consolidator").httpPort == 8083)
        #expect(configuration.topics.casefiles == "casefiles" && configuration.topics.reportingJudgements == "reporting.judgements")
        #expect(configuration.deadLetterTopic(for: "casefiles") == "casefiles.dlq")
        #expect(configuration.groupID == "casefile-intake")
        #expect(configuration.stateTopic == "casefile-intake.state")
    }

    /// The workers' producer lingers 10 ms unless KAFKA_CLIENT_PROPERTIES says otherwise; the consumer's
    /// configuration never carries the producer-only property.
    @Test func producerTuningAppliesToTheProducerOnly() throws {
        let configuration = try load([:])
        #expect(configuration.producerKafka["linger.ms"] == "10")
        #expect(configuration.kafka["linger.ms"] == nil)
        #expect(configuration.producerKafka["bootstrap.servers"] == configuration.kafka["bootstrap.servers"])
        let explicit = try load(["KAFKA_CLIENT_PROPERTIES": "linger.ms=3"])
        #expect(explicit.producerKafka["linger.ms"] == "3")
    }

    @Test(arguments: [
        (["HTTP_PORT": "eighty"], "HTTP_PORT"),
        (["HTTP_PORT": "70000"], "HTTP_PORT"),
        (["LOG_FORMAT": "xml"], "LOG_FORMAT"),
        (["KAFKA_SECURITY_PROTOCOL": "SASL_SSL"], "KAFKA_SASL_MECHANISM"),
        (["KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM": "GSSAPI"], "KAFKA_SASL_MECHANISM"),
        (["KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM": "SCRAM-SHA-256"], "KAFKA_SASL_USERNAME"),
        (["KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM": "SCRAM-SHA-256", "KAFKA_SASL_USERNAME": "u"], "KAFKA_SASL_PASSWORD"),
        (["KAFKA_SECURITY_PROTOCOL": "SSL", "KAFKA_SSL_CA_LOCATION": "/no/such/ca.pem"], "KAFKA_SSL_CA_LOCATION"),
        (["KAFKA_SECURITY_PROTOCOL": "TLS"], "KAFKA_SECURITY_PROTOCOL"),
        (["TOPIC_CASEFILES": "bad topic!"], "TOPIC_CASEFILES"),
        (["TOPICS_AUTO_CREATE": "maybe"], "TOPICS_AUTO_CREATE"),
        (["KAFKA_CLIENT_PROPERTIES": "linger.ms"], "KAFKA_CLIENT_PROPERTIES"),
        (["SHUTDOWN_TIMEOUT_SECONDS": "0"], "SHUTDOWN_TIMEOUT_SECONDS"),
    ])
    func aBadSettingFailsNamingIt(values: [String: String], setting: String) {
        #expect {
            _ = try load(values)
        } throws: { error in
            (error as? ConfigurationError)?.setting == setting && "\(error)".contains(setting)
        }
    }

    @Test func saslScramAndTLSBecomeLibrdkafkaProperties() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let ca = directory.appendingPathComponent("ca.pem").path
        let password = directory.appendingPathComponent("password").path
        try "pem".write(toFile: ca, atomically: true, encoding: .utf8)
        try "s3cret\n".write(toFile: password, atomically: true, encoding: .utf8)
        let configuration = try load([
            "KAFKA_SECURITY_PROTOCOL": "sasl_ssl", "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512", "KAFKA_SASL_USERNAME": "worker",
            "KAFKA_SASL_PASSWORD_FILE": password, "KAFKA_SSL_CA_LOCATION": ca,
        ])
        #expect(configuration.kafka["security.protocol"] == "sasl_ssl")
        #expect(configuration.kafka["sasl.mechanisms"] == "SCRAM-SHA-512")
        #expect(configuration.kafka["sasl.username"] == "worker")
        #expect(configuration.kafka["sasl.password"] == "s3cret", "read from the file, trailing newline trimmed")
        #expect(configuration.kafka["ssl.ca.location"] == ca)
    }

    @Test func theEnvironmentWinsOverTheConfigFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).env").path
        try "# comment\nHTTP_PORT=9000\nTOPIC_CASEFILES=\"cases\"\nLOG_LEVEL=debug\n".write(toFile: file, atomically: true, encoding: .utf8)
        let source = try SettingsSource.fromEnvironment(["CONFIG_FILE": file, "HTTP_PORT": "9100"])
        let configuration = try WorkerConfiguration.load(workerName: "casefile-intake", from: source)
        #expect(configuration.httpPort == 9100)
        #expect(configuration.topics.casefiles == "cases")
        #expect(configuration.logLevel == .debug)
    }

    @Test func aMissingConfigFileIsNamed() {
        #expect { _ = try SettingsSource.fromEnvironment(["CONFIG_FILE": "/no/such/file"]) } throws: { error in
            (error as? ConfigurationError)?.setting == "CONFIG_FILE"
        }
    }

    @Test func everySettingReadIsDocumentedOnce() {
        let names = WorkerSettings.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.contains("KAFKA_BOOTSTRAP_SERVERS") && names.contains("HTTP_PORT") && names.contains("PSEUDONYM_KEY"))
    }
}
