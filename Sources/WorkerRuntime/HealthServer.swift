import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle

/// `GET /health/live`, `GET /health/ready` and `GET /metrics` on the worker's HTTP port.
public enum HealthServer {
    /// A health answer's body.
    struct Status: Encodable {
        var status: String
        var reason: String?
    }

    /// The Hummingbird application (a swift-service-lifecycle `Service`). Idle connections are closed after
    /// `idleTimeout`, and at most `maxConnections` are open at once (further ones wait to be accepted), so slow
    /// or idle clients cannot take the file descriptors the Kafka clients share.
    public static func make(
        host: String, port: Int, health: HealthState, metrics: WorkerMetrics, logger: Logger,
        idleTimeout: Duration = .seconds(30), maxConnections: Int = 64
    ) -> any Service {
        let router = Router()
        router.get("/health/live") { _, _ -> Response in
            health.isLive ? json(.ok, Status(status: "live")) : json(.serviceUnavailable, Status(status: "dead", reason: health.reason))
        }
        router.get("/health/ready") { _, _ -> Response in
            health.isReady
                ? json(.ok, Status(status: "ready")) : json(.serviceUnavailable, Status(status: "not ready", reason: health.reason))
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        let milliseconds = idleTimeout.components.seconds * 1000 + idleTimeout.components.attoseconds / 1_000_000_000_000_000
        return Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .milliseconds(milliseconds))),
            configuration: .init(
                address: .hostname(host, port: port), serverName: nil,
                availableConnectionsDelegate: MaximumAvailableConnections(maxConnections, logger: logger)),
            logger: logger)
    }

    /// A JSON body built by an encoder (a reason with quotes or newlines stays valid JSON).
    static func json(_ status: HTTPResponse.Status, _ body: Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: encoded(body))))
    }

    static func encoded(_ body: Status) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(body)) ?? Data(#"{"status":"unknown"}"#.utf8)
    }
}
