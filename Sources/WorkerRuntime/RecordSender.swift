import Kafka
import Logging
import Synchronization
import Tracing

/// Sends records with the runtime's guarantees: transient delivery failures are retried with backoff and
/// jitter (never dead-lettered, never dropped); a permanent failure is recorded as fatal so the process
/// exits non-zero without committing the input that caused it. One exception: a dead letter too large for
/// its topic is sent again without its value (``DeadLetter/withoutValue(_:)``) rather than stopping the worker
/// on the same offset after every restart.
///
/// Every output and dead letter is traced as it is sent (``PipelineTracing``): a `send` span from enqueueing to the
/// broker's acknowledgement, its context in the record's `traceparent`/`tracestate` headers.
final class RecordSender: Sendable {
    let producer: KafkaProducer
    private let metrics: WorkerMetrics
    private let logger: Logger
    private let policy: RetryPolicy
    let tracing: PipelineTracing
    private let retries: AsyncStream<Retry>.Continuation
    let retryStream: AsyncStream<Retry>
    private let fatal = Mutex<FatalState>(FatalState())

    private struct FatalState {
        var error: Error?
        var observers: [@Sendable (Error) -> Void] = []
    }

    struct Retry: Sendable {
        var record: OutputRecord
        var attempt: Int
        var span: (any Tracing.Span)?
        var onDelivered: @Sendable () -> Void
    }

    init(
        producer: KafkaProducer, metrics: WorkerMetrics, logger: Logger, policy: RetryPolicy = RetryPolicy(),
        tracing: PipelineTracing = .disabled
    ) {
        self.producer = producer
        self.metrics = metrics
        self.logger = logger
        self.policy = policy
        self.tracing = tracing
        (retryStream, retries) = AsyncStream.makeStream(of: Retry.self)
    }

    /// The permanent failure that must end the process, if one happened.
    var fatalError: Error? { fatal.withLock { $0.error } ?? producer.fatalError }

    /// Calls `body` with the first permanent failure, the sender's or the producer's, when it happens (at once if
    /// it has).
    func onFatalError(_ body: @escaping @Sendable (Error) -> Void) {
        let error = fatal.withLock { state -> Error? in
            if state.error == nil { state.observers.append(body) }
            return state.error
        }
        if let error { body(error) }
        producer.onFatalError { body($0) }
    }

    private func recordFatal(_ error: Error) {
        let observers = fatal.withLock { state -> [@Sendable (Error) -> Void] in
            guard state.error == nil else { return [] }
            state.error = error
            defer { state.observers = [] }
            return state.observers
        }
        for observer in observers { observer(error) }
    }

    /// Enqueues a record (waiting while the producer's queue is full); `onDelivered` runs once it is acknowledged.
    /// `trace` is the trace of the input that caused it, if any (its `send` span's parent).
    func send(_ record: OutputRecord, trace: EventTrace? = nil, onDelivered: @escaping @Sendable () -> Void) async throws {
        var record = record
        let span = tracing.startSend(&record, parent: trace)
        do {
            try await send(record, attempt: 1, span: span, onDelivered: onDelivered)
        } catch {
            span?.recordError(error)
            span?.end()
            throw error
        }
    }

    private func send(
        _ record: OutputRecord, attempt: Int, span: (any Tracing.Span)?, onDelivered: @escaping @Sendable () -> Void
    ) async throws {
        if let error = fatalError { throw error }
        let metrics = self.metrics
        do {
            try await enqueue(record, attempt: attempt, span: span, metrics: metrics, onDelivered: onDelivered)
        } catch  where error.isMessageTooLarge {
            // Over the producer's own `message.max.bytes`: refused before it was queued.
            guard let reduced = withoutValue(record, error) else { throw error }
            try await send(reduced, attempt: attempt, span: span, onDelivered: onDelivered)
        }
    }

    private func enqueue(
        _ record: OutputRecord, attempt: Int, span: (any Tracing.Span)?, metrics: WorkerMetrics,
        onDelivered: @escaping @Sendable () -> Void
    ) async throws(KafkaError) {
        try await producer.send(record.record) { [self] result in
            switch result {
            case .success(let report):
                switch record.kind {
                case .output: metrics.produced(topic: record.record.topic)
                case .deadLetter(let inputTopic, let code): metrics.deadLettered(topic: inputTopic, code: code)
                case .internal: break
                }
                if let span {
                    if span.isRecording {
                        span.updateAttributes { attributes in
                            attributes["messaging.destination.partition.id"] = String(report.partition)
                            attributes["messaging.kafka.offset"] = Int(report.offset)
                        }
                    }
                    span.end()
                }
                onDelivered()
            case .failure(let error) where error.isMessageTooLarge && !error.isFatal && DeadLetter.hasValueToDrop(record):
                // Refused by the broker (the topic's `max.message.bytes`). The refusal is of the partition's whole
                // batch, but a batch is at most `batch.size` (1,000,000 bytes), under the broker's default limit,
                // unless one record alone is larger: in practice that record is the one refused.
                if let reduced = withoutValue(record, error) {
                    retries.yield(Retry(record: reduced, attempt: attempt, span: span, onDelivered: onDelivered))
                } else {
                    endFailed(span, error)
                    recordFatal(error)  // unreachable (hasValueToDrop), but never a silent stall
                }
            case .failure(let error) where error.isRetriable && !error.isFatal:
                metrics.retried()
                logger.warning(
                    "delivery failed, retrying", metadata: ["topic": "\(record.record.topic)", "attempt": "\(attempt)", "error": "\(error)"])
                span?.addEvent(SpanEvent(name: "retry", attributes: ["inspection.send.attempt": .int64(Int64(attempt + 1))]))
                retries.yield(Retry(record: record, attempt: attempt + 1, span: span, onDelivered: onDelivered))
            case .failure(let error):
                logger.critical("delivery failed permanently", metadata: ["topic": "\(record.record.topic)", "error": "\(error)"])
                endFailed(span, error)
                recordFatal(error)
            }
        }
    }

    private func endFailed(_ span: (any Tracing.Span)?, _ error: KafkaError) {
        guard let span else { return }
        span.recordError(error)
        span.setStatus(SpanStatus(code: .error))
        span.end()
    }

    /// The dead letter without its value, logged; nil when `record` is not a dead letter with a value.
    private func withoutValue(_ record: OutputRecord, _ error: KafkaError) -> OutputRecord? {
        guard let reduced = DeadLetter.withoutValue(record) else { return nil }
        metrics.omittedDeadLetterValue()
        logger.error(
            "dead letter too large for its topic; sent without its value",
            metadata: [
                "topic": "\(record.record.topic)", "bytes": "\(record.record.value?.count ?? 0)", "error": "\(error)",
            ])
        return reduced
    }

    /// Resends failed records after their backoff; runs until cancelled. A retry that cannot be made (cancelled at
    /// shutdown, or refused by a stopping producer) ends its `send` span as failed, as do the retries still queued.
    func runRetries() async throws {
        var queue = retryStream.makeAsyncIterator()
        do {
            while let retry = await queue.next() {
                do {
                    try await Task.sleep(for: policy.delay(attempt: retry.attempt))
                    try await send(retry.record, attempt: retry.attempt, span: retry.span, onDelivered: retry.onDelivered)
                } catch {
                    Self.endUnsent(retry.span, error)
                    throw error
                }
            }
        } catch {
            finishRetries()
            while let retry = await queue.next() { Self.endUnsent(retry.span, error) }
            throw error
        }
    }

    private static func endUnsent(_ span: (any Tracing.Span)?, _ error: any Error) {
        guard let span else { return }
        span.recordError(error)
        span.setStatus(SpanStatus(code: .error))
        span.end()
    }

    func finishRetries() { retries.finish() }
}
