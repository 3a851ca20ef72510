import Foundation
import InspectionDomain
import InspectionWorkers
import Kafka
import TestSupport
import WorkerRuntime

/// `scripts/benchmark.sh`: throughput of librdkafka itself and of each worker on the same broker, topic
/// layout and events; the processing path per event; the consolidator's memory and restore time; and
/// end-to-end latency at a steady rate. Prints a table; figures go to docs/performance.md.
@main
struct PipelineBenchmark {
    static let environment = ProcessInfo.processInfo.environment
    static let events = Int(environment["BENCH_EVENTS"] ?? "") ?? 200_000
    static let partitions = Int(environment["BENCH_PARTITIONS"] ?? "") ?? 3
    static let bootstrap = environment["KAFKA_BOOTSTRAP_SERVERS"] ?? "127.0.0.1:19392"
    /// `BENCH_SECTIONS=baseline,casefile-intake` runs only those figures (for profiling one worker); all by default.
    static let sections = Set((environment["BENCH_SECTIONS"] ?? "").split(separator: ",").map(String.init))
    static func runs(_ section: String) -> Bool { sections.isEmpty || sections.contains(section) }
    /// The local broker's process, when known (`BENCH_BROKER_PID`, set by scripts/benchmark.sh): its CPU time per
    /// event is reported too, since broker and workers share this machine's cores.
    static let brokerPid = Int32(environment["BENCH_BROKER_PID"] ?? "")
    /// Open inspections in the consolidator figures (also the inspections of the memory figure).
    static let inspections = 1_000
    /// The intakes' pseudonym key (the workers get it through `PSEUDONYM_KEY`).
    static let pseudonymKey = "benchmark-pseudonym-key-123456"
    static let run = "b\(UUID().uuidString.prefix(6).lowercased())"
    static func report(_ name: String, _ value: String, _ note: String = "") {
        print(String(format: "%-58@ %-22@ %@", name as NSString, value as NSString, note as NSString))
        fflush(nil)
    }

    static func main() async throws {
        if sections == ["consolidator-path"] {
            // Domain work only: no broker needed (also for profilers and instruction counts).
            try consolidatorPath()
            return
        }
        if sections == ["tracing-path"] {
            try await tracingPath()  // no broker either
            return
        }
        print("pipeline benchmark: \(events) events, \(partitions) partitions, broker \(bootstrap), run \(run)")
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: bootstrap))
        @Sendable func topic(_ name: String) -> String { "\(run).\(name)" }
        try await admin.createTopics(
            [
                "casefiles", "interviews", "inspections", "casefiles.assessed", "interviews.coded", "passthrough", "reporting.judgements",
                "passthrough-again",
            ]
            .map { TopicSpecification(name: topic($0), partitions: partitions) })
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: bootstrap))

        // Inspections open before their evidence arrives (evidence for unopened inspections is parked).
        try await produceAll(producer, count: inspections) { index in
            ProducerRecord(
                topic: topic("inspections"), key: Array(BenchmarkEvents.inspectionId(index).utf8),
                value: BenchmarkEvents.opened(inspection: index, run: run))
        }

        // 1. Produce alone.
        var start = ContinuousClock.now
        try await produceAll(producer, count: events) { index in
            ProducerRecord(
                topic: topic("casefiles"), key: Array(BenchmarkEvents.inspectionId(index % inspections).utf8),
                value: BenchmarkEvents.caseFile(inspection: index % inspections, caseFile: index / inspections, run: run))
        }
        let produceRate = Double(events) / seconds(ContinuousClock.now - start)
        report(
            "produce alone (librdkafka via Kafka module)", rate(produceRate),
            "\(BenchmarkEvents.caseFile(inspection: 1, caseFile: 1, run: run).count)-byte case files")

        // 2. Consume alone.
        start = ContinuousClock.now
        let consumed = try await TestKafka.readAll([topic("casefiles")], idle: .seconds(1), timeout: .seconds(600), bootstrapServers: bootstrap)
        let consumeRate = Double(consumed.count) / (seconds(ContinuousClock.now - start) - 1)
        report("consume alone", rate(consumeRate))

        // 3. Baseline: raw consume → produce, no decoding (the kcat-pipe equivalent).
        let (baseline, baselineCPU) = try await passthrough(
            from: topic("casefiles"), to: topic("passthrough"), count: events, group: "\(run)-passthrough")
        report("BASELINE consume→produce passthrough", rate(baseline), String(format: "1.00× by definition, client CPU %.1f µs/event", baselineCPU))

        // 4. casefile-intake on the same events.
        var env = workerEnvironment(topic)
        var workerRates: [(name: String, rate: Double)] = []
        let consolidating = runs("findings-consolidator")  // consumes both intakes' outputs
        if runs("casefile-intake") || consolidating {
            let intake = try await measureWorker(
                "casefile-intake", env: env, counter: "inspection_events_produced_total",
                labels: ["topic": topic("casefiles.assessed")], target: events)
            workerRates.append(("casefile-intake", intake.rate))
            report(
                "casefile-intake", rate(intake.rate),
                String(
                    format: "%.2f× baseline, RSS %@, CPU %.1f µs/event", intake.rate / baseline, megabytes(intake.rss) as NSString,
                    intake.cpuMicroseconds))
        }

        // 5. transcript-intake on interviews.
        let interviews = events / 2
        if runs("transcript-intake") || consolidating {
            try await produceAll(producer, count: interviews) { index in
                ProducerRecord(
                    topic: topic("interviews"), key: Array(BenchmarkEvents.inspectionId(index % inspections).utf8),
                    value: BenchmarkEvents.interview(inspection: index % inspections, number: index / inspections, run: run))
            }
            let coder = try await measureWorker(
                "transcript-intake", env: env, counter: "inspection_events_produced_total",
                labels: ["topic": topic("interviews.coded")], target: interviews)
            workerRates.append(("transcript-intake", coder.rate))
            report(
                "transcript-intake", rate(coder.rate),
                String(
                    format: "%.2f× baseline (~%d-byte interviews), CPU %.1f µs/event", coder.rate / baseline,
                    BenchmarkEvents.interview(inspection: 1, number: 2, run: run).count, coder.cpuMicroseconds))
        }

        // 6. findings-consolidator on the assessed case files and coded interviews (+ openings).
        if consolidating {
            let consolidatorInputs = events + interviews + inspections
            env["PUBLISH_INTERVAL_MS"] = "1000"
            let consolidator = try await measureWorker(
                "findings-consolidator", env: env, counter: "inspection_processing_seconds_count",
                labels: [:], target: consolidatorInputs)
            workerRates.append(("findings-consolidator", consolidator.rate))
            report(
                "findings-consolidator (input events/s)", rate(consolidator.rate),
                String(
                    format: "%.2f× baseline, RSS %@, %d inspections, CPU %.1f µs/event", consolidator.rate / baseline,
                    megabytes(consolidator.rss) as NSString, inspections, consolidator.cpuMicroseconds))
        }

        // 6a. The baseline again, after the workers: this VM drifts within a run, so each worker's ratio is also given
        //     against the mean of the baselines measured before and after it.
        if !workerRates.isEmpty {
            let (again, againCPU) = try await passthrough(
                from: topic("casefiles"), to: topic("passthrough-again"), count: events, group: "\(run)-passthrough-again")
            report("BASELINE again, after the workers", rate(again), String(format: "client CPU %.1f µs/event", againCPU))
            let mean = (baseline + again) / 2
            for (name, workerRate) in workerRates {
                report(
                    "  \(name) vs the mean baseline", String(format: "%.2f×", workerRate / mean),
                    String(format: "mean of %.0f and %.0f events/s", baseline, again))
            }
        }

        // 6b. The consolidator's domain work alone (no Kafka), split into its parts.
        if runs("consolidator-path") { try consolidatorPath() }

        // 7. Memory with 1,000 open inspections of 50 case files and 5 interviews; restore time.
        if runs("memory") { try await memoryAndRestore(admin: admin, producer: producer) }

        // 8. End-to-end latency at a steady 2,000 events/s.
        if runs("latency") { try await latency(admin: admin, producer: producer) }

        await producer.close()
        print("\ndone")
    }

    static func workerEnvironment(_ topic: (String) -> String) -> [String: String] {
        [
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap, "TOPIC_CASEFILES": topic("casefiles"), "TOPIC_INTERVIEWS": topic("interviews"),
            "TOPIC_INSPECTIONS": topic("inspections"), "TOPIC_CASEFILES_ASSESSED": topic("casefiles.assessed"),
            "TOPIC_INTERVIEWS_CODED": topic("interviews.coded"), "TOPIC_REPORTING_JUDGEMENTS": topic("reporting.judgements"),
            "TOPIC_REPORTING_AGGREGATES": topic("reporting.aggregates"), "STATE_TOPIC": topic("state-\(UUID().uuidString.prefix(4))"),
            "KAFKA_GROUP_ID": "\(run)-\(UUID().uuidString.prefix(6))", "PSEUDONYM_KEY": pseudonymKey,
            "LOG_LEVEL": "warning", "TOPIC_PARTITIONS": String(partitions),
        ]
    }

    /// Sends `count` records, keeping the producer's queue full rather than awaiting each.
    static func produceAll(_ producer: KafkaProducer, count: Int, _ make: @Sendable (Int) -> ProducerRecord) async throws {
        let done = LockedValue(0)
        let failed = LockedValue(0)
        for index in 0..<count {
            try await producer.send(make(index)) { result in
                if case .failure = result { failed.withLock { $0 += 1 } }
                done.withLock { $0 += 1 }
            }
        }
        _ = await eventually(timeout: .seconds(600)) { done.value == count }
        if failed.value > 0 { print("warning: \(failed.value) deliveries failed") }
    }

    /// Raw passthrough with the same wrapper the workers use, no decoding.
    /// Returns the rate and this process's CPU time per event while it ran (nothing else runs meanwhile).
    static func passthrough(
        from source: String, to destination: String, count: Int, group: String
    ) async throws -> (rate: Double, cpuMicroseconds: Double) {
        var configuration = KafkaConfiguration.consumer(bootstrapServers: bootstrap, groupID: group)
        configuration["enable.auto.offset.store"] = "true"
        let consumer = try KafkaConsumer(configuration: configuration)
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: bootstrap))
        try consumer.subscribe(topics: [source])
        let delivered = LockedValue(0)
        var started: ContinuousClock.Instant?
        var cpuStart = 0.0
        var brokerStart = 0.0
        var seen = 0
        for await event in consumer.events {
            guard case .message(let message) = event else { continue }
            if started == nil { started = .now; cpuStart = cpuSeconds(of: getpid()); brokerStart = brokerPid.map(cpuSeconds(of:)) ?? 0 }
            try await producer.send(
                ProducerRecord(
                    topic: destination, partition: message.partition, key: message.key, value: message.value,
                    headers: message.headers)
            ) { _ in delivered.withLock { $0 += 1 } }
            seen += 1
            if seen == count { break }
        }
        _ = await eventually(timeout: .seconds(600)) { delivered.value == count }
        let elapsed = ContinuousClock.now - (started ?? .now)
        let cpu = cpuSeconds(of: getpid()) - cpuStart
        reportBrokerCPU(destination.hasSuffix("-again") ? "the baseline again" : "the baseline", since: brokerStart, events: count)
        await consumer.close()
        await producer.close()
        return (Double(count) / seconds(elapsed), cpu * 1e6 / Double(count))
    }

    /// Starts a worker on pre-filled topics and times it from readiness until `counter` reaches `target`.
    static func measureWorker(
        _ name: String, env: [String: String], counter: String, labels: [String: String], target: Int
    ) async throws -> (rate: Double, rss: Int, cpuMicroseconds: Double) {
        let worker = try WorkerProcess(name, environment: env)
        guard await worker.waitReady(timeout: .seconds(120)) else { throw TestFailure("\(name) not ready: \(worker.log.suffix(2000))") }
        // Timed from the first processed event, as the baseline is timed from its first message: the group join
        // and the first fetch are start-up, not throughput.
        _ = await eventually(timeout: .seconds(120)) {
            Int(PrometheusText(worker.get("/metrics")?.body ?? "").value("inspection_processing_seconds_count") ?? 0) > 0
        }
        let start = ContinuousClock.now
        let cpuStart = cpuSeconds(of: worker.pid)
        let brokerStart = brokerPid.map(cpuSeconds(of:)) ?? 0
        var peak = 0
        // Polled every 100 ms: scraping /metrics every 20 ms cost the worker a tenth of its CPU.
        var finished = false
        let deadline = ContinuousClock.now + .seconds(900)
        while ContinuousClock.now < deadline {
            peak = max(peak, rss(of: worker.pid))
            if Int(PrometheusText(worker.get("/metrics")?.body ?? "").value(counter, labels) ?? 0) >= target { finished = true; break }
            try? await Task.sleep(for: .milliseconds(100))
        }
        let elapsed = ContinuousClock.now - start
        let cpu = cpuSeconds(of: worker.pid) - cpuStart
        reportBrokerCPU(name, since: brokerStart, events: target)
        if !finished { print("warning: \(name) did not reach \(target) in time") }
        await worker.stop()
        return (Double(target) / seconds(elapsed), peak, cpu * 1e6 / Double(target))
    }

    /// The consolidator's processing path without Kafka on the same workload as its pipeline figure (1,000
    /// inspections; the case files and interviews made by the intakes' own code): decode + apply per input,
    /// one judgement per inspection (the document a publish round writes), one changelog record per inspection.
    static func consolidatorPath() throws {
        let rules = try RuleSet.load(fromDirectory: configDirectory())
        let assessor = CaseFileAssessor(rules: rules, pseudonymKey: Array(pseudonymKey.utf8))
        let coder = InterviewCoder(rules: rules)
        let consolidator = Consolidator(rules: rules)
        let caseFiles = min(events, 100_000)
        var inputs: [(ConsolidatorInputKind, [UInt8], [UInt8])] = []
        for index in 0..<inspections {
            inputs.append((.inspections, Array(BenchmarkEvents.inspectionId(index).utf8), BenchmarkEvents.opened(inspection: index, run: run)))
        }
        for index in 0..<caseFiles {
            let key = Array(BenchmarkEvents.inspectionId(index % inspections).utf8)
            if case .success(let assessed) = assessor.process(
                key: key, value: BenchmarkEvents.caseFile(inspection: index % inspections, caseFile: index / inspections, run: run))
            {
                inputs.append((.assessedCaseFiles, assessed.key, assessed.value))
            }
        }
        // Interviews as the pipeline figure makes them: half as many, spread over the inspections the same way.
        for index in 0..<caseFiles / 2 {
            let key = Array(BenchmarkEvents.inspectionId(index % inspections).utf8)
            if case .success(let coded) = coder.process(
                key: key, value: BenchmarkEvents.interview(inspection: index % inspections, number: index / inspections, run: run))
            {
                inputs.append((.codedInterviews, coded.key, coded.value))
            }
        }
        var states: [String: InspectionState] = [:]
        var start = ContinuousClock.now
        for (offset, (kind, key, value)) in inputs.enumerated() {
            guard case .success(let event) = consolidator.decode(kind: kind, key: key, value: value) else { throw TestFailure("rejected input") }
            let id = String(decoding: key, as: UTF8.self)
            let origin = InputOrigin(topic: "\(kind)", partition: 0, offset: Int64(offset), key: key, value: value)
            _ = consolidator.apply(event, origin: origin, to: &states[id, default: InspectionState(inspectionId: id)])
        }
        let applyMicros = seconds(ContinuousClock.now - start) * 1e6 / Double(inputs.count)
        report(
            "consolidator decode+apply (no Kafka)", String(format: "%.2f µs/input", applyMicros), "\(inputs.count) inputs, \(inspections) inspections"
        )
        start = ContinuousClock.now
        var bytes = 0
        for state in states.values {
            bytes += consolidator.judgementEvent(for: state, version: 1, time: "2026-03-20T12:00:00Z")?.value.count ?? 0
        }
        let judgementMicros = seconds(ContinuousClock.now - start) * 1e6 / Double(states.count)
        report(
            "consolidator judgement (no Kafka)", String(format: "%.0f µs/judgement", judgementMicros),
            "\(caseFiles / inspections) case files and \(caseFiles / inspections / 2) interviews each, \(bytes / max(1, states.count)) bytes")
        start = ContinuousClock.now
        bytes = 0
        for state in states.values { bytes += state.changelogBytes().count }
        let changelogMicros = seconds(ContinuousClock.now - start) * 1e6 / Double(states.count)
        report(
            "consolidator changelog record (no Kafka)", String(format: "%.0f µs/inspection", changelogMicros), "\(bytes / max(1, states.count)) bytes"
        )
    }

    static func memoryAndRestore(admin: KafkaAdmin, producer: KafkaProducer) async throws {
        let prefix = "\(run)m"
        @Sendable func topic(_ name: String) -> String { "\(prefix).\(name)" }
        try await admin.createTopics(
            ["inspections", "casefiles.assessed", "interviews.coded", "reporting.judgements"].map {
                TopicSpecification(name: topic($0), partitions: partitions)
            })
        let rules = try RuleSet.load(fromDirectory: configDirectory())
        let assessor = CaseFileAssessor(rules: rules, pseudonymKey: Array(pseudonymKey.utf8))
        let coder = InterviewCoder(rules: rules)
        try await produceAll(producer, count: inspections) { index in
            ProducerRecord(
                topic: topic("inspections"), key: Array(BenchmarkEvents.inspectionId(index).utf8),
                value: BenchmarkEvents.opened(inspection: index, run: prefix))
        }
        try await produceAll(producer, count: inspections * 50) { index in
            let inspection = index % inspections
            let key = Array(BenchmarkEvents.inspectionId(inspection).utf8)
            guard
                case .success(let output) = assessor.process(
                    key: key, value: BenchmarkEvents.caseFile(inspection: inspection, caseFile: index / inspections, run: prefix))
            else { fatalError("benchmark case file refused") }
            return ProducerRecord(topic: topic("casefiles.assessed"), key: key, value: output.value)
        }
        try await produceAll(producer, count: inspections * 5) { index in
            let inspection = index % inspections
            let key = Array(BenchmarkEvents.inspectionId(inspection).utf8)
            guard
                case .success(let output) = coder.process(
                    key: key, value: BenchmarkEvents.interview(inspection: inspection, number: index / inspections, run: prefix))
            else { fatalError("benchmark interview refused") }
            return ProducerRecord(topic: topic("interviews.coded"), key: key, value: output.value)
        }
        let total = inspections * 56
        var env = workerEnvironment(topic)
        env["STATE_TOPIC"] = topic("state")
        env["LOG_LEVEL"] = "info"  // the restore figure is read from the "state restored" log line
        let first = try WorkerProcess("findings-consolidator", environment: env)
        guard await first.waitReady(timeout: .seconds(120)) else { throw TestFailure("consolidator not ready") }
        _ = await eventually(timeout: .seconds(900)) {
            Int(PrometheusText(first.get("/metrics")?.body ?? "").value("inspection_processing_seconds_count") ?? 0) >= total
        }
        try await Task.sleep(for: .seconds(3))  // let coalesced publications finish
        let resident = rss(of: first.pid)
        report("consolidator RSS, 1,000 inspections × (50 case files + 5 interviews)", megabytes(resident), "target ≤ 256 MB")
        await first.stop()
        let restartedAt = ContinuousClock.now
        let second = try WorkerProcess("findings-consolidator", environment: env)
        guard await second.waitReady(timeout: .seconds(120)) else { throw TestFailure("consolidator not ready after restart") }
        let readyAfter = ContinuousClock.now - restartedAt
        let restoreMs = restoreMilliseconds(in: second.log)
        report("consolidator restore after restart (state read)", restoreMs.map { "\($0) ms" } ?? "?", "target ≤ 10 s")
        report(
            "consolidator restart → ready (incl. group join)", String(format: "%.1f s", seconds(readyAfter)),
            "RSS after restore \(megabytes(rss(of: second.pid)))")
        // Publish every report: each FINAL inspection shrinks to its de-duplication keys once its judgement is out,
        // so a new instance restoring the same 1,000 inspections holds far less.
        try await produceAll(producer, count: inspections) { index in
            ProducerRecord(
                topic: topic("inspections"), key: Array(BenchmarkEvents.inspectionId(index).utf8),
                value: BenchmarkEvents.published(inspection: index, run: prefix))
        }
        _ = await eventually(timeout: .seconds(300)) {
            Int(PrometheusText(second.get("/metrics")?.body ?? "").value("inspection_processing_seconds_count") ?? 0) >= inspections
        }
        try await Task.sleep(for: .seconds(3))  // let the FINAL judgements go out and the shrunk states reach the changelog
        await second.stop()
        let third = try WorkerProcess("findings-consolidator", environment: env)
        guard await third.waitReady(timeout: .seconds(120)) else { throw TestFailure("consolidator not ready after the reports") }
        report(
            "consolidator RSS after restoring the same 1,000 inspections, all FINAL", megabytes(rss(of: third.pid)),
            "restore \(restoreMilliseconds(in: third.log).map { "\($0) ms" } ?? "?")")
        await third.stop()
    }

    static func latency(admin: KafkaAdmin, producer: KafkaProducer) async throws {
        let prefix = "\(run)l"
        @Sendable func topic(_ name: String) -> String { "\(prefix).\(name)" }
        try await admin.createTopics(
            ["inspections", "casefiles", "casefiles.assessed", "interviews.coded", "reporting.judgements"].map {
                TopicSpecification(name: topic($0), partitions: partitions)
            })
        let env = workerEnvironment(topic)
        let intake = try WorkerProcess("casefile-intake", environment: env)
        let consolidator = try WorkerProcess("findings-consolidator", environment: env.merging(["STATE_TOPIC": topic("state")]) { $1 })
        guard await intake.waitReady(), await consolidator.waitReady() else { throw TestFailure("workers not ready") }
        let inspections = 200
        try await produceAll(producer, count: inspections) { index in
            ProducerRecord(
                topic: topic("inspections"), key: Array(BenchmarkEvents.inspectionId(index).utf8),
                value: BenchmarkEvents.opened(inspection: index, run: prefix))
        }
        // Judgements observed: per inspection, the highest caseFiles count and when it was first seen.
        let sent = LockedValue([Int: [ContinuousClock.Instant]]())
        let latencies = LockedValue([Double]())
        var readerConfiguration = KafkaConfiguration.consumer(bootstrapServers: bootstrap, groupID: "\(prefix)-reader")
        readerConfiguration["enable.auto.commit"] = "false"
        let reader = try KafkaConsumer(configuration: readerConfiguration)
        try reader.assign((0..<partitions).map { (TopicPartition(topic: topic("reporting.judgements"), partition: Int32($0)), Int64(-2)) })
        let seenCount = LockedValue([Int: Int]())
        let rateTarget = 2_000
        let duration = 15
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in reader.events {
                    guard case .message(let message) = event, let value = message.value,
                        let object = try? JSONSerialization.jsonObject(with: Data(value)) as? [String: Any],
                        let data = object["data"] as? [String: Any],
                        let id = data["inspectionId"] as? String, let index = Int(id.suffix(4)),
                        let count = ((data["sample"] as? [String: Any])?["caseFiles"] as? NSNumber)?.intValue
                    else { continue }
                    let now = ContinuousClock.now
                    let previous = seenCount.withLock { seen -> Int in
                        let p = seen[index] ?? 0; seen[index] = max(p, count); return p
                    }
                    guard count > previous else { continue }
                    let times = sent.withLock { $0[index] ?? [] }
                    let resolved = times.prefix(count).dropFirst(previous).map { seconds(now - $0) }
                    latencies.withLock { $0.append(contentsOf: resolved) }
                }
            }
            // Steady load: 20 events every 10 ms.
            let total = rateTarget * duration
            let begin = ContinuousClock.now
            for index in 0..<total {
                let inspection = index % inspections
                let caseFile = index / inspections
                if index % 20 == 0 { try await Task.sleep(until: begin + .milliseconds(index / 20 * 10)) }
                sent.withLock { $0[inspection, default: []].append(.now) }
                try await producer.send(
                    ProducerRecord(
                        topic: topic("casefiles"), key: Array(BenchmarkEvents.inspectionId(inspection).utf8),
                        value: BenchmarkEvents.caseFile(inspection: inspection, caseFile: caseFile, run: prefix))
                ) { _ in }
            }
            _ = await eventually(timeout: .seconds(60)) { latencies.value.count >= total }
            reader.stopDelivering()
            group.cancelAll()
        }
        await reader.close()
        var values = latencies.value.sorted()
        if values.isEmpty { values = [.nan] }
        let p50 = values[values.count / 2]
        let p99 = values[min(values.count - 1, Int(Double(values.count) * 0.99))]
        report(
            "end-to-end latency p50 at \(rateTarget) events/s", String(format: "%.0f ms", p50 * 1000),
            "casefiles → reporting.judgements, \(values.count) events")
        report("end-to-end latency p99 at \(rateTarget) events/s", String(format: "%.0f ms", p99 * 1000), "target ≤ 2 s (1 s coalescing included)")
        await intake.stop()
        await consolidator.stop()
    }

    static func restoreMilliseconds(in log: String) -> Int? {
        for line in log.split(separator: "\n") where line.contains("state restored") {
            if let range = line.range(of: "\"ms\":\"") {
                return Int(line[range.upperBound...].prefix { $0.isNumber })
            }
        }
        return nil
    }

    static func configDirectory() -> String {
        environment["INSPECTION_CONFIG_DIR"] ?? FileManager.default.currentDirectoryPath + "/config"
    }

    /// User plus system CPU time a process has used so far, in seconds (`/proc/PID/stat`, clock ticks of 10 ms).
    static func cpuSeconds(of pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return 0 }
        // Fields after the command name: state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Prints the broker's CPU time per event since `start` (when its process is known).
    static func reportBrokerCPU(_ phase: String, since start: Double, events: Int) {
        guard let brokerPid else { return }
        report("  broker CPU during \(phase)", String(format: "%.1f µs/event", (cpuSeconds(of: brokerPid) - start) * 1e6 / Double(events)))
    }

    static func rss(of pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1_048_576) }
    static func rate(_ perSecond: Double) -> String { String(format: "%.0f events/s", perSecond) }
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
