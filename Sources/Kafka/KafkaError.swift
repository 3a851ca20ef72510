import CRdKafka

/// An error from librdkafka or from this wrapper, with librdkafka's code and how to react to it.
public struct KafkaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// librdkafka's `rd_kafka_resp_err_t` value (negative values are client-internal errors).
    public let code: Int32
    /// librdkafka's symbolic name of the code, e.g. `_QUEUE_FULL` or `UNKNOWN_TOPIC_OR_PART`.
    public let name: String
    /// A human-readable reason.
    public let message: String
    /// The client instance can no longer be used: the process should exit and be restarted.
    public let isFatal: Bool
    /// The same operation may succeed when tried again later (broker down, timeout, queue full).
    public let isRetriable: Bool
    /// Inside a transaction: the transaction must be aborted, the producer stays usable.
    public let requiresAbort: Bool

    public init(code: Int32, message: String, isFatal: Bool? = nil, isRetriable: Bool? = nil, requiresAbort: Bool = false) {
        self.code = code
        self.name = String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(code)))
        self.message = message
        let classified = KafkaError.classify(code)
        self.isFatal = isFatal ?? classified.fatal
        self.isRetriable = isRetriable ?? classified.retriable
        self.requiresAbort = requiresAbort
    }

    init(_ err: rd_kafka_resp_err_t, context: String? = nil) {
        let reason = String(cString: rd_kafka_err2str(err))
        self.init(code: err.rawValue, message: context.map { "\($0): \(reason)" } ?? reason)
    }

    /// An error raised by this wrapper itself rather than librdkafka (code `_FAIL`).
    public static func client(_ message: String) -> KafkaError {
        KafkaError(code: RD_KAFKA_RESP_ERR__FAIL.rawValue, message: message, isFatal: false, isRetriable: false)
    }

    public var description: String { "\(name) (\(code)): \(message)\(isFatal ? " [fatal]" : "")\(isRetriable ? " [retriable]" : "")" }

    /// Whether a record was refused for its size: over the producer's `message.max.bytes` (refused when
    /// enqueued) or the topic's `max.message.bytes` (refused by the broker).
    public var isMessageTooLarge: Bool {
        code == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE.rawValue || code == RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE.rawValue
    }

    /// Classifies a librdkafka code without a broker: fatal errors end the client; transient ones are retried.
    public static func classify(_ code: Int32) -> (fatal: Bool, retriable: Bool) {
        let err = rd_kafka_resp_err_t(code)
        switch err {
        case RD_KAFKA_RESP_ERR__FATAL, RD_KAFKA_RESP_ERR__INVALID_ARG, RD_KAFKA_RESP_ERR__SSL,
            RD_KAFKA_RESP_ERR__AUTHENTICATION, RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED,
            RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED,
            RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
            RD_KAFKA_RESP_ERR_PRODUCER_FENCED, RD_KAFKA_RESP_ERR__FENCED, RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH,
            RD_KAFKA_RESP_ERR_UNSUPPORTED_SASL_MECHANISM, RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE:
            return (true, false)
        case RD_KAFKA_RESP_ERR__QUEUE_FULL, RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN,
            RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR__MSG_TIMED_OUT, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
            RD_KAFKA_RESP_ERR__RESOLVE, RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE,
            RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
            RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND, RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION,
            RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_NOT_COORDINATOR,
            RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS, RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS,
            RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION,
            RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR,
            RD_KAFKA_RESP_ERR_CONCURRENT_TRANSACTIONS, RD_KAFKA_RESP_ERR__WAIT_COORD,
            RD_KAFKA_RESP_ERR__IN_PROGRESS, RD_KAFKA_RESP_ERR__RETRY, RD_KAFKA_RESP_ERR_THROTTLING_QUOTA_EXCEEDED:
            return (false, true)
        default:
            return (false, false)
        }
    }
}

extension KafkaError {
    /// Builds a `KafkaError` from an `rd_kafka_error_t`, destroying it.
    init(consuming error: OpaquePointer) {
        let code = rd_kafka_error_code(error).rawValue
        let message = String(cString: rd_kafka_error_string(error))
        let fatal = rd_kafka_error_is_fatal(error) != 0
        let retriable = rd_kafka_error_is_retriable(error) != 0
        let abort = rd_kafka_error_txn_requires_abort(error) != 0
        rd_kafka_error_destroy(error)
        self.init(
            code: code, message: message, isFatal: fatal || KafkaError.classify(code).fatal,
            isRetriable: retriable || KafkaError.classify(code).retriable, requiresAbort: abort)
    }
}
