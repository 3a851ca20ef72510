import Kafka

/// A worker's processing, wrapped by ``PipelineService``. Implementations are only domain calls plus
/// configuration; the runtime owns Kafka, offsets, dead letters, retries, health and metrics.
public protocol MessageProcessor: Sendable {
    /// Topics to subscribe to.
    var inputTopics: [String] { get }
    /// Whether partitions may be processed in parallel (``ProcessingConcurrency/perPartition`` by default).
    var concurrency: ProcessingConcurrency { get }
    /// Co-partitioned input topics whose records are applied in timestamp order (§8.6, ``InputMerge``), in tie
    /// order, each with the lateness of its records (how long after their timestamp they may still reach the
    /// broker); nil (the default) processes each partition in arrival order only.
    var mergedInputs: [(topic: String, lateness: Duration)]? { get }
    /// Topics its records go to (dead letters and changelogs aside): their produced counters start at zero.
    var outputTopics: [String] { get }
    /// The dead-letter codes it may write: their counters start at zero for every input topic.
    var deadLetterCodes: [String] { get }
    /// Topics this worker writes (outputs, dead letters, changelogs), created when missing.
    func topicsToEnsure(partitions: Int) -> [TopicSpecification]
    /// Called once before subscribing (e.g. restore a global state store).
    func prepare(context: ProcessorContext) async throws
    /// Called when partitions are assigned, before any of their messages (restore state here).
    func assigned(_ partitions: [TopicPartition], context: ProcessorContext) async throws
    /// Called when partitions are revoked or lost, after their in-flight work finished.
    func revoked(_ partitions: [TopicPartition], context: ProcessorContext) async
    /// Processes one message (tombstones included) into the records to produce. With
    /// ``ProcessingConcurrency/perPartition`` it is called concurrently for different partitions. Rejections are returned
    /// as dead-letter records (``DeadLetter``). Throwing is reserved for failures that are not the event's
    /// fault; they end the process so the orchestrator restarts it.
    func process(_ message: KafkaMessage, context: ProcessorContext) throws -> ProcessingOutput
    /// Background work (e.g. coalesced publication) until the task is cancelled.
    func runBackground(context: ProcessorContext) async throws
    /// Called on shutdown after the last message, before offsets are committed (flush pending publications).
    func finish(context: ProcessorContext) async throws
}

extension MessageProcessor {
    public var concurrency: ProcessingConcurrency { .perPartition }
    public var mergedInputs: [(topic: String, lateness: Duration)]? { nil }
    public var deadLetterCodes: [String] { [] }
    public func prepare(context: ProcessorContext) async throws {}
    public func assigned(_ partitions: [TopicPartition], context: ProcessorContext) async throws {}
    public func revoked(_ partitions: [TopicPartition], context: ProcessorContext) async {}
    /// None by default: returns when the task is cancelled.
    public func runBackground(context: ProcessorContext) async throws {
        let (cancelled, continuation) = AsyncStream<Never>.makeStream()
        for await _ in cancelled {}  // no element ever comes; the iteration ends on cancellation
        continuation.finish()
    }
    public func finish(context: ProcessorContext) async throws {}
}
