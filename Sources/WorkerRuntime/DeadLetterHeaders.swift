/// The `dlq.*` header names of SPEC §5, in one place.
public enum DeadLetterHeaders {
    public static let code = "dlq.error.code"
    public static let message = "dlq.error.message"
    public static let originalTopic = "dlq.original.topic"
    public static let originalPartition = "dlq.original.partition"
    public static let originalOffset = "dlq.original.offset"
    public static let worker = "dlq.worker"
    public static let failedAt = "dlq.failed.at"
    /// Set (to the value's size in bytes) on a dead letter sent without its value because the dead-letter topic
    /// refused it as too large; the event is still at `dlq.original.*`.
    public static let valueOmitted = "dlq.value.omitted"

    /// Every `dlq.*` header, e.g. to strip them on replay.
    public static let all = [code, message, originalTopic, originalPartition, originalOffset, worker, failedAt, valueOmitted]
}
