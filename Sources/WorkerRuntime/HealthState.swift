import Synchronization

/// Liveness and readiness, shared by the pipeline and the HTTP server.
public final class HealthState: Sendable {
    private let state = Mutex<(live: Bool, ready: Bool, reason: String)>((true, false, "starting"))

    public init() {}

    public var isLive: Bool { state.withLock { $0.live } }
    public var isReady: Bool { state.withLock { $0.ready } }
    public var reason: String { state.withLock { $0.reason } }

    public func setReady(_ ready: Bool, reason: String) {
        state.withLock {
            $0.ready = ready; $0.reason = reason
        }
    }

    /// The worker cannot recover (a fatal client error): liveness fails so the orchestrator restarts it.
    public func setDead(reason: String) {
        state.withLock { $0 = (false, false, reason) }
    }
}
