import CRdKafka

/// Transactions (`transactional.id` must be configured). Errors carry librdkafka's classification:
/// `isFatal` (the producer must be recreated), `requiresAbort` (abort, then retry the transaction) or
/// `isRetriable` (the same call may be retried).
///
/// Note: correctness in this project never rests on transactions (the development broker does not
/// isolate aborted records); processing is idempotent instead.
extension KafkaProducer {
    public func initTransactions(timeoutMs: Int32 = 30_000) async throws(KafkaError) {
        nonisolated(unsafe) let handle = client.handle
        try await runBlocking { () throws(KafkaError) in
            if let error = rd_kafka_init_transactions(handle, timeoutMs) { throw KafkaError(consuming: error) }
        }
    }

    public func beginTransaction() throws(KafkaError) {
        if let error = rd_kafka_begin_transaction(client.handle) { throw KafkaError(consuming: error) }
    }

    /// Adds the consumer's offsets (next offsets to consume) to the current transaction.
    public func sendOffsetsToTransaction(
        _ offsets: [TopicPartition: Int64], consumer: KafkaConsumer, timeoutMs: Int32 = 30_000
    ) async throws(KafkaError) {
        nonisolated(unsafe) let handle = client.handle
        nonisolated(unsafe) let consumerHandle = consumer.client.handle
        try await runBlocking { () throws(KafkaError) in
            let list = TopicPartitionList(Array(offsets.keys))
            defer { list.destroy() }
            for (index, partition) in offsets.keys.enumerated() {
                ik_partition_at(list.pointer, Int32(index)).pointee.offset = offsets[partition]!
            }
            guard let metadata = rd_kafka_consumer_group_metadata(consumerHandle) else { throw KafkaError.client("no consumer group metadata") }
            defer { rd_kafka_consumer_group_metadata_destroy(metadata) }
            if let error = rd_kafka_send_offsets_to_transaction(handle, list.pointer, metadata, timeoutMs) {
                throw KafkaError(consuming: error)
            }
        }
    }

    public func commitTransaction(timeoutMs: Int32 = 30_000) async throws(KafkaError) {
        nonisolated(unsafe) let handle = client.handle
        try await runBlocking { () throws(KafkaError) in
            if let error = rd_kafka_commit_transaction(handle, timeoutMs) { throw KafkaError(consuming: error) }
        }
    }

    public func abortTransaction(timeoutMs: Int32 = 30_000) async throws(KafkaError) {
        nonisolated(unsafe) let handle = client.handle
        try await runBlocking { () throws(KafkaError) in
            if let error = rd_kafka_abort_transaction(handle, timeoutMs) { throw KafkaError(consuming: error) }
        }
    }
}
