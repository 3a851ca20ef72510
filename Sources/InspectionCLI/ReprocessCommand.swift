import ArgumentParser
import Foundation
import Kafka
import WorkerRuntime

/// Rebuilds the judgements beside the live consolidator (SPEC §8.6): a findings-consolidator in its own consumer
/// group, with its own state, output and dead-letter topics, reads the same inputs from the beginning; the
/// command follows it until its judgements stop changing and compares them with the live ones.
struct ReprocessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprocess",
        abstract: "Rebuild the judgements beside the live consolidator and compare them with the live ones.",
        discussion: """
            Without --start, prints the settings of the consolidator to run beside the live one (for example as a \
            second Deployment) and compares once. With --start, runs that consolidator here (next to this \
            executable), follows it until its judgements have not changed for --settle seconds, compares, and \
            stops it (its state topic keeps what it built). --switch prints the switch-over steps. See \
            "Reprocessing" in docs/operations.md.
            """)
    @OptionGroup var connection: ConnectionOptions
    @Option(help: "A name for the rebuild: its group, state, output and dead-letter topics are named after it.") var name: String
    @Option(help: "Its consumer group (default findings-consolidator-NAME).") var group: String?
    @Option(help: "Its state topic (default findings-consolidator-NAME.state).") var stateTopic: String?
    @Flag(help: "Run the consolidator here until its judgements settle.") var start = false
    @Option(help: "Seconds without a new judgement after which the rebuild counts as caught up.") var settle = 10
    @Option(help: "Longest wait, in seconds.") var timeout = 1800
    @Option(help: "HTTP port of the consolidator started with --start.") var httpPort = 18093
    @Option(help: "Folder for its log.") var logDirectory = NSTemporaryDirectory()
    @Flag(help: "Print how to switch over to the rebuilt judgements.") var `switch` = false

    /// The settings of the rebuilding consolidator.
    func settings(_ configuration: WorkerConfiguration) -> [String: String] {
        let topics = configuration.topics
        return [
            "KAFKA_GROUP_ID": group ?? "findings-consolidator-\(name)",
            "STATE_TOPIC": stateTopic ?? "findings-consolidator-\(name).state",
            "TOPIC_REPORTING_JUDGEMENTS": "\(topics.reportingJudgements).\(name)",
            "DLQ_SUFFIX": ".\(name)\(configuration.dlqSuffix)",
        ]
    }

    func validate() throws {
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw ValidationError("--name: lower-case letters, digits and hyphens only")
        }
    }

    func run() async throws {
        let configuration = try connection.configuration()
        let rebuild = settings(configuration)
        let output = rebuild["TOPIC_REPORTING_JUDGEMENTS"]!
        print("rebuilding consolidator settings (with the live one's others):")
        for key in rebuild.keys.sorted() { print("  \(key)=\(rebuild[key]!)") }
        if `switch` { printSwitchOver(configuration, rebuild) }

        var worker: DemoWorker?
        if start {
            worker = try DemoWorker(
                name: "findings-consolidator", httpPort: httpPort, bootstrapServers: configuration.kafka["bootstrap.servers"] ?? "",
                logDirectory: logDirectory, overrides: rebuild)
            try await worker!.waitReady(timeout: .seconds(120))
            note("findings-consolidator started beside the live one (log: \(worker!.logPath))")
        }
        let comparison: (identical: Int, total: Int)
        do {
            comparison = try await follow(configuration, output: output, until: start)
        } catch {
            _ = await worker?.stop()
            throw error
        }
        if let worker, await worker.stop() != 0 { note("warning: the rebuilding consolidator did not stop cleanly (log: \(worker.logPath))") }
        print("\(comparison.identical) of \(comparison.total) inspections identical")
    }

    /// Shows progress until the rebuilt judgements settle (or once, when not started here), then the comparison.
    func follow(_ configuration: WorkerConfiguration, output: String, until waitForSettle: Bool) async throws -> (identical: Int, total: Int) {
        let reader = configuration.topicReader
        let started = ContinuousClock.now
        var lastCount = -1
        var lastChange = ContinuousClock.now
        var rebuilt: [String: JSONText] = [:]
        while true {
            rebuilt = try await latest(reader, output)
            let count = rebuilt.values.reduce(0) { $0 + ($1["version"]?.integerValue ?? 0) }
            if count != lastCount {
                lastCount = count
                lastChange = .now
            }
            let finals = rebuilt.values.filter { $0["status"]?.stringValue == "FINAL" }.count
            note("rebuilt: \(rebuilt.count) inspections (\(finals) FINAL), \(Int((ContinuousClock.now - started).components.seconds)) s")
            guard waitForSettle, ContinuousClock.now - lastChange < .seconds(settle) else { break }
            guard ContinuousClock.now - started < .seconds(timeout) else { throw CLIError("the rebuild did not settle in \(timeout) s") }
            try await Task.sleep(for: .seconds(2))
        }
        let live = try await latest(reader, configuration.topics.reportingJudgements)
        var identical = 0
        for id in Set(live.keys).union(rebuilt.keys).sorted() {
            guard let before = live[id] else { print("\(id): only rebuilt"); continue }
            guard let after = rebuilt[id] else { print("\(id): not rebuilt"); continue }
            let differences = JudgementComparison.differences(live: before, rebuilt: after)
            if differences.isEmpty {
                identical += 1
                print("\(id): identical")
            } else {
                print("\(id): \(differences.count) fields differ")
                for difference in differences.prefix(50) { print("  \(difference.path): \(difference.live) → \(difference.rebuilt)") }
                if differences.count > 50 { print("  …") }
            }
        }
        return (identical, Set(live.keys).union(rebuilt.keys).count)
    }

    /// The latest judgement per inspection on a topic: the `data` of its highest version.
    func latest(_ reader: TopicReader, _ topic: String) async throws -> [String: JSONText] {
        var latest: [String: JSONText] = [:]
        try await reader.read([topic], idle: .seconds(2)) { message in
            guard let value = message.value, let data = JSONText(decoding: value)?["data"],
                let id = data["inspectionId"]?.stringValue
            else { return true }
            let version = data["version"]?.integerValue ?? 0
            if (latest[id]?["version"]?.integerValue ?? -1) < version { latest[id] = data }
            return true
        }
        return latest
    }

    func printSwitchOver(_ configuration: WorkerConfiguration, _ rebuild: [String: String]) {
        print(
            """
            switch-over, once the comparison shows only the changes intended:
              1. point the readers of \(configuration.topics.reportingJudgements) (aggregate-reporter's TOPIC_REPORTING_JUDGEMENTS, \
            downstream consumers) at \(rebuild["TOPIC_REPORTING_JUDGEMENTS"]!), or keep the topic name and
              2. run the live findings-consolidator with KAFKA_GROUP_ID=\(rebuild["KAFKA_GROUP_ID"]!), \
            STATE_TOPIC=\(rebuild["STATE_TOPIC"]!), TOPIC_REPORTING_JUDGEMENTS=\(rebuild["TOPIC_REPORTING_JUDGEMENTS"]!) \
            and DLQ_SUFFIX=\(rebuild["DLQ_SUFFIX"]!) (a rolling update), so that it goes on from where the rebuild got to;
              3. keep the old group, state and output topics until the new ones have run for a reporting period, then delete them.
            """)
    }
}
