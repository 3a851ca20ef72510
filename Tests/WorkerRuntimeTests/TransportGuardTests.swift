import Foundation
import Kafka
import Testing

@testable import WorkerRuntime

/// §10: insecure transport combinations stop a worker with the setting's name unless `KAFKA_ALLOW_INSECURE` is on,
/// and then each is a warning logged at every start. Plaintext itself stays allowed.
@Suite struct TransportGuardTests {
    func load(_ values: [String: String]) throws -> WorkerConfiguration {
        try WorkerConfiguration.load(workerName: "transcript-intake", from: SettingsSource(values: values))
    }

    static let caFile: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("transport-guard-\(UUID().uuidString).pem").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("pem".utf8))
        return path
    }()

    static let insecure: [([String: String], String)] = [
        // TLS settings on a protocol without TLS would be ignored: the operator believes the traffic is encrypted.
        (["KAFKA_SSL_CA_LOCATION": caFile], "KAFKA_SSL_CA_LOCATION"),
        (
            [
                "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM": "SCRAM-SHA-256", "KAFKA_SASL_USERNAME": "u",
                "KAFKA_SASL_PASSWORD": "p", "KAFKA_SSL_CA_LOCATION": caFile,
            ], "KAFKA_SSL_CA_LOCATION"
        ),
        (["KAFKA_SSL_KEY_PASSWORD": "secret"], "KAFKA_SSL_KEY_PASSWORD"),
        // PLAIN sends the password in clear without TLS.
        (
            [
                "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM": "PLAIN", "KAFKA_SASL_USERNAME": "u",
                "KAFKA_SASL_PASSWORD": "p",
            ], "KAFKA_SASL_MECHANISM"
        ),
        // Host name verification switched off.
        (["KAFKA_SECURITY_PROTOCOL": "SSL", "KAFKA_SSL_ENDPOINT_IDENTIFICATION": "none"], "KAFKA_SSL_ENDPOINT_IDENTIFICATION"),
        // The security settings cannot be overridden through the tuning list.
        (["KAFKA_SECURITY_PROTOCOL": "SSL", "KAFKA_CLIENT_PROPERTIES": "security.protocol=plaintext"], "KAFKA_CLIENT_PROPERTIES"),
        (["KAFKA_CLIENT_PROPERTIES": "linger.ms=5, sasl.mechanisms=PLAIN"], "KAFKA_CLIENT_PROPERTIES"),
        (["KAFKA_SECURITY_PROTOCOL": "SSL", "KAFKA_CLIENT_PROPERTIES": "enable.ssl.certificate.verification=false"], "KAFKA_CLIENT_PROPERTIES"),
        (["KAFKA_SECURITY_PROTOCOL": "SSL", "KAFKA_CLIENT_PROPERTIES": "SSL.endpoint.identification.algorithm=none"], "KAFKA_CLIENT_PROPERTIES"),
    ]

    @Test(arguments: insecure)
    func anInsecureCombinationIsRefusedNamingTheSetting(values: [String: String], setting: String) {
        #expect {
            _ = try load(values)
        } throws: { error in
            let error = error as? ConfigurationError
            return error?.setting == setting && error?.reason.contains("KAFKA_ALLOW_INSECURE") == true
        }
    }

    @Test(arguments: insecure)
    func allowedExplicitlyItIsAWarning(values: [String: String], setting: String) throws {
        var allowed = values
        allowed["KAFKA_ALLOW_INSECURE"] = "true"
        let configuration = try load(allowed)
        #expect(configuration.securityWarnings.contains { $0.contains(setting) })
    }

    @Test func secureAndPlaintextSettingsGiveNoWarning() throws {
        #expect(try load([:]).securityWarnings.isEmpty, "plaintext stays allowed: development and tests run on it")
        let scram = try load([
            "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512", "KAFKA_SASL_USERNAME": "u",
            "KAFKA_SASL_PASSWORD": "p",
        ])
        #expect(scram.securityWarnings.isEmpty)
        let tls = try load([
            "KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "KAFKA_SASL_MECHANISM": "PLAIN", "KAFKA_SASL_USERNAME": "u",
            "KAFKA_SASL_PASSWORD": "p", "KAFKA_SSL_CA_LOCATION": Self.caFile, "KAFKA_CLIENT_PROPERTIES": "linger.ms=5",
        ])
        #expect(tls.securityWarnings.isEmpty && tls.kafka["ssl.endpoint.identification.algorithm"] == "https")
        #expect(tls.kafka["linger.ms"] == "5")
    }

    @Test func saslSettingsWithoutASaslProtocolAreRefused() {
        #expect {
            _ = try load(["KAFKA_SASL_USERNAME": "u", "KAFKA_SASL_PASSWORD": "p"])
        } throws: { error in
            ["KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD"].contains((error as? ConfigurationError)?.setting ?? "")
        }
    }
}
