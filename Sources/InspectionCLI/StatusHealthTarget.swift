import Dispatch
import Foundation
import WorkerRuntime

/// A worker's HTTP endpoint given with `--health NAME=URL`, and its `/health/ready` probe.
///
/// The probe is ``HTTPProbe``, which speaks to loopback only: the workers' ports are not open to other hosts (the
/// Kubernetes NetworkPolicies let in only Prometheus), so an operator reaches them through
/// `kubectl port-forward` or the compose stack's published ports, both on 127.0.0.1.
struct StatusHealthTarget: Sendable, Equatable {
    var worker: String
    var port: Int

    var url: String { "http://127.0.0.1:\(port)" }

    /// Parses `NAME=http://127.0.0.1:PORT`, `NAME=http://localhost:PORT` or `NAME=PORT` (a trailing `/` or
    /// `/health/ready` is allowed).
    init(parsing text: String) throws {
        guard let equals = text.firstIndex(of: "="), !text[..<equals].isEmpty else {
            throw CLIError("--health \(text): expected NAME=URL, e.g. casefile-intake=http://127.0.0.1:8081")
        }
        worker = String(text[..<equals])
        var address = String(text[text.index(after: equals)...])
        for suffix in ["/health/ready", "/"] where address.hasSuffix(suffix) { address.removeLast(suffix.count) }
        for prefix in ["http://127.0.0.1:", "http://localhost:", "127.0.0.1:", "localhost:"] where address.hasPrefix(prefix) {
            address.removeFirst(prefix.count)
            break
        }
        guard let port = Int(address), (1...65535).contains(port) else {
            throw CLIError(
                "--health \(text): the address must be http://127.0.0.1:PORT (workers' ports are reached on loopback, e.g. through kubectl port-forward)"
            )
        }
        self.port = port
    }

    /// Asks `/health/ready` on a thread of its own (the probe blocks, for up to 2 s when nothing answers in time).
    func probe() async -> StatusReport.Health {
        let port = self.port
        let answer = await withCheckedContinuation { (continuation: CheckedContinuation<(status: Int, body: String)?, Never>) in
            DispatchQueue.global().async { continuation.resume(returning: HTTPProbe.get(port: port, path: "/health/ready")) }
        }
        guard let answer else { return StatusReport.Health(worker: worker, url: url, ready: false, httpStatus: nil, reason: "no answer") }
        let ready = answer.status == 200
        var reason: String?
        if !ready {
            let body = try? JSONDecoder().decode(ReadinessBody.self, from: Data(answer.body.utf8))
            reason = body?.reason ?? "HTTP \(answer.status)"
        }
        return StatusReport.Health(worker: worker, url: url, ready: ready, httpStatus: answer.status, reason: reason)
    }
}

/// The body of a `/health/ready` answer, of which the status view shows the reason.
private struct ReadinessBody: Decodable {
    var reason: String?
}
