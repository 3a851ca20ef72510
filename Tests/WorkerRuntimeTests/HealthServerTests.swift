import Foundation
import Testing

@testable import WorkerRuntime

@Suite struct HealthServerTests {
    /// A failure reason with quotes, backslashes and a newline still gives a valid JSON body that says it.
    @Test func reasonsAreEncodedNotInterpolated() throws {
        let reason = "broker \"kafka-1\" said: C:\\path\nnext line"
        let data = HealthServer.encoded(.init(status: "not ready", reason: reason))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(object == ["status": "not ready", "reason": reason])
        #expect(String(decoding: HealthServer.encoded(.init(status: "ready")), as: UTF8.self) == #"{"status":"ready"}"#)
    }

    @Test func httpLimitsAreSettingsWithDefaults() throws {
        let defaults = try WorkerConfiguration.load(workerName: "transcript-intake", from: SettingsSource(values: [:]))
        #expect(defaults.httpIdleTimeout == .seconds(30) && defaults.httpMaxConnections == 64)
        let set = try WorkerConfiguration.load(
            workerName: "transcript-intake", from: SettingsSource(values: ["HTTP_IDLE_TIMEOUT_SECONDS": "5", "HTTP_MAX_CONNECTIONS": "8"]))
        #expect(set.httpIdleTimeout == .seconds(5) && set.httpMaxConnections == 8)
    }
}
