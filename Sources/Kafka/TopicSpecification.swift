/// A topic to create: name, partitions and topic-level configuration (`cleanup.policy`, `retention.ms`, …).
public struct TopicSpecification: Sendable, Equatable {
    public var name: String
    public var partitions: Int
    public var replicationFactor: Int
    public var configs: [String: String]

    public init(name: String, partitions: Int, replicationFactor: Int = -1, configs: [String: String] = [:]) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.configs = configs
    }
}

/// What the cluster says about a topic.
public struct TopicDescription: Sendable, Equatable {
    public var name: String
    public var partitions: Int
}
