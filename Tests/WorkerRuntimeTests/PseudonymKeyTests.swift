import Foundation
import Logging
import Testing

@testable import WorkerRuntime

/// §10: casefile-intake needs the pseudonym key; without one, or with a key published in this repository, it does
/// not start unless `DEVELOPMENT_MODE` is on.
@Suite struct PseudonymKeyTests {
    let logger = Logger(label: "test")

    func load(_ values: [String: String]) throws -> [UInt8] {
        try PseudonymKey.load(from: SettingsSource(values: values), logger: logger)
    }

    func keyFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pseudonym-\(UUID().uuidString)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func withoutAKeyItFailsNamingTheFileSetting() {
        #expect { _ = try load([:]) } throws: { ($0 as? ConfigurationError)?.setting == "PSEUDONYM_KEY_FILE" }
        #expect { _ = try load(["PSEUDONYM_KEY": "", "DEVELOPMENT_MODE": "false"]) } throws: {
            ($0 as? ConfigurationError)?.setting == "PSEUDONYM_KEY_FILE"
        }
    }

    @Test func aKeyFromTheFileIsUsedTrimmed() throws {
        let path = try keyFile("a-secret-key-of-our-own-0123456789\n")
        #expect(try load(["PSEUDONYM_KEY_FILE": path]) == Array("a-secret-key-of-our-own-0123456789".utf8))
        #expect(try load(["PSEUDONYM_KEY": "another-secret-key-0123"]) == Array("another-secret-key-0123".utf8))
    }

    @Test func aShortKeyIsRefused() throws {
        let path = try keyFile("short")
        #expect { _ = try load(["PSEUDONYM_KEY_FILE": path]) } throws: { ($0 as? ConfigurationError)?.setting == "PSEUDONYM_KEY_FILE" }
    }

    /// Every key committed to the repository: the development key, the compose secret, the Kubernetes example's
    /// placeholder (read from the files themselves, so a changed placeholder is still caught) and the demo's.
    static func publishedKeys() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let compose = try String(contentsOf: root.appendingPathComponent("deploy/compose/pseudonym-key.DEVELOPMENT-ONLY"), encoding: .utf8)
        let example = try String(contentsOf: root.appendingPathComponent("deploy/kubernetes/secret.example.yaml"), encoding: .utf8)
        let placeholder = try #require(
            example.split(separator: "\n").first { $0.contains("pseudonym-key:") }?.split(separator: "\"").dropFirst().first)
        return [PseudonymKey.development, compose.trimmingCharacters(in: .whitespacesAndNewlines), String(placeholder)]
    }

    @Test func publishedKeysAreRefusedOutsideDevelopmentMode() throws {
        let keys = try Self.publishedKeys()
        #expect(keys.count == 3)
        for key in keys {
            let path = try keyFile(key + "\n")
            #expect(throws: ConfigurationError.self, "\(key) from a file") { _ = try load(["PSEUDONYM_KEY_FILE": path]) }
            #expect(throws: ConfigurationError.self, "\(key) from the environment") { _ = try load(["PSEUDONYM_KEY": key]) }
            #expect(try load(["PSEUDONYM_KEY_FILE": path, "DEVELOPMENT_MODE": "true"]) == Array(key.utf8))
        }
    }

    @Test func developmentModeFallsBackToTheDevelopmentKey() throws {
        #expect(try load(["DEVELOPMENT_MODE": "true"]) == Array(PseudonymKey.development.utf8))
        #expect { _ = try load(["DEVELOPMENT_MODE": "perhaps"]) } throws: { ($0 as? ConfigurationError)?.setting == "DEVELOPMENT_MODE" }
    }
}
