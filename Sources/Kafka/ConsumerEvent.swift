import Foundation

/// What a consumer delivers, in order.
public enum ConsumerEvent: Sendable {
    /// A record (tombstones included: `value == nil`).
    case message(KafkaMessage)
    /// Partitions newly assigned to this member (incrementally, under cooperative-sticky).
    case assigned([TopicPartition])
    /// Partitions about to be taken away. Finish their in-flight work, store their offsets, then call
    /// `ack.done()`: the consumer commits and unassigns them only after that (or after its revoke timeout).
    case revoked([TopicPartition], RevocationAck)
    /// Partitions lost without a clean revoke (session timeout): their work must not be committed.
    case lost([TopicPartition])
    /// A non-fatal consumer error delivered as a value; fatal ones are flagged `isFatal`.
    case error(KafkaError)
    /// A wake-up the application asked for (``KafkaConsumer/wake()``): nothing was consumed, but a
    /// time-based decision may be due.
    case wake
}

/// The application's answer to a revocation.
public final class RevocationAck: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)

    init() {}

    /// The application has finished with the revoked partitions.
    public func done() { semaphore.signal() }

    func wait(timeoutMs: Int) -> Bool {
        semaphore.wait(timeout: .now() + .milliseconds(timeoutMs)) == .success
    }
}
