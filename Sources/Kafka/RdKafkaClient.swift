import CRdKafka
import Logging

/// The kind of librdkafka handle.
enum ClientKind: Sendable {
    case producer
    case consumer
}

/// Owns one `rd_kafka_t` and its callbacks' context. Internal: the public types wrap it.
final class RdKafkaClient: @unchecked Sendable {
    /// The native handle; valid until `destroy()`.
    let handle: OpaquePointer
    let context: ClientContext
    private let contextPointer: UnsafeMutableRawPointer

    /// Creates the handle. `configure` may install callbacks on the native configuration.
    init(
        kind: ClientKind, configuration: KafkaConfiguration, logger: Logger,
        configure: (OpaquePointer) -> Void = { _ in }
    ) throws(KafkaError) {
        guard let conf = rd_kafka_conf_new() else { throw KafkaError.client("rd_kafka_conf_new failed") }
        var errstr = [CChar](repeating: 0, count: 512)
        for (key, value) in configuration.properties.sorted(by: { $0.key < $1.key })
        where KafkaPropertyScope.applies(key, to: kind) {
            if rd_kafka_conf_set(conf, key, value, &errstr, errstr.count) != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                let reason = errstr.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                throw KafkaError(
                    code: RD_KAFKA_RESP_ERR__INVALID_ARG.rawValue,
                    message: "configuration \(key): \(reason)", isFatal: true, isRetriable: false)
            }
        }
        let context = ClientContext(logger: logger)
        let pointer = Unmanaged.passRetained(context).toOpaque()
        rd_kafka_conf_set_opaque(conf, pointer)
        rd_kafka_conf_set_log_cb(conf) { rk, level, facility, message in
            guard let rk, let opaque = rd_kafka_opaque(rk) else { return }
            let context = Unmanaged<ClientContext>.fromOpaque(opaque).takeUnretainedValue()
            let text = message.map { String(cString: $0) } ?? ""
            let fac = facility.map { String(cString: $0) } ?? ""
            context.logger.log(
                level: level <= 3 ? .error : level <= 4 ? .warning : level <= 6 ? .info : .debug,
                "librdkafka: \(text)", metadata: ["facility": "\(fac)"])
        }
        rd_kafka_conf_set_error_cb(conf) { rk, err, reason, opaque in
            guard let opaque else { return }
            let context = Unmanaged<ClientContext>.fromOpaque(opaque).takeUnretainedValue()
            var error = KafkaError(rd_kafka_resp_err_t(err), context: reason.map { String(cString: $0) })
            if rd_kafka_resp_err_t(err) == RD_KAFKA_RESP_ERR__FATAL, let rk {
                var buffer = [CChar](repeating: 0, count: 512)
                let underlying = rd_kafka_fatal_error(rk, &buffer, buffer.count)
                let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                error = KafkaError(code: underlying.rawValue, message: text, isFatal: true, isRetriable: false)
            }
            context.record(error)
        }
        configure(conf)
        let type = kind == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER
        guard let rk = rd_kafka_new(type, conf, &errstr, errstr.count) else {
            rd_kafka_conf_destroy(conf)
            Unmanaged<ClientContext>.fromOpaque(pointer).release()
            let reason = errstr.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw KafkaError(code: RD_KAFKA_RESP_ERR__INVALID_ARG.rawValue, message: reason, isFatal: true, isRetriable: false)
        }
        self.handle = rk
        self.context = context
        self.contextPointer = pointer
    }

    /// Destroys the handle. Call once, after the poll thread has stopped.
    func destroy() {
        rd_kafka_destroy(handle)
        Unmanaged<ClientContext>.fromOpaque(contextPointer).release()
    }
}
