import CRdKafka

extension KafkaAdmin {
    /// One admin request, blocking: a reply queue and options with the request timeout (and the operation timeout when
    /// `operationTimeout`), `start(options, queue)` to issue it, then `read` of the result event, which is destroyed
    /// afterwards. A missing reply and an error on the event throw, described by `context`.
    static func request<R>(
        handle: OpaquePointer, operation: rd_kafka_admin_op_t, timeoutMs: Int32, operationTimeout: Bool = false, context: String,
        start: (_ options: OpaquePointer?, _ queue: OpaquePointer?) -> Void,
        read: (_ event: OpaquePointer) throws(KafkaError) -> R
    ) throws(KafkaError) -> R {
        var errstr = [CChar](repeating: 0, count: 512)
        let queue = rd_kafka_queue_new(handle)
        defer { rd_kafka_queue_destroy(queue) }
        let options = rd_kafka_AdminOptions_new(handle, operation)
        defer { rd_kafka_AdminOptions_destroy(options) }
        if operationTimeout { _ = rd_kafka_AdminOptions_set_operation_timeout(options, timeoutMs, &errstr, errstr.count) }
        _ = rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, &errstr, errstr.count)
        start(options, queue)
        guard let event = rd_kafka_queue_poll(queue, timeoutMs + 5_000) else {
            throw KafkaError(RD_KAFKA_RESP_ERR__TIMED_OUT, context: context)
        }
        defer { rd_kafka_event_destroy(event) }
        let err = rd_kafka_event_error(event)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, context: context) }
        return try read(event)
    }
}
