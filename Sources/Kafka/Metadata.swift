import CRdKafka

/// Topic metadata lookups shared by the clients.
enum Metadata {
    /// Partition count of a topic (throws `UNKNOWN_TOPIC_OR_PART` when it does not exist).
    static func partitionCount(client: RdKafkaClient, topic: String, timeoutMs: Int32) async throws(KafkaError) -> Int {
        nonisolated(unsafe) let handle = client.handle
        return try await runBlocking { () throws(KafkaError) -> Int in
            try describe(handle: handle, topic: topic, timeoutMs: timeoutMs)
        }
    }

    /// Blocking metadata request for one topic.
    static func describe(handle: OpaquePointer, topic: String, timeoutMs: Int32) throws(KafkaError) -> Int {
        guard let rkt = rd_kafka_topic_new(handle, topic, nil) else { throw KafkaError.client("rd_kafka_topic_new \(topic)") }
        defer { rd_kafka_topic_destroy(rkt) }
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let err = rd_kafka_metadata(handle, 0, rkt, &metadata, timeoutMs)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else { throw KafkaError(err, context: "metadata \(topic)") }
        defer { rd_kafka_metadata_destroy(metadata) }
        guard metadata.pointee.topic_cnt > 0 else { throw KafkaError(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, context: topic) }
        let t = metadata.pointee.topics[0]
        if t.err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(t.err, context: "metadata \(topic)") }
        return Int(t.partition_cnt)
    }

    /// All topic names of the cluster.
    static func topicNames(handle: OpaquePointer, timeoutMs: Int32) throws(KafkaError) -> [String] {
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let err = rd_kafka_metadata(handle, 1, nil, &metadata, timeoutMs)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else { throw KafkaError(err, context: "metadata") }
        defer { rd_kafka_metadata_destroy(metadata) }
        return (0..<Int(metadata.pointee.topic_cnt)).map { String(cString: metadata.pointee.topics[$0].topic) }
    }
}
