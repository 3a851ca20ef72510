import Kafka

/// An ordered queue of messages for one lane (``ProcessingConcurrency``), drained by one task. Back-pressure
/// comes from the in-flight limit the consume loop applies before handing messages over.
struct ProcessingLane: Sendable {
    let messages: AsyncStream<[KafkaMessage]>
    private let continuation: AsyncStream<[KafkaMessage]>.Continuation

    init() {
        (messages, continuation) = AsyncStream.makeStream(of: [KafkaMessage].self)
    }

    /// Queues messages (in order) for the lane's task.
    func enqueue(_ batch: [KafkaMessage]) { continuation.yield(batch) }

    /// No more messages: the lane's task ends once it has processed what is queued.
    func finish() { continuation.finish() }
}
