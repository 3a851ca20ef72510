import ArgumentParser
import Foundation
import Kafka
import WorkerRuntime

/// `inspection status`: the operator's one view of the pipeline. For each worker's consumer group its members,
/// their partitions, and per partition the committed offset, the end and the lag; dead letters per topic and code;
/// each worker's readiness where its HTTP endpoint is given; and the inspections in progress with their judgement's
/// status and version. Only counts, codes, offsets, ids and statuses are shown, never an event's content.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show consumer groups and lag, dead letters, worker readiness and the inspections in progress.",
        discussion: """
            The workers' group ids come from the same settings as the workers' (KAFKA_GROUP_ID, else the worker's \
            name). Output is aligned text (in colour on a terminal unless NO_COLOR is set), or JSON with --json. \
            See "Status view" in docs/operations.md.
            """)

    @OptionGroup var connection: ConnectionOptions
    @Option(
        name: .customLong("group"),
        help: ArgumentHelp(
            "A group to show instead of the four workers' groups: WORKER=GROUP gives a worker's group id, GROUP names any group (repeatable).",
            valueName: "group"))
    var groups: [String] = []
    @Option(
        name: .customLong("health"),
        help: ArgumentHelp(
            "A worker's HTTP endpoint on loopback, NAME=http://127.0.0.1:PORT, for its /health/ready (repeatable).", valueName: "name=url"))
    var health: [String] = []
    @Flag(help: "Print the report as JSON (one object per line with --watch).") var json = false
    @Option(
        defaultAsFlag: 5, parsing: .next,
        help: ArgumentHelp("Refresh every this many seconds (5 when no value is given) until interrupted.", valueName: "seconds"))
    var watch: Int?
    @Option(help: "With --watch, stop after this many reports.") var count: Int?
    @Flag(help: "List the inspections with a FINAL judgement too.") var includeFinal = false
    @Option(help: "Seconds without a new record after which the dead-letter and judgement topics count as read.") var idle = 2

    func validate() throws {
        if let watch, watch < 1 { throw ValidationError("--watch: at least 1 second") }
        if let count, count < 1 { throw ValidationError("--count: at least 1") }
        if count != nil && watch == nil { throw ValidationError("--count needs --watch") }
        if idle < 1 { throw ValidationError("--idle: at least 1 second") }
        for value in health { _ = try StatusHealthTarget(parsing: value) }
    }

    func run() async throws {
        let configuration = try connection.configuration()
        let collector = try StatusCollector(
            configuration: configuration, groups: try StatusGroupTarget.targets(settings: configuration.settings, options: groups),
            health: try health.map(StatusHealthTarget.init(parsing:)), includeFinal: includeFinal)
        let scan = StatusTopicScan(
            judgementsTopic: configuration.topics.reportingJudgements, deadLetterTopics: DLQCommand.deadLetterTopics(configuration))
        let terminal = isatty(STDOUT_FILENO) == 1
        let renderer = StatusRenderer(colour: terminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty)
        let progress = StatusProgress()
        let idle = Duration.seconds(idle)

        guard let watch else {
            let (existing, problem) = await collector.existingTopics(scan.topics)
            async let groupReport = collector.collectGroups()
            async let healthReport = collector.probeHealth()
            await progress.around(scan) {
                await collector.read(scan.topics.filter(existing.contains), into: scan, idle: idle, follow: false)
            }
            let report = collector.assemble(
                groups: await groupReport, health: await healthReport, scan: scan, existing: existing, problems: problem.map { [$0] } ?? [])
            print(json ? try StatusRenderer.json(report, pretty: true) : renderer.lines(report).joined(separator: "\n"))
            return
        }

        // Watch: the topics are read once from the beginning, then followed; groups and readiness are asked anew
        // for every report. A dead-letter topic created later is followed from when it appears.
        var followed: Set<String> = []
        func follow(_ existing: Set<String>) {
            let new = scan.topics.filter { existing.contains($0) && !followed.contains($0) }
            guard !new.isEmpty else { return }
            followed.formUnion(new)
            Task { await collector.read(new, into: scan, idle: idle, follow: true) }
        }
        let (existing, _) = await collector.existingTopics(scan.topics)
        follow(existing)
        await progress.around(scan) {
            while ContinuousClock.now - scan.lastRecord < idle { try? await Task.sleep(for: .milliseconds(100)) }
        }
        var reports = 0
        while true {
            let (existing, problem) = await collector.existingTopics(scan.topics)
            follow(existing)
            let report = await collector.report(scan: scan, existing: existing, problems: problem.map { [$0] } ?? [])
            if json {
                print(try StatusRenderer.json(report, pretty: false))
            } else if terminal {
                // Home, each line cleared to its end, the rest of the screen cleared: a redraw without flicker.
                let footer = "refreshing every \(watch) s; Ctrl-C stops"
                print("\u{1B}[H" + (renderer.lines(report) + ["", footer]).map { $0 + "\u{1B}[K" }.joined(separator: "\n") + "\u{1B}[J")
            } else {
                print(renderer.lines(report).joined(separator: "\n") + "\n")
            }
            fflush(nil)
            reports += 1
            if let count, reports >= count { return }
            try await Task.sleep(for: .seconds(watch))
        }
    }
}
