/// What `inspection status` shows, and exactly what `--json` prints. The field names are a contract with scripts
/// (documented in docs/operations.md, "Status view"): renaming one is a breaking change. A field whose value is not
/// known is left out of the JSON. Only counts, codes, offsets, group and member ids, inspection ids and statuses
/// appear: never an event's content.
struct StatusReport: Codable, Sendable, Equatable {
    /// When the report was put together (RFC 3339, UTC).
    var generatedAt: String
    /// The brokers asked (`KAFKA_BOOTSTRAP_SERVERS`).
    var bootstrapServers: String
    var groups: [Group]
    var deadLetters: DeadLetters
    var health: [Health]
    /// Inspections whose latest judgement is not FINAL (and the FINAL ones too with `--include-final`).
    var inspections: [Inspection]
    /// How many inspections have a FINAL judgement.
    var finalInspections: Int
    /// Parts that could not be collected, one sentence each (an unreachable broker, a missing topic).
    var problems: [String]

    /// A consumer group: a worker's, or one named with `--group`.
    struct Group: Codable, Sendable, Equatable {
        /// The worker whose group this is; absent for a group named with `--group` alone.
        var worker: String?
        var groupId: String
        /// The coordinator's state (`Stable`, `Empty`, `PreparingRebalance`, `CompletingRebalance`, `Dead`).
        var state: String?
        var members: [Member]
        /// Every partition of the group's input topics and of the topics it has committed offsets on.
        var partitions: [Partition]
        /// The sum of the partitions' lag.
        var lag: Int64
    }

    /// A member of a group.
    struct Member: Codable, Sendable, Equatable {
        var memberId: String
        /// The member's `client.id`, when the broker reports it.
        var clientId: String?
        /// The member's address as the broker saw it, when reported.
        var host: String?
        /// Its partitions; absent when the broker does not report assignments.
        var assignment: [PartitionName]?
    }

    /// A topic and partition number.
    struct PartitionName: Codable, Sendable, Equatable {
        var topic: String
        var partition: Int32
    }

    /// Where a group stands on one partition.
    struct Partition: Codable, Sendable, Equatable {
        var topic: String
        var partition: Int32
        /// The next offset the group will read (absent: it never committed one here).
        var committedOffset: Int64?
        /// The partition's end: the offset the next record will get.
        var endOffset: Int64?
        /// Records between the committed offset (or the partition's start) and the end.
        var lag: Int64?
        /// The member the partition is assigned to, when the broker reports assignments.
        var memberId: String?
    }

    /// Dead letters on every dead-letter topic.
    struct DeadLetters: Codable, Sendable, Equatable {
        var total: Int
        var topics: [DeadLetterTopic]
    }

    /// One dead-letter topic's records by error code.
    struct DeadLetterTopic: Codable, Sendable, Equatable {
        var topic: String
        /// Whether the topic exists (a topic nobody has created holds nothing).
        var exists: Bool
        var count: Int
        /// The newest record's timestamp (RFC 3339).
        var newestAt: String?
        var codes: [DeadLetterCode]
    }

    /// The dead letters with one `dlq.error.code`.
    struct DeadLetterCode: Codable, Sendable, Equatable {
        var code: String
        var count: Int
        var newestAt: String?
    }

    /// A worker's `/health/ready`.
    struct Health: Codable, Sendable, Equatable {
        var worker: String
        var url: String
        var ready: Bool
        /// The HTTP status; absent when nothing answered.
        var httpStatus: Int?
        /// Why it is not ready, as the worker says (`starting`, `restoring state`), or `no answer`.
        var reason: String?
    }

    /// An inspection's latest judgement on the judgements topic.
    struct Inspection: Codable, Sendable, Equatable {
        var inspectionId: String
        /// `IN_PROGRESS`, `PROVISIONAL` or `FINAL`.
        var status: String
        var version: Int
        /// The judgement record's timestamp (RFC 3339).
        var updatedAt: String?
        var partition: Int32
        var offset: Int64
    }
}
