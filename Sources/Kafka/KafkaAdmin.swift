import CRdKafka
import Logging

/// Topic administration and offset look-ups. Every blocking call runs on its own thread.
public final class KafkaAdmin: Sendable {
    let client: RdKafkaClient
    private let poller: PollThread
    private let configuration: KafkaConfiguration

    public init(configuration: KafkaConfiguration, logger: Logger = Logger(label: "kafka.admin")) throws(KafkaError) {
        let client = try RdKafkaClient(kind: .producer, configuration: configuration, logger: logger)
        self.client = client
        self.configuration = configuration
        self.poller = PollThread(name: "poll-admin") { isStopping in
            while !isStopping() { rd_kafka_poll(client.handle, 100) }
        }
    }

    deinit {
        poller.stopAndJoin()
        client.destroy()
    }

    /// Creates topics; a topic that already exists is not an error (idempotent). Returns the names created.
    @discardableResult
    public func createTopics(_ topics: [TopicSpecification], timeoutMs: Int32 = 30_000) async throws(KafkaError) -> [String] {
        nonisolated(unsafe) let handle = client.handle
        return try await runBlocking { () throws(KafkaError) -> [String] in
            var errstr = [CChar](repeating: 0, count: 512)
            var newTopics: [OpaquePointer?] = []
            defer { for topic in newTopics { rd_kafka_NewTopic_destroy(topic) } }
            for spec in topics {
                guard let topic = rd_kafka_NewTopic_new(spec.name, Int32(spec.partitions), Int32(spec.replicationFactor), &errstr, errstr.count)
                else {
                    throw KafkaError.client("topic \(spec.name): \(errstr.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })")
                }
                for (key, value) in spec.configs.sorted(by: { $0.key < $1.key }) {
                    _ = rd_kafka_NewTopic_set_config(topic, key, value)
                }
                newTopics.append(topic)
            }
            return try Self.request(
                handle: handle, operation: RD_KAFKA_ADMIN_OP_CREATETOPICS, timeoutMs: timeoutMs, operationTimeout: true,
                context: "create topics",
                start: { options, queue in
                    newTopics.withUnsafeMutableBufferPointer { buffer in
                        rd_kafka_CreateTopics(handle, buffer.baseAddress, buffer.count, options, queue)
                    }
                },
                read: { (event) throws(KafkaError) -> [String] in
                    guard let result = rd_kafka_event_CreateTopics_result(event) else { throw KafkaError.client("no create-topics result") }
                    var count = 0
                    guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return [] }
                    var created: [String] = []
                    for index in 0..<count {
                        let topicResult = results[index]
                        let name = String(cString: rd_kafka_topic_result_name(topicResult))
                        let topicErr = rd_kafka_topic_result_error(topicResult)
                        switch topicErr {
                        case RD_KAFKA_RESP_ERR_NO_ERROR: created.append(name)
                        case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS: break
                        default:
                            let message = rd_kafka_topic_result_error_string(topicResult).map { String(cString: $0) } ?? ""
                            throw KafkaError(code: topicErr.rawValue, message: "create topic \(name): \(message)")
                        }
                    }
                    return created
                })
        }
    }

    /// Deletes topics; a topic that does not exist is not an error.
    public func deleteTopics(_ names: [String], timeoutMs: Int32 = 30_000) async throws(KafkaError) {
        nonisolated(unsafe) let handle = client.handle
        try await runBlocking { () throws(KafkaError) in
            var deletes: [OpaquePointer?] = names.map { rd_kafka_DeleteTopic_new($0) }
            defer { for topic in deletes { rd_kafka_DeleteTopic_destroy(topic) } }
            try Self.request(
                handle: handle, operation: RD_KAFKA_ADMIN_OP_DELETETOPICS, timeoutMs: timeoutMs, context: "delete topics",
                start: { options, queue in
                    deletes.withUnsafeMutableBufferPointer { buffer in
                        rd_kafka_DeleteTopics(handle, buffer.baseAddress, buffer.count, options, queue)
                    }
                },
                read: { (event) throws(KafkaError) in
                    guard let result = rd_kafka_event_DeleteTopics_result(event) else { return }
                    var count = 0
                    guard let results = rd_kafka_DeleteTopics_result_topics(result, &count) else { return }
                    for index in 0..<count {
                        let topicErr = rd_kafka_topic_result_error(results[index])
                        if topicErr != RD_KAFKA_RESP_ERR_NO_ERROR && topicErr != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART {
                            throw KafkaError(topicErr, context: "delete topic \(String(cString: rd_kafka_topic_result_name(results[index])))")
                        }
                    }
                })
        }
    }

    /// The topic's partition count, or `nil` when it does not exist.
    public func describeTopic(_ name: String, timeoutMs: Int32 = 10_000) async throws(KafkaError) -> TopicDescription? {
        nonisolated(unsafe) let handle = client.handle
        return try await runBlocking { () throws(KafkaError) -> TopicDescription? in
            do throws(KafkaError) {
                return TopicDescription(name: name, partitions: try Metadata.describe(handle: handle, topic: name, timeoutMs: timeoutMs))
            } catch  where error.code == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART.rawValue {
                return nil
            }
        }
    }

    /// A topic's configuration entries as the broker reports them (defaults included).
    public func topicConfigs(_ name: String, timeoutMs: Int32 = 10_000) async throws(KafkaError) -> [String: String] {
        nonisolated(unsafe) let handle = client.handle
        return try await runBlocking { () throws(KafkaError) -> [String: String] in
            var resources: [OpaquePointer?] = [rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, name)]
            defer { for resource in resources { rd_kafka_ConfigResource_destroy(resource) } }
            return try Self.request(
                handle: handle, operation: RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, timeoutMs: timeoutMs, context: "describe configs \(name)",
                start: { options, queue in
                    resources.withUnsafeMutableBufferPointer { buffer in
                        rd_kafka_DescribeConfigs(handle, buffer.baseAddress, buffer.count, options, queue)
                    }
                },
                read: { (event) throws(KafkaError) -> [String: String] in
                    guard let result = rd_kafka_event_DescribeConfigs_result(event) else { throw KafkaError.client("no describe-configs result") }
                    var count = 0
                    guard let described = rd_kafka_DescribeConfigs_result_resources(result, &count), count > 0, let resource = described[0] else {
                        return [:]
                    }
                    let resourceErr = rd_kafka_ConfigResource_error(resource)
                    if resourceErr != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(resourceErr, context: "describe configs \(name)") }
                    var entryCount = 0
                    guard let entries = rd_kafka_ConfigResource_configs(resource, &entryCount) else { return [:] }
                    var configs: [String: String] = [:]
                    for index in 0..<entryCount {
                        guard let entry = entries[index], let key = rd_kafka_ConfigEntry_name(entry) else { continue }
                        if let value = rd_kafka_ConfigEntry_value(entry) { configs[String(cString: key)] = String(cString: value) }
                    }
                    return configs
                })
        }
    }

    /// Every topic name in the cluster.
    public func listTopics(timeoutMs: Int32 = 10_000) async throws(KafkaError) -> [String] {
        nonisolated(unsafe) let handle = client.handle
        return try await runBlocking { () throws(KafkaError) -> [String] in
            try Metadata.topicNames(handle: handle, timeoutMs: timeoutMs).sorted()
        }
    }

    /// Low and high watermarks (the end offset) of each partition, asked from the broker.
    public func watermarks(
        _ partitions: [TopicPartition], timeoutMs: Int32 = 10_000
    ) async throws(KafkaError) -> [TopicPartition: (low: Int64, high: Int64)] {
        nonisolated(unsafe) let handle = client.handle
        let pairs = try await runBlocking { () throws(KafkaError) -> [(TopicPartition, Int64, Int64)] in
            try partitions.map { (partition) throws(KafkaError) -> (TopicPartition, Int64, Int64) in
                var low: Int64 = 0
                var high: Int64 = 0
                let err = rd_kafka_query_watermark_offsets(handle, partition.topic, partition.partition, &low, &high, timeoutMs)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, context: "watermarks \(partition)") }
                return (partition, low, high)
            }
        }
        var result: [TopicPartition: (low: Int64, high: Int64)] = [:]
        for (partition, low, high) in pairs { result[partition] = (low, high) }
        return result
    }

    /// Committed offsets of a consumer group (`nil` where it has none).
    public func committedOffsets(
        group: String, partitions: [TopicPartition], timeoutMs: Int32 = 10_000
    ) async throws(KafkaError) -> [TopicPartition: Int64?] {
        var configuration = self.configuration
        configuration["group.id"] = group
        let consumer = try KafkaConsumer(configuration: configuration)
        let result: Result<[TopicPartition: Int64?], KafkaError>
        do throws(KafkaError) {
            result = .success(try await consumer.committed(partitions, timeoutMs: timeoutMs))
        } catch {
            result = .failure(error)
        }
        await consumer.close()
        return try result.get()
    }
}
