import Logging
import Synchronization

/// State reachable from librdkafka's C callbacks through the handle's opaque pointer.
final class ClientContext: Sendable {
    let logger: Logger
    private let errors = Mutex<ErrorState>(ErrorState())
    /// The consumer's rebalance handler, set once after the handle exists.
    let rebalanceTarget = Mutex<(any RebalanceTarget)?>(nil)

    struct ErrorState {
        var fatal: KafkaError?
        var pending: [KafkaError] = []
        var fatalObservers: [@Sendable (KafkaError) -> Void] = []
    }

    init(logger: Logger) {
        self.logger = logger
    }

    /// Records a client-level error (called on the poll thread).
    func record(_ error: KafkaError) {
        if error.isFatal {
            logger.critical("fatal Kafka client error", metadata: ["error": "\(error)"])
        } else {
            logger.warning("Kafka client error", metadata: ["error": "\(error)"])
        }
        let observers = errors.withLock { state -> [@Sendable (KafkaError) -> Void] in
            if state.pending.count < 100 { state.pending.append(error) }
            guard error.isFatal, state.fatal == nil else { return [] }
            state.fatal = error
            defer { state.fatalObservers = [] }
            return state.fatalObservers
        }
        for observer in observers { observer(error) }
    }

    /// Calls `body` with the first fatal error when it is recorded (at once if it already was).
    func onFatalError(_ body: @escaping @Sendable (KafkaError) -> Void) {
        let fatal = errors.withLock { state -> KafkaError? in
            if state.fatal == nil { state.fatalObservers.append(body) }
            return state.fatal
        }
        if let fatal { body(fatal) }
    }

    /// The first fatal error seen, if any.
    var fatalError: KafkaError? { errors.withLock { $0.fatal } }

    /// Errors recorded since the last call.
    func drainErrors() -> [KafkaError] {
        errors.withLock { state in
            defer { state.pending.removeAll() }
            return state.pending
        }
    }
}
