import CRdKafka
import CRdKafkaMock
import Kafka

/// librdkafka's own mock cluster (`rdkafka_mock.h`), for fault injection the real broker cannot give: request
/// errors pushed onto a protocol request, and brokers going down and up. Its brokers listen on loopback, so any
/// client reaches them through ``bootstrapServers``. Only for faults: everything else is tested against the real
/// broker process.
public final class MockKafkaCluster: @unchecked Sendable {
    /// Kafka protocol requests errors can be pushed onto (their API keys).
    public enum Request: Int16, Sendable {
        case produce = 0
        case fetch = 1
        case offsetCommit = 8
    }

    /// The client instance that hosts the cluster's threads.
    private let host: OpaquePointer
    private let cluster: OpaquePointer
    /// `host:port,…` of the mock brokers.
    public let bootstrapServers: String

    /// Starts a cluster of `brokers` brokers (ids 1…`brokers`).
    public init(brokers: Int32 = 1) throws {
        guard let conf = rd_kafka_conf_new() else { throw TestFailure("rd_kafka_conf_new failed") }
        var errstr = [CChar](repeating: 0, count: 512)
        rd_kafka_conf_set(conf, "log_level", "3", &errstr, errstr.count)
        guard let host = rd_kafka_new(RD_KAFKA_PRODUCER, conf, &errstr, errstr.count) else {
            rd_kafka_conf_destroy(conf)
            throw TestFailure("rd_kafka_new failed: \(errstr.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })")
        }
        guard let cluster = rd_kafka_mock_cluster_new(host, Int32(brokers)) else {
            rd_kafka_destroy(host)
            throw TestFailure("rd_kafka_mock_cluster_new failed")
        }
        self.host = host
        self.cluster = cluster
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
        rd_kafka_destroy(host)
    }

    /// Creates a topic (the mock cluster does not need it, but then its partition count is known).
    public func createTopic(_ name: String, partitions: Int32 = 1) throws {
        let error = rd_kafka_mock_topic_create(cluster, name, partitions, 1)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw TestFailure("mock topic \(name): \(String(cString: rd_kafka_err2str(error)))") }
    }

    /// The next `errors.count` requests of kind `request` (to any broker) fail with these errors, in order.
    public func failNext(_ request: Request, with errors: [rd_kafka_resp_err_t]) {
        errors.withUnsafeBufferPointer { buffer in
            rd_kafka_mock_push_request_errors_array(cluster, request.rawValue, buffer.count, buffer.baseAddress)
        }
    }

    /// Makes broker `id` close its connections and refuse new ones until ``setUp(broker:)``.
    public func setDown(broker id: Int32) {
        rd_kafka_mock_broker_set_down(cluster, id)
    }

    /// Lets broker `id` accept connections again.
    public func setUp(broker id: Int32) {
        rd_kafka_mock_broker_set_up(cluster, id)
    }
}
