import CRdKafka
import Kafka
import Testing

@Suite struct KafkaErrorTests {
    @Test(arguments: [
        (RD_KAFKA_RESP_ERR__QUEUE_FULL, false, true),
        (RD_KAFKA_RESP_ERR__TRANSPORT, false, true),
        (RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, false, true),
        (RD_KAFKA_RESP_ERR__MSG_TIMED_OUT, false, true),
        (RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, false, true),
        (RD_KAFKA_RESP_ERR__FATAL, true, false),
        (RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED, true, false),
        (RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, true, false),
        (RD_KAFKA_RESP_ERR__FENCED, true, false),
        (RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, false, false),
        (RD_KAFKA_RESP_ERR_INVALID_MSG, false, false),
    ])
    func classification(code: rd_kafka_resp_err_t, fatal: Bool, retriable: Bool) {
        let error = KafkaError(code: code.rawValue, message: "x")
        #expect(error.isFatal == fatal)
        #expect(error.isRetriable == retriable)
        #expect(!error.name.isEmpty)
    }

    @Test func explicitFlagsWin() {
        let error = KafkaError(code: RD_KAFKA_RESP_ERR__QUEUE_FULL.rawValue, message: "x", isFatal: true, isRetriable: false)
        #expect(error.isFatal)
        #expect(!error.isRetriable)
        #expect(error.description.contains("[fatal]"))
    }

    @Test func clientErrorsAreNeitherFatalNorRetriable() {
        let error = KafkaError.client("bad")
        #expect(!error.isFatal && !error.isRetriable)
        #expect(error.message == "bad")
    }
}
