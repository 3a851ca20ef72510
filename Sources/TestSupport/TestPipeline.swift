import Foundation
import Kafka

/// The four real workers on unique topic names (so tests sharing one broker do not meet).
public final class TestPipeline: @unchecked Sendable {
    public let prefix: String
    public let partitions: Int
    public private(set) var workers: [String: WorkerProcess] = [:]
    public let producer: KafkaProducer

    public static let workerNames = ["casefile-intake", "transcript-intake", "findings-consolidator", "aggregate-reporter"]

    /// The brokers this pipeline uses (the shared test broker unless given).
    public let bootstrapServers: String

    public init(partitions: Int = 3, bootstrapServers: String = TestKafka.bootstrapServers) throws {
        prefix = TestKafka.uniqueName("e2e")
        self.partitions = partitions
        self.bootstrapServers = bootstrapServers
        var configuration = TestKafka.producerConfiguration()
        configuration["bootstrap.servers"] = bootstrapServers
        producer = try KafkaProducer(configuration: configuration)
    }

    public func topic(_ base: String) -> String { "\(prefix).\(base)" }

    /// The environment naming this pipeline's topics and groups.
    public func environment(for worker: String) -> [String: String] {
        [
            "TOPIC_INSPECTIONS": topic("inspections"), "TOPIC_CASEFILES": topic("casefiles"),
            "TOPIC_INTERVIEWS": topic("interviews"), "TOPIC_CASEFILES_ASSESSED": topic("casefiles.assessed"),
            "TOPIC_INTERVIEWS_CODED": topic("interviews.coded"), "TOPIC_REPORTING_JUDGEMENTS": topic("reporting.judgements"),
            "TOPIC_REPORTING_AGGREGATES": topic("reporting.aggregates"), "STATE_TOPIC": topic("\(worker).state"),
            "KAFKA_GROUP_ID": "\(prefix)-\(worker)", "TOPIC_PARTITIONS": String(partitions),
            "PSEUDONYM_KEY": "end-to-end-test-pseudonym-key", "PUBLISH_INTERVAL_MS": "300",
            "KAFKA_CLIENT_PROPERTIES": "session.timeout.ms=6000,heartbeat.interval.ms=500",
            "SHUTDOWN_TIMEOUT_SECONDS": "15", "KAFKA_BOOTSTRAP_SERVERS": bootstrapServers,
        ]
    }

    /// Creates the input topics with the same partition count, so the workers create the rest alike.
    public func createTopics() async throws {
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: bootstrapServers))
        try await admin.createTopics(
            ["inspections", "casefiles", "interviews", "casefiles.assessed", "interviews.coded", "reporting.judgements"].map {
                TopicSpecification(name: topic($0), partitions: partitions)
            })
    }

    /// Starts a worker (replacing a stopped one of the same name). `instance` > 0 starts another member
    /// of the same group, registered as `name#instance`.
    @discardableResult
    public func start(_ worker: String, instance: Int = 0, extra: [String: String] = [:]) throws -> WorkerProcess {
        let process = try WorkerProcess(worker, environment: environment(for: worker).merging(extra) { $1 })
        workers[instance == 0 ? worker : "\(worker)#\(instance)"] = process
        return process
    }

    public func startAll() async throws {
        try await createTopics()
        for name in Self.workerNames { try start(name) }
        for name in Self.workerNames {
            let ready = await workers[name]!.waitReady()
            if !ready { throw TestFailure("\(name) did not become ready:\n\(workers[name]!.log.suffix(3000))") }
        }
    }

    /// Runs `body` with a started pipeline and always stops the workers afterwards.
    public static func with<T>(partitions: Int = 3, _ body: (TestPipeline) async throws -> T) async throws -> T {
        let pipeline = try TestPipeline(partitions: partitions)
        do {
            try await pipeline.startAll()
            let result = try await body(pipeline)
            await pipeline.stopAll()
            return result
        } catch {
            await pipeline.stopAll()
            throw error
        }
    }

    public func stopAll() async {
        for worker in workers.values { await worker.stop() }
        await producer.close()
    }

    /// Sends a raw value to one of the pipeline's topics (base name), keyed as given.
    @discardableResult
    public func send(_ base: String, key: String?, value: [UInt8]?, headers: [KafkaHeader] = []) async throws -> DeliveryReport {
        try await producer.send(ProducerRecord(topic: topic(base), key: key.map { Array($0.utf8) }, value: value, headers: headers))
    }

    /// Every message currently on a topic (base name), read until idle.
    public func readAll(_ base: String, idle: Duration = .seconds(2), timeout: Duration = .seconds(30)) async throws -> [KafkaMessage] {
        try await TestKafka.readAll([topic(base)], idle: idle, timeout: timeout, bootstrapServers: bootstrapServers)
    }
}

/// A failure in test set-up, with an explanation.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
