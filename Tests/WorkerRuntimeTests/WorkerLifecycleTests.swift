import Foundation
import Kafka
import TestSupport
import Testing

/// The runtime's promises, shown on the real `casefile-intake` and `findings-consolidator` executables
/// against the real broker: readiness, metrics, SIGTERM, SIGKILL, a frozen broker, and state restore.
@Suite(.serialized, .timeLimit(.minutes(5))) struct WorkerLifecycleTests {
    /// Sends `count` case files for `inspections` inspections, returning their event ids.
    func sendCaseFiles(
        _ pipeline: TestPipeline, from: Int = 0, count: Int, inspections: Int = 6, bootstrap: String? = nil
    ) async throws -> Set<String> {
        var ids: Set<String> = []
        for index in from..<(from + count) {
            let inspection = "INS-RT-\(index % inspections)"
            let id = "cf-\(index)"
            ids.insert("urn:test:runtime/\(id)")
            try await pipeline.send("casefiles", key: inspection, value: SampleEvents.caseFile(inspectionId: inspection, index: index, eventId: id))
        }
        return ids
    }

    /// Distinct output event ids and the input ids they reflect, read from `casefiles.assessed`.
    func outputs(_ pipeline: TestPipeline) async throws -> (ids: [String], sources: Set<String>) {
        let messages = try await pipeline.readAll("casefiles.assessed", idle: .seconds(1))
        let envelopes = messages.compactMap { SampleEvents.envelope(of: $0.value) }
        return (
            envelopes.compactMap { $0["id"] as? String },
            Set(envelopes.compactMap { ($0["data"] as? [String: Any])?["sourceEventId"] as? String })
        )
    }

    /// Output event ids and the input ids they reflect, read from `casefiles.assessed` from the beginning until the
    /// output that completes `expected` arrives (or `timeout` passes).
    func waitForOutputs(
        _ pipeline: TestPipeline, covering expected: Set<String>, timeout: Duration = .seconds(90)
    ) async throws -> (ids: [String], sources: Set<String>) {
        var ids: [String] = []
        var sources: Set<String> = []
        try await pipeline.follow("casefiles.assessed", timeout: timeout) { message in
            guard let envelope = SampleEvents.envelope(of: message.value) else { return true }
            if let id = envelope["id"] as? String { ids.append(id) }
            if let source = (envelope["data"] as? [String: Any])?["sourceEventId"] as? String { sources.insert(source) }
            return !expected.isSubset(of: sources)
        }
        return (ids, sources)
    }

    @Test func readinessWaitsForAssignmentAndMetricsCountWhatWasSent() async throws {
        let pipeline = try TestPipeline(partitions: 2)
        try await pipeline.createTopics()
        let worker = try pipeline.start("casefile-intake")
        var sawNotReady = false
        let ready = await eventually(timeout: .seconds(60)) {
            let status = worker.get("/health/ready")?.status
            if status == 503 { sawNotReady = true }
            return status == 200
        }
        #expect(sawNotReady, "/health/ready answers 503 until partitions are assigned")
        #expect(ready)
        #expect(worker.get("/health/live")?.status == 200)

        let good = try await sendCaseFiles(pipeline, count: 20)
        for index in 0..<3 { try await pipeline.send("casefiles", key: "INS-RT-0", value: Array("not json \(index)".utf8)) }
        try await pipeline.send("casefiles", key: "INS-RT-0", value: nil)
        try await pipeline.send("casefiles", key: "INS-RT-9", value: SampleEvents.caseFile(inspectionId: "INS-RT-0", index: 99))
        _ = try await waitForOutputs(pipeline, covering: good)

        var metrics = PrometheusText("")
        _ = await eventually(timeout: .seconds(20)) {
            metrics = PrometheusText(worker.get("/metrics")?.body ?? "")
            return metrics.value("inspection_events_consumed_total", ["topic": pipeline.topic("casefiles")]) == 25
                && metrics.value("inspection_events_dead_lettered_total", ["topic": pipeline.topic("casefiles"), "code": "KEY_MISMATCH"]) == 1
        }
        #expect(metrics.value("inspection_events_consumed_total", ["topic": pipeline.topic("casefiles")]) == 25)
        #expect(metrics.value("inspection_events_produced_total", ["topic": pipeline.topic("casefiles.assessed")]) == 20)
        #expect(metrics.value("inspection_events_dead_lettered_total", ["topic": pipeline.topic("casefiles"), "code": "MALFORMED_JSON"]) == 4)
        #expect(metrics.value("inspection_events_dead_lettered_total", ["topic": pipeline.topic("casefiles"), "code": "KEY_MISMATCH"]) == 1)
        // Series that never moved are there at zero from the start.
        #expect(metrics.value("inspection_events_dead_lettered_total", ["topic": pipeline.topic("casefiles"), "code": "PAYLOAD_TOO_LARGE"]) == 0)
        #expect(metrics.value("inspection_processing_seconds_count") == 25)
        #expect(metrics.text.contains("inspection_consumer_lag"))
        await pipeline.stopAll()
    }

    /// An event over 1 MiB whose dead letter is over the worker's producer limit (standing in for a
    /// dead-letter topic with a smaller `max.message.bytes`): the dead letter goes without its value, with
    /// `dlq.value.omitted`, and the worker carries on (it stopped on that offset after every restart).
    @Test func aDeadLetterTooLargeForItsTopicGoesWithoutItsValueAndTheWorkerCarriesOn() async throws {
        let pipeline = try TestPipeline(partitions: 1)
        try await pipeline.createTopics()
        let worker = try pipeline.start(
            "casefile-intake",
            extra: [
                "KAFKA_CLIENT_PROPERTIES": "session.timeout.ms=6000,heartbeat.interval.ms=500,message.max.bytes=500000"
            ])
        let oversized = [UInt8](repeating: UInt8(ascii: "x"), count: 1_048_577)
        try await pipeline.send("casefiles", key: "INS-RT-0", value: oversized, headers: [KafkaHeader(name: "traceparent", string: "00-big")])
        let good = try await sendCaseFiles(pipeline, count: 3)
        let produced = try await waitForOutputs(pipeline, covering: good)
        #expect(good.isSubset(of: produced.sources), "the events after the oversized one were processed")
        #expect(worker.isRunning)

        let letters = try await pipeline.readAll("casefiles.dlq")
        #expect(letters.count == 1)
        let letter = try #require(letters.first)
        #expect(letter.value == nil)
        #expect(letter.key == Array("INS-RT-0".utf8))
        #expect(letter.header("dlq.error.code")?.stringValue == "PAYLOAD_TOO_LARGE")
        #expect(letter.header("dlq.value.omitted")?.stringValue == "1048577")
        #expect(letter.header("dlq.original.offset")?.stringValue == "0")
        #expect(letter.header("traceparent")?.stringValue == "00-big")
        await pipeline.stopAll()
    }

    @Test func partitionsRunInParallelLanesEachKeepingItsOrder() async throws {
        // Three partitions, so three lanes on a two-thread pool: every inspection's case files (one key, one
        // partition) must still come out in the order they went in.
        let pipeline = try TestPipeline(partitions: 3)
        try await pipeline.createTopics()
        let worker = try pipeline.start("casefile-intake")
        #expect(await worker.waitReady())
        let inspections = 9
        let sent = try await sendCaseFiles(pipeline, count: 900, inspections: inspections)
        let result = try await waitForOutputs(pipeline, covering: sent)
        #expect(sent.isSubset(of: result.sources), "every input is reflected")
        var sequences: [String: [Int]] = [:]
        var partitionsUsed: [String: Set<Int32>] = [:]
        for message in try await pipeline.readAll("casefiles.assessed", idle: .seconds(1)) {
            guard let data = SampleEvents.envelope(of: message.value)?["data"] as? [String: Any],
                let inspection = data["inspectionId"] as? String,
                let source = data["sourceEventId"] as? String, let index = Int(source.split(separator: "-").last ?? "")
            else {
                Issue.record("unreadable output")
                continue
            }
            sequences[inspection, default: []].append(index)
            partitionsUsed[inspection, default: []].insert(message.partition)
        }
        #expect(sequences.count == inspections)
        #expect(Set(partitionsUsed.values.flatMap { $0 }).count > 1, "the inspections are spread over several partitions")
        for (inspection, sequence) in sequences {
            #expect(sequence == sequence.sorted() && sequence.count == 900 / inspections, "\(inspection): outputs in input order")
            #expect(partitionsUsed[inspection]?.count == 1, "\(inspection): one output partition")
        }
        await pipeline.stopAll()
    }

    @Test func aBusyHTTPPortIsAConfigurationErrorNamingTheSetting() async throws {
        let pipeline = try TestPipeline(partitions: 1)
        try await pipeline.createTopics()
        let first = try pipeline.start("casefile-intake")
        #expect(await first.waitReady(timeout: .seconds(60)))
        let second = try pipeline.start("casefile-intake", instance: 1, extra: ["HTTP_PORT": String(first.httpPort)])
        let status = await second.waitExit(timeout: .seconds(15))
        #expect(status == 2, "a port in use is a configuration error (exit 2), not a crash")
        #expect(second.log.contains("HTTP_PORT"))
        #expect(first.get("/health/ready")?.status == 200, "the instance holding the port is unaffected")
        await first.stop()
    }

    /// §10: without a pseudonym key casefile-intake exits 2 with one line naming PSEUDONYM_KEY_FILE; an insecure
    /// transport setting stops any worker the same way.
    @Test(arguments: [
        ("casefile-intake", ["PSEUDONYM_KEY": "", "PSEUDONYM_KEY_FILE": "", "DEVELOPMENT_MODE": ""], "PSEUDONYM_KEY_FILE"),
        ("casefile-intake", ["PSEUDONYM_KEY": "inspection-pipeline-development-key-not-for-production"], "PSEUDONYM_KEY"),
        (
            "transcript-intake",
            ["KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM": "PLAIN", "KAFKA_SASL_USERNAME": "u", "KAFKA_SASL_PASSWORD": "p"],
            "KAFKA_SASL_MECHANISM"
        ),
        (
            "findings-consolidator", ["KAFKA_SECURITY_PROTOCOL": "SSL", "KAFKA_SSL_ENDPOINT_IDENTIFICATION": "none"],
            "KAFKA_SSL_ENDPOINT_IDENTIFICATION"
        ),
    ])
    func unsafeSettingsStopTheWorkerWithOneLineNamingTheSetting(worker: String, settings: [String: String], setting: String) async throws {
        let pipeline = try TestPipeline(partitions: 1)
        let process = try pipeline.start(worker, extra: settings)
        let status = await process.waitExit(timeout: .seconds(20))
        #expect(status == 2)
        let lines = process.log.split(separator: "\n")
        #expect(lines.count == 1, "one line, got: \(process.log)")
        #expect(lines.first?.contains(setting + ":") == true, "names \(setting): \(process.log)")
    }

    @Test func sigtermExitsZeroWithOffsetsCommittedAndTheNextInstanceResumes() async throws {
        let pipeline = try TestPipeline(partitions: 2)
        try await pipeline.createTopics()
        let first = try pipeline.start("casefile-intake")
        #expect(await first.waitReady())
        let firstBatch = try await sendCaseFiles(pipeline, count: 200)
        _ = try await waitForOutputs(pipeline, covering: firstBatch)
        first.signal(SIGTERM)
        let started = ContinuousClock.now
        let status = await first.waitExit(timeout: .seconds(20))
        #expect(status == 0, "SIGTERM exits 0")
        #expect(ContinuousClock.now - started < .seconds(15), "within the shutdown timeout")

        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: TestKafka.bootstrapServers))
        let partitions = (0..<2).map { TopicPartition(topic: pipeline.topic("casefiles"), partition: Int32($0)) }
        let committed = try await admin.committedOffsets(group: "\(pipeline.prefix)-casefile-intake", partitions: partitions)
        let total = committed.values.reduce(Int64(0)) { $0 + ($1 ?? 0) }
        #expect(total == 200, "every consumed offset committed on the way out (\(committed))")

        let secondBatch = try await sendCaseFiles(pipeline, from: 200, count: 50)
        let second = try pipeline.start("casefile-intake")
        #expect(await second.waitReady())
        let result = try await waitForOutputs(pipeline, covering: firstBatch.union(secondBatch))
        #expect(result.ids.count == 250, "the next instance started where the first stopped: nothing processed twice")
        await pipeline.stopAll()
    }

    @Test func sigkillMidBatchLosesNothingAndDuplicatesDeduplicateByEventID() async throws {
        let pipeline = try TestPipeline(partitions: 3)
        try await pipeline.createTopics()
        let worker = try pipeline.start("casefile-intake")
        #expect(await worker.waitReady())
        let sent = try await sendCaseFiles(pipeline, count: 3_000)
        _ = await eventually(timeout: .seconds(30)) {
            (PrometheusText(worker.get("/metrics")?.body ?? "").value(
                "inspection_events_produced_total", ["topic": pipeline.topic("casefiles.assessed")]) ?? 0) > 300
        }
        worker.signal(SIGKILL)
        _ = await worker.waitExit()
        let restarted = try pipeline.start("casefile-intake")
        #expect(await restarted.waitReady())
        let result = try await waitForOutputs(pipeline, covering: sent)
        #expect(sent.isSubset(of: result.sources), "every input is reflected (missing \(sent.subtracting(result.sources).count))")
        #expect(Set(result.ids).count == sent.count, "after de-duplication by event id, each input exactly once")
        await pipeline.stopAll()
    }

    @Test func aFrozenBrokerDelaysButLosesNothingAndDeadLettersNothing() async throws {
        // A broker of its own: freezing the shared one would disturb other tests.
        let broker = try TansuBroker()
        #expect(await broker.waitReady())
        let bootstrap = broker.bootstrapServers
        let pipeline = try TestPipeline(partitions: 2, bootstrapServers: bootstrap)
        try await pipeline.createTopics()
        let worker = try pipeline.start("casefile-intake")
        #expect(await worker.waitReady())
        let before = try await sendCaseFiles(pipeline, count: 100)
        broker.freeze()
        try await Task.sleep(for: .seconds(10))
        broker.thaw()
        let after = try await sendCaseFiles(pipeline, from: 100, count: 100)
        let result = try await waitForOutputs(pipeline, covering: before.union(after), timeout: .seconds(120))
        #expect(before.union(after).isSubset(of: result.sources), "processing resumed and nothing was lost")
        let deadLetters = try await pipeline.readAll("casefiles.dlq", idle: .seconds(1))
        #expect(deadLetters.isEmpty, "a broker outage is not the event's fault")
        #expect(worker.isRunning)
        await pipeline.stopAll()
        await broker.stop()
    }

    @Test func aRestartedConsolidatorRestoresExactlyItsState() async throws {
        let pipeline = try TestPipeline(partitions: 2)
        try await pipeline.createTopics()
        try pipeline.start("casefile-intake")
        let consolidator = try pipeline.start("findings-consolidator")
        #expect(await pipeline.workers["casefile-intake"]!.waitReady())
        #expect(await consolidator.waitReady())
        let inspection = "INS-RT-STATE"
        try await pipeline.send("inspections", key: inspection, value: SampleEvents.opened(inspectionId: inspection))
        for index in 0..<5 {
            try await pipeline.send("casefiles", key: inspection, value: SampleEvents.caseFile(inspectionId: inspection, index: index))
        }
        let reader = JudgementSampleReader(pipeline: pipeline, inspectionId: inspection)
        let beforeRestart = try await reader.waitFor { $0.caseFiles == 5 }

        consolidator.signal(SIGKILL)
        _ = await consolidator.waitExit()
        let restarted = try pipeline.start("findings-consolidator")
        #expect(await restarted.waitReady(), "ready only once its state is restored")
        // A duplicate changes nothing; a new case file is added to the restored five.
        try await pipeline.send("casefiles", key: inspection, value: SampleEvents.caseFile(inspectionId: inspection, index: 0))
        try await pipeline.send("casefiles", key: inspection, value: SampleEvents.caseFile(inspectionId: inspection, index: 5))
        let afterRestart = try await reader.waitFor { $0.caseFiles == 6 }
        #expect(afterRestart.version > beforeRestart.version, "versions keep increasing across restarts")
        #expect(afterRestart.criteriaYes["AP1"] == 6, "the five restored case files plus the new one")
        await pipeline.stopAll()
    }

}

/// The few judgement fields the runtime tests look at.
struct JudgementSample {
    var version: Int
    var caseFiles: Int
    var criteriaYes: [String: Int]
}

struct JudgementSampleReader {
    let pipeline: TestPipeline
    let inspectionId: String

    /// The newest judgement of the inspection once it meets `condition`: the topic is read from the beginning and
    /// followed until a judgement arrives that is the newest so far and meets it (or `timeout` passes).
    func waitFor(timeout: Duration = .seconds(60), _ condition: (JudgementSample) -> Bool) async throws -> JudgementSample {
        var latest: JudgementSample?
        var matched = false
        try await pipeline.follow("reporting.judgements", timeout: timeout) { message in
            guard message.key == Array(inspectionId.utf8), let data = SampleEvents.data(of: message.value) else { return true }
            let sample = data["sample"] as? [String: Any]
            var yes: [String: Int] = [:]
            for criterion in data["criteria"] as? [[String: Any]] ?? [] {
                yes[criterion["criterionId"] as? String ?? ""] = (criterion["yes"] as? NSNumber)?.intValue
            }
            let judgement = JudgementSample(
                version: (data["version"] as? NSNumber)?.intValue ?? 0,
                caseFiles: (sample?["caseFiles"] as? NSNumber)?.intValue ?? 0, criteriaYes: yes)
            if let current = latest, current.version >= judgement.version { return true }
            latest = judgement
            matched = condition(judgement)
            return !matched
        }
        if matched, let latest { return latest }
        throw TestFailure("no matching judgement for \(inspectionId); latest \(String(describing: latest))")
    }
}

extension TestPipeline {
    /// Reads one of the pipeline's topics (base name) from the beginning and follows it, calling `handle` for each
    /// record until it returns false or `timeout` passes: waiting ends on the record awaited, not on a poll interval.
    func follow(_ base: String, timeout: Duration, handle: (KafkaMessage) throws -> Bool) async throws {
        let reader = TopicReader(
            configuration: KafkaConfiguration(bootstrapServers: bootstrapServers, properties: KafkaConfiguration.consumerDefaults),
            groupPrefix: "follow")
        try await reader.read([topic(base)], timeout: timeout, follow: true, handle: handle)
    }
}
