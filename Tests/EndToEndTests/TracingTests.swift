import Foundation
import Kafka
import TestSupport
import Testing

/// W3C trace context through the real worker executables on the real broker, exported with OTLP/HTTP to a real
/// receiver (`scripts/otlp_receiver.py`, on opentelemetry-proto) that writes the spans it gets as JSON lines.
@Suite(.serialized, .timeLimit(.minutes(5))) struct TracingTests {
    typealias S = ScenarioEvents

    /// An upstream system's span: the parent the pipeline continues.
    struct Upstream {
        let traceID: String
        let spanID: String
        var traceparent: String { "00-\(traceID)-\(spanID)-01" }

        static func fresh() -> Upstream {
            func hex(_ bytes: Int) -> String { (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined() }
            return Upstream(traceID: hex(16), spanID: hex(8))
        }
    }

    /// A span as the receiver wrote it.
    struct ReceivedSpan {
        let raw: [String: Any]
        var name: String { raw["name"] as? String ?? "" }
        var traceID: String { raw["trace_id"] as? String ?? "" }
        var spanID: String { raw["span_id"] as? String ?? "" }
        var parentSpanID: String { raw["parent_span_id"] as? String ?? "" }
        var kind: String { raw["kind"] as? String ?? "" }
        var service: String { raw["service"] as? String ?? "" }
        var attributes: [String: Any] { raw["attributes"] as? [String: Any] ?? [:] }
        var links: [(traceID: String, spanID: String)] {
            (raw["links"] as? [[String: Any]] ?? []).map { ($0["trace_id"] as? String ?? "", $0["span_id"] as? String ?? "") }
        }
        func attribute(_ name: String) -> String? { attributes[name].map { "\($0)" } }
    }

    /// `scripts/otlp_receiver.py` on a free port, run with the project's venv.
    final class Receiver: @unchecked Sendable {
        let process = Process()
        let spansPath: String
        let port: Int

        init() async throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
            let python = root.appendingPathComponent(".local/venv/bin/python3").path
            guard FileManager.default.isExecutableFile(atPath: python) else {
                throw TestFailure("no \(python): run scripts/install-tools.sh")
            }
            let base = NSTemporaryDirectory() + "otlp-\(UUID().uuidString.prefix(8))"
            spansPath = base + ".jsonl"
            let portPath = base + ".port"
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [
                root.appendingPathComponent("scripts/otlp_receiver.py").path, "--port", "0", "--output", spansPath, "--port-file", portPath,
            ]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let child = process
            guard await eventually(timeout: .seconds(20), { FileManager.default.fileExists(atPath: portPath) || !child.isRunning }),
                let text = try? String(contentsOfFile: portPath, encoding: .utf8), let port = Int(text)
            else {
                process.terminate()
                throw TestFailure("the OTLP receiver did not start (is opentelemetry-proto installed? scripts/install-tools.sh)")
            }
            self.port = port
        }

        var spans: [ReceivedSpan] {
            guard let text = try? String(contentsOfFile: spansPath, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]).map(ReceivedSpan.init)
            }
        }

        /// SIGTERM, then SIGKILL after 5 s (polling: `waitUntilExit` would block a concurrency thread).
        func stop() async {
            guard process.isRunning else { return }
            process.terminate()
            if await eventually(timeout: .seconds(5), { !process.isRunning }) { return }
            kill(process.processIdentifier, SIGKILL)
            _ = await eventually(timeout: .seconds(5)) { !process.isRunning }
        }
    }

    static func traceparent(of message: KafkaMessage) -> (traceID: String, spanID: String)? {
        guard let value = message.header("traceparent")?.stringValue else { return nil }
        let parts = value.split(separator: "-")
        guard parts.count == 4 else { return nil }
        return (String(parts[1]), String(parts[2]))
    }

    @Test func oneTraceRunsFromTheUpstreamEventThroughEveryWorkerAndItsDeadLetters() async throws {
        let receiver = try await Receiver()
        let pipeline = try TestPipeline(partitions: 1)
        let tracing = [
            "OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:\(receiver.port)",
            "OTEL_BSP_SCHEDULE_DELAY": "200",
        ]
        do {
            try await pipeline.createTopics()
            let intake = try pipeline.start("casefile-intake", extra: tracing)
            let consolidator = try pipeline.start("findings-consolidator", extra: tracing)
            for worker in [intake, consolidator] {
                guard await worker.waitReady() else { throw TestFailure("\(worker.name) did not become ready:\n\(worker.log.suffix(3000))") }
            }
            try await run(pipeline, receiver: receiver, intake: intake, consolidator: consolidator)
        } catch {
            await pipeline.stopAll()
            await receiver.stop()
            throw error
        }
        await pipeline.stopAll()
        await receiver.stop()
    }

    func run(_ pipeline: TestPipeline, receiver: Receiver, intake: WorkerProcess, consolidator: WorkerProcess) async throws {
        let opened = Upstream.fresh()
        let caseFile = Upstream.fresh()
        let refused = Upstream.fresh()
        let inJSON = Upstream.fresh()
        func traceHeaders(_ upstream: Upstream) -> [KafkaHeader] {
            [KafkaHeader(name: "traceparent", string: upstream.traceparent), KafkaHeader(name: "tracestate", string: "upstream=1")]
        }
        try await pipeline.send(
            "inspections", key: S.inspectionId,
            value: S.bytes(
                S.event(
                    "inspection.opened",
                    data: [
                        "inspectionId": S.inspectionId,
                        "establishment": ["code": "MDI", "name": "HMP Moorland", "type": "TRAINING", "population": "ADULT"],
                        "fieldworkStart": "2026-03-02", "fieldworkEnd": "2026-03-13", "framework": "omi-v1",
                    ])), headers: traceHeaders(opened))
        try await pipeline.send(
            "casefiles", key: S.inspectionId, value: S.bytes(S.event("casefile.submitted", data: S.record(1))), headers: traceHeaders(caseFile))
        try await pipeline.send("casefiles", key: S.inspectionId, value: Array("{not json".utf8), headers: traceHeaders(refused))
        // No header: the CloudEvents distributed-tracing extension attribute in the event is continued.
        try await pipeline.send(
            "casefiles", key: S.inspectionId,
            value: S.bytes(S.event("casefile.submitted", data: S.record(2)) { $0["traceparent"] = inJSON.traceparent }))

        // The outputs carry the trace on.
        let assessed = try await pipeline.readAll("casefiles.assessed")
        #expect(assessed.count == 2)
        let assessedTraces = assessed.compactMap(Self.traceparent(of:))
        #expect(assessedTraces.count == 2, "every output carries a traceparent")
        let caseFileOutput = try #require(assessedTraces.first { $0.traceID == caseFile.traceID }, "the case file's trace runs on")
        #expect(assessedTraces.contains { $0.traceID == inJSON.traceID }, "the trace in the event's extension attribute runs on")
        #expect(assessed.first { Self.traceparent(of: $0)?.traceID == caseFile.traceID }?.header("tracestate")?.stringValue == "upstream=1")
        let deadLetters = try await pipeline.readAll("casefiles.dlq")
        #expect(deadLetters.count == 1)
        let deadLetter = try #require(deadLetters.first.flatMap(Self.traceparent(of:)))
        #expect(deadLetter.traceID == refused.traceID, "the dead letter carries the trace of the event that caused it")
        #expect(deadLetter.spanID != refused.spanID, "… continued from that event's processing, not copied")

        // Spans arrive while the workers run (every 200 ms); once a judgement's send span links to the case file's
        // processing in the consolidator, the workers are stopped (what is still queued is exported on the way out).
        let assessedTopic = pipeline.topic("casefiles.assessed")
        let judgementTopic = pipeline.topic("reporting.judgements")
        let linkedToTheCaseFile = await eventually(timeout: .seconds(60)) {
            let spans = receiver.spans
            let processed = Set(spans.filter { $0.name == "process \(assessedTopic)" && $0.traceID == caseFile.traceID }.map(\.spanID))
            return spans.contains { $0.name == "send \(judgementTopic)" && $0.links.contains { processed.contains($0.spanID) } }
        }
        #expect(linkedToTheCaseFile, "a judgement span linked to the case file's processing arrived")
        let judgements = try await pipeline.readAll("reporting.judgements")
        #expect(!judgements.isEmpty)
        await intake.stop()
        await consolidator.stop()
        let spans = receiver.spans

        // casefile-intake: the process span continues the upstream span, the send span is under it, and the output's
        // traceparent is the send span.
        let casefilesTopic = pipeline.topic("casefiles")
        let process = try #require(
            spans.first { $0.name == "process \(casefilesTopic)" && $0.traceID == caseFile.traceID }, "process span of the case file")
        #expect(process.parentSpanID == caseFile.spanID, "the input's span is its parent")
        #expect(process.kind == "CONSUMER")
        #expect(process.service == "casefile-intake")
        #expect(process.attribute("messaging.system") == "kafka")
        #expect(process.attribute("messaging.operation.type") == "process")
        #expect(process.attribute("messaging.destination.name") == casefilesTopic)
        #expect(process.attribute("messaging.destination.partition.id") == "0")
        #expect(process.attribute("messaging.kafka.offset") == "0")
        #expect(process.attribute("messaging.consumer.group.name") == "\(pipeline.prefix)-casefile-intake")
        let send = try #require(spans.first { $0.spanID == caseFileOutput.spanID }, "the output's traceparent names a span received")
        #expect(send.name == "send \(pipeline.topic("casefiles.assessed"))")
        #expect(send.kind == "PRODUCER")
        #expect(send.parentSpanID == process.spanID)
        #expect(send.traceID == caseFile.traceID)
        #expect(send.attribute("messaging.kafka.offset") != nil, "the offset the broker gave")

        // The dead letter's trace: a process span marked with its code, its send span the dead letter's traceparent.
        let refusedProcess = try #require(spans.first { $0.name == "process \(casefilesTopic)" && $0.traceID == refused.traceID })
        #expect(refusedProcess.attribute("error.type") == "MALFORMED_JSON")
        #expect(refusedProcess.raw["status"] as? String == "ERROR")
        let deadLetterSend = try #require(spans.first { $0.spanID == deadLetter.spanID })
        #expect(deadLetterSend.name == "send \(pipeline.topic("casefiles.dlq"))")
        #expect(deadLetterSend.parentSpanID == refusedProcess.spanID)

        // findings-consolidator: the assessed record's process span continues the intake's send span, and a judgement's
        // send span starts its own trace linked to its inputs' process spans.
        let assessedProcess = try #require(
            spans.first { $0.name == "process \(pipeline.topic("casefiles.assessed"))" && $0.traceID == caseFile.traceID })
        #expect(assessedProcess.parentSpanID == send.spanID, "one trace from the upstream event to the consolidator")
        #expect(assessedProcess.service == "findings-consolidator")
        let openedProcess = try #require(spans.first { $0.name == "process \(pipeline.topic("inspections"))" && $0.traceID == opened.traceID })
        let judgementSends = spans.filter { $0.name == "send \(pipeline.topic("reporting.judgements"))" }
        #expect(!judgementSends.isEmpty)
        let linked = Set(judgementSends.flatMap { $0.links.map(\.spanID) })
        #expect(linked.contains(assessedProcess.spanID), "a judgement links to the case file's processing")
        #expect(linked.contains(openedProcess.spanID), "a judgement links to the opening's processing")
        for judgementSend in judgementSends {
            #expect(judgementSend.parentSpanID.isEmpty, "a judgement of many inputs has no single parent")
            #expect(!judgementSend.links.isEmpty)
            #expect(judgementSend.kind == "PRODUCER")
        }
        let judgementTraces = Set(judgements.compactMap { Self.traceparent(of: $0)?.spanID })
        #expect(judgementTraces.count == judgements.count, "every judgement carries a traceparent")
        #expect(judgementTraces.isSubset(of: Set(judgementSends.map(\.spanID))), "… naming its send span")

        // Personal data never goes into spans: no span names the identifiers or names of the case file.
        let spansText = (try? String(contentsOfFile: receiver.spansPath, encoding: .utf8)) ?? ""
        for personal in [S.prisonNumber(1), S.crn(1), S.dateOfBirth(1)] {
            #expect(!spansText.contains(personal), "no \(personal) in any span")
        }

        // Log lines written while an event was processed carry its trace and span ids.
        let refusalLog = intake.log.split(separator: "\n").first { $0.contains("event rejected") }
        #expect(refusalLog?.contains(#""trace_id":"\#(refused.traceID)""#) == true, "\(refusalLog ?? "no refusal logged")")
        #expect(refusalLog?.contains(#""span_id":"\#(refusedProcess.spanID)""#) == true)
    }
}
