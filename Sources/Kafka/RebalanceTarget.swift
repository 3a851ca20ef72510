import CRdKafka

/// Receives librdkafka's rebalance callback on the consumer's poll thread.
protocol RebalanceTarget: AnyObject, Sendable {
    func rebalance(
        _ handle: OpaquePointer, _ err: rd_kafka_resp_err_t,
        _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>)
}
