import ArgumentParser
import Foundation
import Kafka
import WorkerRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// `inspection demo`: the whole pipeline on one machine against a running broker.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a local demo: topics, the four workers, a sample inspection followed to FINAL, then stop.",
        discussion: """
            Needs a broker (KAFKA_BOOTSTRAP_SERVERS or --bootstrap-servers) and the four worker executables next to \
            this one, as `swift build` leaves them. Creates the topics, starts casefile-intake, transcript-intake, \
            findings-consolidator and aggregate-reporter as child processes (HTTP ports from --http-port up, JSON logs \
            in --log-directory), waits until each is ready, publishes a seeded sample inspection, follows it to its \
            FINAL judgement and prints the summary, then stops the workers with SIGTERM. scripts/demo.sh runs this \
            against a fresh local broker.
            """)

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "The topic file.") var file = "config/topics.json"
    @Option(help: "Partitions for the topics (default: TOPIC_PARTITIONS when set, else the file's).") var partitions: Int?
    @Option(help: "The first of four consecutive HTTP ports, one per worker.") var httpPort = 18081
    @Option(help: "Where the workers' logs go (default: a new temporary folder).") var logDirectory: String?
    @Option(help: "Inspection id of the sample.") var inspectionId = "INS-2026-MDI-01"
    @Option(help: "Number of case files in the sample.") var caseFiles = 24
    @Option(help: "Random seed of the sample.") var seed: UInt64 = 7
    @Option(help: "Seconds to wait for the workers, and for each stage of the sample.") var timeout = 120
    @Flag(help: "Leave the workers running after the sample, until Ctrl-C.") var keepRunning = false

    /// The workers, in the order they start (and stop in reverse).
    static let workers = ["casefile-intake", "transcript-intake", "findings-consolidator", "aggregate-reporter"]

    func run() async throws {
        let servers = try connection.configuration().kafka["bootstrap.servers"] ?? "localhost:9092"
        let bootstrap = ["--bootstrap-servers", servers]
        note("demo: provisioning topics on \(servers)")
        let create = try TopicsCommand.Create.parse(bootstrap + ["--file", file] + (partitions.map { ["--partitions", String($0)] } ?? []))
        try await create.run()

        DemoInterrupts.install()
        let logs = logDirectory ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("inspection-demo-\(getpid())")
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        var started: [DemoWorker] = []
        do {
            for (offset, name) in Self.workers.enumerated() {
                let worker = try DemoWorker(
                    name: name, httpPort: httpPort + offset, bootstrapServers: servers, logDirectory: logs)
                started.append(worker)
                DemoInterrupts.workers.withLock { $0.append(worker) }
                note("demo: started \(name) (pid \(worker.pid), http :\(worker.httpPort), log \(worker.logPath))")
            }
            for worker in started {
                try await worker.waitReady(timeout: .seconds(timeout))
                note("demo: \(worker.name) ready")
            }
            note("demo: publishing a sample inspection and following it to FINAL")
            let sample = try SampleCommand.parse(
                bootstrap + [
                    "--inspection-id", inspectionId, "--case-files", String(caseFiles), "--seed", String(seed), "--timeout", String(timeout),
                ])
            try await sample.run()
            if keepRunning {
                note(
                    """
                    demo: the workers keep running; in another terminal try
                      KAFKA_BOOTSTRAP_SERVERS=\(servers) inspection tail
                      KAFKA_BOOTSTRAP_SERVERS=\(servers) inspection report \(inspectionId) --format html --output report.html
                      KAFKA_BOOTSTRAP_SERVERS=\(servers) inspection dlq list
                      curl -s localhost:\(httpPort + 2)/metrics
                    demo: Ctrl-C stops them
                    """)
                await DemoInterrupts.waitForever()
            }
        } catch {
            await Self.stop(started)
            throw error
        }
        let clean = await Self.stop(started)
        guard clean else { throw CLIError("a worker did not stop cleanly; see the logs in \(logs)") }
        note("demo: stopped; logs in \(logs)")
    }

    /// Stops the workers (SIGTERM, in reverse order of starting); whether every one exited 0.
    @discardableResult
    static func stop(_ workers: [DemoWorker]) async -> Bool {
        var clean = true
        for worker in workers.reversed() {
            let status = await worker.stop()
            if status != 0 {
                clean = false
                note("demo: \(worker.name) exited with \(status.map(String.init) ?? "no status (killed)")")
            }
        }
        return clean
    }
}
