import Hummingbird
import Logging
import ServiceLifecycle

/// `GET /health/live`, `GET /health/ready` and `GET /metrics` on the worker's HTTP port.
public enum HealthServer {
    /// The Hummingbird application (a swift-service-lifecycle `Service`).
    public static func make(host: String, port: Int, health: HealthState, metrics: WorkerMetrics, logger: Logger) -> any Service {
        let router = Router()
        router.get("/health/live") { _, _ -> Response in
            health.isLive ? text(.ok, "{\"status\":\"live\"}") : text(.serviceUnavailable, "{\"status\":\"dead\",\"reason\":\"\(health.reason)\"}")
        }
        router.get("/health/ready") { _, _ -> Response in
            health.isReady
                ? text(.ok, "{\"status\":\"ready\"}") : text(.serviceUnavailable, "{\"status\":\"not ready\",\"reason\":\"\(health.reason)\"}")
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil), logger: logger)
    }

    private static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
