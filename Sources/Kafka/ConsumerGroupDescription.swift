/// A consumer group as the group coordinator describes it (DescribeGroups): its state and its members, each with
/// the partitions the group's leader assigned to it.
///
/// Brokers differ in what they fill in. Apache Kafka gives every field; a broker that leaves a member's client id,
/// host or assignment empty gives `""` for the first two and `nil` for the assignment, never a guess.
public struct ConsumerGroupDescription: Sendable, Equatable {
    /// One member of the group.
    public struct Member: Sendable, Equatable {
        /// The id the coordinator gave the member (librdkafka's start with the client id).
        public var memberID: String
        /// The member's `client.id`, or `""` when the broker did not report it.
        public var clientID: String
        /// The member's address as the broker saw it (`/10.0.0.7`), or `""` when not reported.
        public var host: String
        /// The partitions assigned to the member, decoded from the consumer protocol's assignment; `nil` when the
        /// broker sent no assignment (or one in another protocol).
        public var assignment: [TopicPartition]?

        public init(memberID: String, clientID: String, host: String, assignment: [TopicPartition]?) {
            self.memberID = memberID
            self.clientID = clientID
            self.host = host
            self.assignment = assignment
        }
    }

    public var groupID: String
    /// The coordinator's state name: `Stable`, `Empty`, `PreparingRebalance`, `CompletingRebalance` or `Dead`
    /// (`Dead` also for a group it does not know).
    public var state: String
    /// `consumer` for groups of Kafka consumers.
    public var protocolType: String
    /// The partition assignor the members agreed on (`range`), or `""` when not reported.
    public var assignor: String
    public var members: [Member]

    public init(groupID: String, state: String, protocolType: String, assignor: String, members: [Member]) {
        self.groupID = groupID
        self.state = state
        self.protocolType = protocolType
        self.assignor = assignor
        self.members = members
    }

    /// Decodes a `ConsumerProtocolAssignment` (any version: int16 version, then an array of topic name and
    /// partition numbers, then user data, which is ignored). `nil` for empty or malformed bytes.
    public static func decodeAssignment(_ bytes: [UInt8]) -> [TopicPartition]? {
        var reader = BigEndianReader(bytes)
        guard bytes.count >= 6, let version = reader.int16(), version >= 0, let topicCount = reader.int32(), topicCount >= 0 else {
            return nil
        }
        var partitions: [TopicPartition] = []
        for _ in 0..<topicCount {
            guard let length = reader.int16(), length >= 0, let name = reader.bytes(Int(length)),
                let topic = String(validating: name, as: UTF8.self), let count = reader.int32(), count >= 0
            else { return nil }
            for _ in 0..<count {
                guard let partition = reader.int32() else { return nil }
                partitions.append(TopicPartition(topic: topic, partition: partition))
            }
        }
        return partitions.sorted()
    }

    /// Reads big-endian integers and byte runs from a buffer, failing (nil) past its end.
    private struct BigEndianReader {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func bytes(_ count: Int) -> ArraySlice<UInt8>? {
            guard count >= 0, index + count <= bytes.count else { return nil }
            defer { index += count }
            return bytes[index..<index + count]
        }

        mutating func int16() -> Int16? {
            guard let run = bytes(2) else { return nil }
            return run.reduce(0) { $0 << 8 | Int16($1) }
        }

        mutating func int32() -> Int32? {
            guard let run = bytes(4) else { return nil }
            return run.reduce(0) { $0 << 8 | Int32($1) }
        }
    }
}
