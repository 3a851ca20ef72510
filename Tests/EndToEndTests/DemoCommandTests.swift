import Foundation
import Kafka
import TestSupport
import Testing
import WorkerRuntime

/// `inspection demo` (§10's "local demo"): against the test broker, on this test's own topic names.
@Suite(.serialized, .timeLimit(.minutes(4))) struct DemoCommandTests {
    @Test func theDemoRunsTheFourWorkersToAFinalJudgementAndStopsThem() async throws {
        let pipeline = try TestPipeline(partitions: 1)  // only its topic names and producer: the demo starts the workers
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(pipeline.prefix)").path
        let configDirectory = ProcessInfo.processInfo.environment["INSPECTION_CONFIG_DIR"] ?? "config"
        let httpPort = WorkerProcess.freePort()
        let inspectionId = "INS-2026-DEM-01"
        let run = try await runInspection(
            [
                "demo", "--file", configDirectory + "/topics.json", "--partitions", "1", "--http-port", String(httpPort),
                "--log-directory", logs, "--inspection-id", inspectionId, "--case-files", "3", "--seed", "3", "--timeout", "90",
            ], environment: pipeline.environment(for: "inspection"), timeout: .seconds(200))
        #expect(run.status == 0, "\(run.output.suffix(3000))")
        #expect(run.output.contains("FINAL judgement version"), "\(run.output.suffix(3000))")
        #expect(run.output.contains(inspectionId))
        for (offset, worker) in TestPipeline.workerNames.enumerated() {
            #expect(run.output.contains("\(worker) ready"))
            // Started with its own HTTP port, and stopped again: nothing answers there any more.
            #expect(HTTPProbe.get(port: httpPort + offset, path: "/health/live") == nil, "\(worker) still answers")
            let log = (try? String(contentsOfFile: logs + "/\(worker).log", encoding: .utf8)) ?? ""
            #expect(log.contains("\"level\""), "\(worker) logged JSON to its file")
        }
        #expect(run.output.contains("stopped; logs in \(logs)"))
        // The sample went through the pipeline's own topics: its FINAL judgement is on this test's judgements topic.
        let judgements = try await pipeline.readAll("reporting.judgements", idle: .seconds(1))
        let final = judgements.filter { $0.key == Array(inspectionId.utf8) }.compactMap { JSONDocument($0.value) }
            .first { $0.string("status") == "FINAL" }
        #expect(final?.int("sample.caseFiles") == 3)
        await pipeline.stopAll()
    }

    /// With `--keep-running` the workers stay up after the sample until the demo is interrupted; then it stops them
    /// (they run in process groups of their own, so a terminal's Ctrl-C reaches only the demo) and exits 0.
    @Test func anInterruptStopsTheWorkersItStarted() async throws {
        let pipeline = try TestPipeline(partitions: 1)
        let configDirectory = ProcessInfo.processInfo.environment["INSPECTION_CONFIG_DIR"] ?? "config"
        let httpPort = WorkerProcess.freePort()
        let run = try InspectionRun(
            [
                "demo", "--file", configDirectory + "/topics.json", "--partitions", "1", "--http-port", String(httpPort),
                "--inspection-id", "INS-2026-DEM-02", "--case-files", "2", "--timeout", "90", "--keep-running",
            ], environment: pipeline.environment(for: "inspection"))
        let process = run.process
        let waiting = await eventually(timeout: .seconds(150)) { run.printed.contains("Ctrl-C stops them") || !process.isRunning }
        #expect(waiting && process.isRunning, "\(run.printed.suffix(3000))")
        for offset in 0..<4 {
            #expect(HTTPProbe.get(port: httpPort + offset, path: "/health/ready")?.status == 200, "worker \(offset) keeps running")
        }
        kill(process.processIdentifier, SIGINT)
        let status = await run.waitExit(timeout: .seconds(90))
        #expect(status == 0, "\(run.printed.suffix(3000))")
        #expect(run.printed.contains("interrupted; stopping 4 workers"))
        for offset in 0..<4 {
            #expect(HTTPProbe.get(port: httpPort + offset, path: "/health/live") == nil, "worker \(offset) was stopped")
        }
        await pipeline.stopAll()
    }
}
