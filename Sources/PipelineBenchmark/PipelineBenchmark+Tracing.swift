import Foundation
import Kafka
import Logging
import ServiceLifecycle
import TestSupport
import Tracing
import WorkerRuntime

extension PipelineBenchmark {
    /// `BENCH_SECTIONS=tracing-path`: the tracing calls of the processing path alone, per event, without a broker: a
    /// consumed case file (`begin`), its one output (`startSend`, the `send` span ended as on delivery) and the end of
    /// its processing. With export off, with and without an incoming `traceparent` header; the CloudEvents scan an
    /// event without the header costs when export is on; and with export on and every span sampled, through
    /// swift-otel's batch processor to an OTLP/HTTP endpoint where nothing listens (its exports fail in the
    /// background), reported as time on the calling thread and as the process's CPU, the exporter's included.
    static func tracingPath() async throws {
        let count = max(events, 20_000)
        let value = BenchmarkEvents.caseFile(inspection: 1, caseFile: 1, run: run)
        let upstream = KafkaHeader(name: "traceparent", string: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        let plain = KafkaMessage(topic: "casefiles", partition: 0, offset: 0, key: Array("INS-1".utf8), value: value)
        var traced = plain
        traced.headers = [upstream]
        print("tracing path: \(count) events of \(value.count) bytes, one output each")

        /// The same without any tracing call: what the figures below are compared with.
        @inline(never) func untracedPath(_ message: KafkaMessage) -> Int {
            let output = OutputRecord(topic: "casefiles.assessed", partition: 0, key: message.key, value: message.value)
            return output.record.headers.count + (output.record.key?.count ?? 0)
        }

        @inline(never) func processPath(_ tracing: PipelineTracing, _ message: KafkaMessage) -> Int {
            let trace = tracing.begin(message)
            var output = OutputRecord(topic: "casefiles.assessed", partition: 0, key: message.key, value: message.value)
            let send = tracing.startSend(&output, parent: trace)
            send?.end()
            trace?.end(outputs: [output])
            return output.record.headers.count
        }

        func measure(_ name: String, _ tracing: PipelineTracing, _ message: KafkaMessage, note: String = "") {
            var headers = 0
            for _ in 0..<1_000 { headers &+= processPath(tracing, message) }  // warm-up
            let cpuBefore = processCPUSeconds()
            let start = ContinuousClock.now
            for _ in 0..<count { headers &+= processPath(tracing, message) }
            let wall = seconds(ContinuousClock.now - start)
            let cpu = processCPUSeconds() - cpuBefore
            let suffix = note.isEmpty ? "" : ", " + note
            report(
                name, String(format: "%.3f µs/event", wall * 1e6 / Double(count)),
                String(format: "process CPU %.3f µs/event%@", cpu * 1e6 / Double(count), suffix as NSString))
            if headers < 0 { print(headers) }  // keeps the work observable
        }

        var sink = 0
        let baselineStart = ContinuousClock.now
        for _ in 0..<count { sink &+= untracedPath(plain) }
        report(
            "no tracing calls (the output record alone)",
            String(format: "%.3f µs/event", seconds(ContinuousClock.now - baselineStart) * 1e6 / Double(count)), "baseline")
        if sink < 0 { print(sink) }
        measure("tracing, export off, no traceparent", .disabled, plain)
        measure("tracing, export off, traceparent header (copied)", .disabled, traced)

        var found = 0
        let scanStart = ContinuousClock.now
        for _ in 0..<count where TraceContext(cloudEvent: value) != nil { found += 1 }
        report(
            "tracing, CloudEvents traceparent scan (none present)",
            String(format: "%.3f µs/event", seconds(ContinuousClock.now - scanStart) * 1e6 / Double(count)), "\(found) found")

        // The exporter's diagnostics (every failed export) would bury the figures.
        LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
        let quiet = Logger(label: "benchmark.otel")
        let settings = SettingsSource(values: [
            "OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:9", "OTEL_TRACES_SAMPLER": "always_on",
        ])
        let exporting = try TracingBootstrap.bootstrap(
            workerName: "casefile-intake", consumerGroup: "casefile-intake", settings: settings, logger: quiet)
        guard let service = exporting.service else { throw TestFailure("tracing did not start") }
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            measure("tracing, export on, every span sampled", exporting.tracing, traced, note: "2 spans")
            group.cancelAll()
        }
    }

    /// User plus system CPU time of this process, every thread included, to the nanosecond (`cpuSeconds(of:)` reads
    /// another process's in clock ticks, too coarse for the sub-microsecond figures here).
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
