import ArgumentParser
import Kafka
import WorkerRuntime

struct SampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Publish a realistic, seeded inspection and (by default) follow it to its FINAL judgement.",
        discussion: """
            Publishes the opening, case records, examinations, interviews and a decision; waits until the judgement \
            reflects them; then closes fieldwork (PROVISIONAL) and publishes the report (FINAL). With --no-wait \
            everything is published at once, lifecycle events last.
            """)

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "Inspection id.") var inspectionId = "INS-2026-MDI-01"
    @Option(help: "Number of case files.") var caseFiles = 24
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Flag(inversion: .prefixedNo, help: "Wait for each stage's judgement before the next.") var wait = true
    @Option(help: "Seconds to wait for each stage.") var timeout = 120
    @Option(help: "Print the final summary as markdown, html or none.") var summary = "markdown"

    func run() async throws {
        let configuration = try connection.configuration()
        var sample = SampleInspection(inspectionId: inspectionId, caseFiles: caseFiles, seed: seed)
        let producer = try KafkaProducer(configuration: configuration.kafka)
        let topics = configuration.topics
        func send(_ events: [SampleInspection.Event]) async throws {
            for event in events {
                let topic: String
                switch event.topic {
                case .inspections: topic = topics.inspections
                case .casefiles: topic = topics.casefiles
                case .interviews: topic = topics.interviews
                }
                let value = try event.value.encoded()
                _ = try await producer.send(
                    ProducerRecord(
                        topic: topic, key: Array(inspectionId.utf8), value: value,
                        headers: [KafkaHeader(name: "content-type", string: "application/cloudevents+json")]))
            }
        }
        let opening = sample.opening()
        let evidence = sample.evidence()
        try await send([opening] + evidence)
        note("published \(1 + evidence.count) events for \(inspectionId): \(caseFiles) case files, \(sample.interviewCount) interviews")
        let watcher = JudgementWatcher(configuration: configuration, inspectionId: inspectionId)
        if wait {
            let expectedInterviews = sample.interviewCount
            let cases = caseFiles
            try await watcher.wait(timeout: .seconds(timeout), what: "all evidence") {
                $0.caseFiles == cases && $0.totalInterviews == expectedInterviews
            }
            try await send([sample.fieldworkClosed()])
            try await watcher.wait(timeout: .seconds(timeout), what: "PROVISIONAL") { $0.status == "PROVISIONAL" }
            note("fieldwork closed: joint provisional findings published")
        } else {
            try await send([sample.fieldworkClosed()])
        }
        try await send([sample.reportPublished()])
        await producer.close()
        guard wait else { return }
        let final = try await watcher.wait(timeout: .seconds(timeout), what: "FINAL") { $0.status == "FINAL" }
        note("report published: FINAL judgement version \(final.version)")
        switch summary {
        case "markdown": print(JudgementRenderer.markdown(final))
        case "html": print(JudgementRenderer.html(final))
        default: break
        }
    }
}

/// Follows `reporting.judgements` for one inspection.
struct JudgementWatcher {
    let configuration: WorkerConfiguration
    let inspectionId: String

    /// Waits until the latest judgement satisfies `condition`, returning it.
    @discardableResult
    func wait(timeout: Duration, what: String, _ condition: @escaping (JudgementView) -> Bool) async throws -> JudgementView {
        var latest: JudgementView?
        var matched: JudgementView?
        try await configuration.topicReader.read([configuration.topics.reportingJudgements], timeout: timeout, follow: true) { message in
            guard message.key == Array(inspectionId.utf8), let value = message.value, let view = JudgementView(cloudEvent: value) else { return true }
            if latest.map({ view.version >= $0.version }) ?? true { latest = view }
            if let latest, condition(latest) { matched = latest; return false }
            return true
        }
        guard let matched else {
            throw CLIError(
                "timed out after \(timeout) waiting for \(what) in \(inspectionId)'s judgement (latest: \(latest.map { "version \($0.version), \($0.status), \($0.caseFiles) case files, \($0.totalInterviews) interviews" } ?? "none"))"
            )
        }
        return matched
    }
}
